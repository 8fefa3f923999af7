import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { SearchHit } from '../../../core/search/schemas';
import { Loaded } from '../../components/Loaded';
import { MarkingBanner } from '../../components/MarkingBanner';
import { useDeployment } from '../../lib/deployment';
import { useLocalised } from '../../lib/use-localised';
import { usePageTitle } from '../../lib/use-page-title';
import { type SearchFilter, useSearch } from './api';
import { Snippet, typedDirection } from './parts';
import classes from './reports.module.css';
import { useFormatDate } from './use-format-date';

const FILTERS = ['q', 'type', 'tag', 'from', 'to', 'marking'] as const;

const TYPES = [
  { value: '', label: 'search.type.all' },
  { value: 'report', label: 'search.type.report' },
  { value: 'release', label: 'search.type.release' },
  { value: 'request', label: 'search.type.request' },
  { value: 'message', label: 'search.type.message' },
  { value: 'meeting', label: 'search.type.meeting' },
  { value: 'minutes', label: 'search.type.minutes' },
  { value: 'commitment', label: 'search.type.commitment' },
] as const;

/** Each kind of hit, where it opens and the badge that tells it apart. */
const KINDS = {
  report: { path: 'reports', badge: 'search.type.reportBadge' },
  release: { path: 'releases', badge: 'search.type.releaseBadge' },
  request: { path: 'requests', badge: 'search.type.requestBadge' },
  message: { path: 'channels', badge: 'search.type.messageBadge' },
  meeting: { path: 'meetings', badge: 'search.type.meetingBadge' },
  minutes: { path: 'meetings', badge: 'search.type.minutesBadge' },
  commitment: { path: 'commitments', badge: 'search.type.commitmentBadge' },
} as const;

/** Search in any of the three languages; the question lives in the address, so Back returns to the results. */
export default function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = Object.fromEntries(
    FILTERS.map((name) => [name, params.get(name) ?? '']),
  ) as Required<SearchFilter>;
  const levels = useDeployment().data?.classification.levels ?? [];
  const localised = useLocalised();
  const [draft, setDraft] = useState(asked);
  const search = useSearch(asked);
  usePageTitle(asked.q ? `${asked.q} · ${t('search.title')}` : t('search.title'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = draft[name]?.trim();
      if (value) next.set(name, value);
    }
    setParams(next);
  };
  const set = (name: (typeof FILTERS)[number]) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setDraft((current) => ({ ...current, [name]: value }));
  };

  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Title order={1}>{t('search.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('search.intro')}
        </Text>
      </div>
      <form onSubmit={submit} aria-label={t('search.title')}>
        <Stack gap="sm">
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <TextInput
              type="search"
              label={t('search.query')}
              dir="auto"
              ref={typedDirection}
              flex={1}
              value={draft.q}
              onChange={set('q')}
            />
            <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />}>
              {t('search.submit')}
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3, md: 5 }}>
            <NativeSelect
              label={t('search.type.label')}
              value={draft.type}
              onChange={set('type')}
              data={TYPES.map((type) => ({ value: type.value, label: t(type.label) }))}
            />
            <NativeSelect
              label={t('search.marking')}
              value={draft.marking}
              onChange={set('marking')}
              data={[
                { value: '', label: t('search.anyMarking') },
                ...levels.map((level) => ({ value: level.code, label: localised(level.names) })),
              ]}
            />
            <TextInput label={t('search.tag')} dir="ltr" value={draft.tag} onChange={set('tag')} />
            <TextInput type="date" label={t('search.from')} value={draft.from} onChange={set('from')} />
            <TextInput type="date" label={t('search.to')} value={draft.to} onChange={set('to')} />
          </SimpleGrid>
        </Stack>
      </form>
      {asked.q.trim() && (
        <section aria-labelledby="search-results-title">
          <Title order={2} size="h3" id="search-results-title" mb="sm">
            {t('search.results')}
          </Title>
          <Loaded data={search.data} error={search.error} refetch={() => void search.refetch()}>
            {({ hits }) =>
              hits.length === 0 ? (
                <Text role="status">{t('search.none')}</Text>
              ) : (
                <Stack component="ol" gap="sm" className={classes.plainList}>
                  {hits.map((hit) => (
                    <li key={`${hit.type}-${hit.id}-${hit.paragraphId}`}>
                      <HitCard hit={hit} />
                    </li>
                  ))}
                </Stack>
              )
            }
          </Loaded>
        </section>
      )}
    </Stack>
  );
}

/**
 * A hit opens where it was found: the report or release at its paragraph, or
 * the request; a message of a request's thread, the request (whose page every
 * reader of the request may open, following the thread or not).
 */
const hitUrl = (hit: SearchHit) => {
  if (hit.requestId) return `/requests/${encodeURIComponent(hit.requestId)}`;
  const page = `/${KINDS[hit.type].path}/${encodeURIComponent(hit.id)}`;
  if (hit.type === 'minutes') return `${page}#meeting-minutes`;
  return hit.type === 'report' || hit.type === 'release' || hit.type === 'message'
    ? `${page}#paragraph-${encodeURIComponent(hit.paragraphId)}`
    : page;
};

function HitCard({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap={6}>
        <MarkingBanner marking={hit.portion} />
        <Group gap="xs" align="baseline" wrap="wrap">
          <Anchor component={Link} to={hitUrl(hit)} fw={700}>
            <span dir="auto">{hit.title}</span>
          </Anchor>
          <Badge variant="light" color="gray" radius="sm" tt="none">
            {t(KINDS[hit.type].badge)}
          </Badge>
          <Text span size="sm" c="dimmed">
            <bdi dir="ltr">{hit.reference}</bdi> · <time dateTime={hit.date}>{formatDate(hit.date)}</time>
          </Text>
        </Group>
        <Snippet text={hit.snippet} highlights={hit.highlights} />
      </Stack>
    </Paper>
  );
}
