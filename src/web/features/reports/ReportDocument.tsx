import { DataList, Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportView } from '../../../core/reports/schemas';
import { type Fact, FactList } from '../../components/FactList';
import { MarkingBanner } from '../../components/MarkingBanner';
import { MarkedDocument, Paragraphs, ReportStatusBadge, Tags } from './parts';
import classes from './reports.module.css';
import { useFormatDate } from './use-format-date';

/**
 * A report as its reader may read it, the same on screen and on paper: the
 * banner top and bottom, the header, the classification authority block and
 * every paragraph behind its portion mark.
 */
export function ReportDocument({ report }: { report: ReportView }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const authority = report.classificationAuthority;
  const rows: Fact[] = [
    [t('reports.field.reference'), <bdi key="reference">{report.reference}</bdi>],
    [
      t('reports.field.date'),
      <time key="date" dateTime={report.date}>
        {formatDate(report.date)}
      </time>,
    ],
    [
      t('reports.field.author'),
      report.author ? (
        <bdi key="author" dir="auto">
          {report.author.displayName}
        </bdi>
      ) : (
        report.authorParty
      ),
    ],
  ];
  if (report.source?.originator)
    rows.push([
      t('reports.field.source'),
      <bdi key="source" dir="ltr">
        {[report.source.originator, report.source.serial].filter(Boolean).join(' ')}
      </bdi>,
    ]);
  if (report.tags.length > 0) rows.push([t('reports.field.tags'), <Tags key="tags" tags={report.tags} />]);

  return (
    <MarkedDocument banner={report.banner}>
      <header>
        <Group gap="xs" mb={4}>
          <ReportStatusBadge status={report.status} />
        </Group>
        <Title order={1}>
          <span className={classes.portionMark}>
            <MarkingBanner marking={report.headerMarking} variant="portion" />
          </span>
          <span dir="auto">{report.title}</span>
        </Title>
        {report.subject && report.subject !== report.title && (
          <Text mt="xs" dir="auto" className={classes.userText}>
            <Text span fw={700}>
              {t('reports.field.subject')}:{' '}
            </Text>
            {report.subject}
          </Text>
        )}
      </header>
      <FactList facts={rows} />
      <section aria-labelledby="report-authority-title">
        <Title order={2} size="h4" id="report-authority-title">
          {t('reports.authority.title')}
        </Title>
        <DataList labelWidth={160} mt={4}>
          <DataList.Item>
            <DataList.ItemLabel>{t('reports.authority.classifiedBy')}</DataList.ItemLabel>
            <DataList.ItemValue dir="auto">
              {authority.classifiedBy ?? t('reports.notGiven')}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('reports.authority.reasons')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {authority.reasons.length ? (
                <bdi dir="ltr">{authority.reasons.join(', ')}</bdi>
              ) : (
                t('reports.notGiven')
              )}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('reports.authority.declassifyOn')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {authority.declassifyOn ? (
                <time dateTime={authority.declassifyOn}>{formatDate(authority.declassifyOn)}</time>
              ) : (
                t('reports.notGiven')
              )}
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
      </section>
      <section aria-labelledby="report-text-title">
        <Title order={2} size="h4" id="report-text-title" mb="sm">
          {t('reports.text')}
        </Title>
        <Paragraphs paragraphs={report.paragraphs} />
      </section>
    </MarkedDocument>
  );
}
