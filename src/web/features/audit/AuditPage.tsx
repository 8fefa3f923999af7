import { Button, Code, Drawer, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import type { ParseKeys } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryDto } from '../../../core/audit/schemas';
import { NotFoundContent } from '../../app/NotFoundPage';
import { FactList } from '../../components/FactList';
import { Loaded } from '../../components/Loaded';
import { MarkingBanner } from '../../components/MarkingBanner';
import { useFormatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/use-page-title';
import { useSignedInMe } from '../identity/api';
import { ACTION_LABELS, SUBJECT_LABELS } from './actions';
import { type AuditFilter, useAuditEntries } from './api';
import { CheckpointsSection } from './CheckpointsSection';

export default function AuditPage() {
  const { t } = useTranslation();
  const { abilities } = useSignedInMe();
  usePageTitle(t('audit.title'));
  // The server answers everyone else 404, and so does this page.
  if (!abilities.audit) return <NotFoundContent />;
  return (
    <Stack gap="lg" maw={1200}>
      <div>
        <Title order={1}>{t('audit.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('audit.intro')}
        </Text>
      </div>
      <AuditLog />
      <CheckpointsSection />
    </Stack>
  );
}

function AuditLog() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>({ action: null, subjectType: null });
  const [shown, setShown] = useState<AuditEntryDto | null>(null);
  const query = useAuditEntries(filter);
  const options = (labels: Record<string, ParseKeys>) =>
    Object.entries(labels).map(([value, label]) => ({ value, label: t(label) as string }));

  return (
    <section aria-labelledby="audit-log-title">
      <Title order={2} size="h3" id="audit-log-title">
        {t('audit.logTitle')}
      </Title>
      <Group mt="sm" gap="sm" align="end">
        <Select
          label={t('audit.filterAction')}
          placeholder={t('audit.any')}
          data={options(ACTION_LABELS)}
          value={filter.action}
          onChange={(action) => setFilter({ ...filter, action })}
          clearable
          searchable
          w={260}
        />
        <Select
          label={t('audit.filterSubject')}
          placeholder={t('audit.any')}
          data={options(SUBJECT_LABELS)}
          value={filter.subjectType}
          onChange={(subjectType) => setFilter({ ...filter, subjectType })}
          clearable
          w={220}
        />
      </Group>
      <Loaded data={query.data} error={query.error} refetch={() => void query.refetch()}>
        {(data) => {
          const entries = data.pages.flatMap((page) => page.entries);
          if (entries.length === 0) return <Text mt="md">{t('audit.none')}</Text>;
          return (
            <>
              <EntriesTable entries={entries} onOpen={setShown} />
              {query.hasNextPage && (
                <Button
                  variant="default"
                  mt="sm"
                  loading={query.isFetchingNextPage}
                  onClick={() => void query.fetchNextPage()}
                >
                  {t('audit.older')}
                </Button>
              )}
            </>
          );
        }}
      </Loaded>
      <Drawer
        opened={shown !== null}
        onClose={() => setShown(null)}
        title={t('audit.entryTitle', { seq: shown?.seq ?? '' })}
        position="right"
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {shown && <EntryDetails entry={shown} />}
      </Drawer>
    </section>
  );
}

function useActionLabel() {
  const { t } = useTranslation();
  return (action: string) => {
    const key = ACTION_LABELS[action];
    return key ? (t(key) as string) : action;
  };
}

function EntriesTable({
  entries,
  onOpen,
}: {
  entries: AuditEntryDto[];
  onOpen: (entry: AuditEntryDto) => void;
}) {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const actionLabel = useActionLabel();
  return (
    <Table.ScrollContainer minWidth={900} mt="md">
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.seq')}</Table.Th>
            <Table.Th>{t('audit.when')}</Table.Th>
            <Table.Th>{t('audit.who')}</Table.Th>
            <Table.Th>{t('audit.what')}</Table.Th>
            <Table.Th>{t('audit.about')}</Table.Th>
            <Table.Th>{t('audit.from')}</Table.Th>
            <Table.Th>{t('audit.marking')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.seq}>
              <Table.Td>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => onOpen(entry)}
                  aria-label={t('audit.open', { seq: entry.seq })}
                >
                  {entry.seq}
                </Button>
              </Table.Td>
              <Table.Td>{formatTime(entry.occurredAt)}</Table.Td>
              <Table.Td>
                <span dir="ltr">{entry.actor.username}</span>
                {entry.actor.party && <Text span c="dimmed" size="sm">{` · ${entry.actor.party}`}</Text>}
              </Table.Td>
              <Table.Td>{actionLabel(entry.action)}</Table.Td>
              <Table.Td>
                <Subject entry={entry} />
              </Table.Td>
              <Table.Td>
                <span dir="ltr">{entry.ip ?? '—'}</span>
              </Table.Td>
              <Table.Td>
                <MarkingBanner marking={entry.marking} variant="portion" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Subject({ entry }: { entry: AuditEntryDto }) {
  const { t } = useTranslation();
  const label = SUBJECT_LABELS[entry.subject.type];
  const details = (entry.details ?? {}) as { code?: unknown };
  const name = typeof details.code === 'string' ? details.code : entry.subject.id?.slice(0, 8);
  return (
    <>
      {label ? t(label) : entry.subject.type}
      {name && (
        <Text span c="dimmed" size="sm" dir="ltr">
          {` ${name}`}
        </Text>
      )}
    </>
  );
}

function EntryDetails({ entry }: { entry: AuditEntryDto }) {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const actionLabel = useActionLabel();
  const rows: [string, React.ReactNode][] = [
    [t('audit.when'), formatTime(entry.occurredAt)],
    [
      t('audit.who'),
      <span
        dir="ltr"
        key="who"
      >{`${entry.actor.username}${entry.actor.party ? ` (${entry.actor.party})` : ''}`}</span>,
    ],
    [t('audit.what'), `${actionLabel(entry.action)} · ${entry.action}`],
    [t('audit.about'), <Subject entry={entry} key="about" />],
    [
      t('audit.from'),
      <span dir="ltr" key="from">
        {entry.ip ?? '—'}
      </span>,
    ],
    [t('audit.beforeDigest'), <Digest value={entry.beforeDigest} key="before" />],
    [t('audit.afterDigest'), <Digest value={entry.afterDigest} key="after" />],
    [t('audit.prevHash'), <Digest value={entry.prevHash} key="prev" />],
    [t('audit.hash'), <Digest value={entry.hash} key="hash" />],
    [
      t('audit.details'),
      <Code block dir="ltr" key="details">
        {JSON.stringify(entry.details, null, 2)}
      </Code>,
    ],
  ];
  return (
    <Stack gap="md">
      <MarkingBanner marking={entry.marking} />
      <FactList facts={rows} />
    </Stack>
  );
}

function Digest({ value }: { value: string | null }) {
  if (!value) return <>—</>;
  return (
    <Code dir="ltr" style={{ wordBreak: 'break-all' }}>
      {value}
    </Code>
  );
}
