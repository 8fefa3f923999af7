import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MarkingView } from '../../../core/directory/schemas';
import type { ReportSummary } from '../../../core/reports/schemas';
import { MarkingBanner } from '../../components/MarkingBanner';
import classes from './reports.module.css';
import { segments } from './segments';
import { useFormatDate } from './use-format-date';

type Status = ReportSummary['status'];

const STATUS_LABELS = {
  draft: 'reports.status.draft',
  review: 'reports.status.review',
  published: 'reports.status.published',
} as const;

const STATUS_COLOURS: Record<Status, string> = { draft: 'gray', review: 'orange', published: 'teal' };

export function ReportStatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} variant="light" radius="sm" tt="none">
      {t(STATUS_LABELS[status])}
    </Badge>
  );
}

export function Tags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <Group gap={4} dir="ltr">
      {tags.map((tag) => (
        <Badge key={tag} variant="outline" color="gray" radius="sm" tt="none">
          {tag}
        </Badge>
      ))}
    </Group>
  );
}

export interface Mention {
  entityId: string;
  start: number;
  end: number;
  text: string;
}

/** The text with each entity it names turned into a link to the entity's page. */
export function MentionedText({ text, mentions = [] }: { text: string; mentions?: Mention[] }) {
  return (
    <>
      {segments(text, mentions, (mention) => [mention.start, mention.end]).map(
        ({ text: piece, range, start }) =>
          range ? (
            <Anchor
              key={start}
              component={Link}
              to={`/entities/${encodeURIComponent(range.entityId)}`}
              className={classes.mention}
              inherit
            >
              {piece}
            </Anchor>
          ) : (
            piece
          ),
      )}
    </>
  );
}

export interface DocumentParagraph {
  id: string;
  number: number | null;
  heading: string | null;
  text: string;
  portion: MarkingView;
  mentions?: Mention[];
}

/** Paragraphs as printed: each opens with its portion mark, "(S//NF)", then the text as written. */
export function Paragraphs({ paragraphs }: { paragraphs: DocumentParagraph[] }) {
  const { t } = useTranslation();
  if (paragraphs.length === 0) return <Text c="dimmed">{t('reports.noParagraphs')}</Text>;
  return (
    <Stack gap="md">
      {paragraphs.map((paragraph) => (
        <div key={paragraph.id} id={`paragraph-${paragraph.id}`}>
          {paragraph.heading && (
            <Text fw={700} dir="auto" mb={4}>
              {paragraph.heading}
            </Text>
          )}
          <p className={classes.paragraph}>
            <span className={classes.portionMark}>
              <MarkingBanner marking={paragraph.portion} variant="portion" />
            </span>
            {paragraph.number !== null && (
              <>
                <bdi dir="ltr" className={classes.paragraphNumber}>
                  ¶{paragraph.number}
                </bdi>{' '}
              </>
            )}
            <span dir="auto" className={classes.userText}>
              <MentionedText text={paragraph.text} mentions={paragraph.mentions} />
            </span>
          </p>
        </div>
      ))}
    </Stack>
  );
}

/**
 * A marked document: its banner at the top and at the bottom, on screen and
 * on every printed page, around whatever it holds.
 */
export function MarkedDocument({ banner, children }: { banner: MarkingView; children: ReactNode }) {
  return (
    <div className={classes.printFrame}>
      <div className={classes.printHead}>
        <MarkingBanner marking={banner} />
      </div>
      <div className={classes.printBody}>
        <Stack gap="lg" py="md">
          {children}
        </Stack>
      </div>
      <div className={classes.printFoot}>
        <MarkingBanner marking={banner} />
      </div>
    </div>
  );
}

/** Reports in a list: reference (the link), title, date, status, tags and the banner of what the reader sees. */
export function ReportRows({ reports }: { reports: ReportSummary[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  if (reports.length === 0) return <Text>{t('reports.none')}</Text>;
  return (
    <Stack component="ul" gap={0} className={classes.plainList}>
      {reports.map((report) => (
        <li key={report.id} className={classes.row}>
          <Stack gap={6} py="sm">
            <MarkingBanner marking={report.banner} variant="portion" />
            <Group gap="xs" wrap="wrap" align="baseline">
              <Anchor component={Link} to={`/reports/${encodeURIComponent(report.id)}`} fw={700}>
                <bdi dir="ltr">{report.reference}</bdi>
              </Anchor>
              <Text span dir="auto" fw={600} className={classes.userText}>
                {report.title}
              </Text>
            </Group>
            <Group gap="xs" wrap="wrap">
              <Text span size="sm" c="dimmed">
                <time dateTime={report.date}>{formatDate(report.date)}</time>
              </Text>
              <ReportStatusBadge status={report.status} />
              <Tags tags={report.tags} />
            </Group>
          </Stack>
        </li>
      ))}
    </Stack>
  );
}

/** A search snippet with its matched words marked: text nodes and <mark>, never HTML from the server. */
export function Snippet({ text, highlights }: { text: string; highlights: [number, number][] }) {
  return (
    <Text dir="auto" size="sm" className={classes.snippet}>
      {segments(text, highlights, (range) => range).map(({ text: piece, range, start }) =>
        range ? <mark key={start}>{piece}</mark> : piece,
      )}
    </Text>
  );
}

/**
 * Mantine 9 puts an input's `dir` on its wrapper, where `auto` cannot see what
 * is typed; this ref puts dir="auto" on the field itself, so Arabic and Hebrew
 * run right to left as they are typed, and English left to right, in any layout.
 */
export function typedDirection(element: HTMLInputElement | HTMLTextAreaElement | null): void {
  element?.setAttribute('dir', 'auto');
}
