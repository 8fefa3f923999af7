import { Checkbox, NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { COMMITMENT_STATUSES } from '../../../core/commitments/lifecycle';
import { Section } from '../../components/Section';
import { ErrorAlert } from '../../lib/errors';
import { useLocalised } from '../../lib/use-localised';
import { usePageTitle } from '../../lib/use-page-title';
import { useWorkingGroups } from '../working-groups/api';
import { useCommitmentBoard, useCommitments } from './api';
import { CommitmentList, TallyTable } from './CommitmentBoardView';
import { STATUS_LABELS } from './labels';

/**
 * The commitments board (/commitments): per party what each side promised and
 * delivered with its on-time rate, then the commitments, overdue first;
 * filters by group, party, status and overdue kept in the address.
 */
export default function CommitmentsPage() {
  const { t } = useTranslation();
  usePageTitle(t('commitments.title'));
  const localised = useLocalised();
  const [params, setParams] = useSearchParams();
  const group = params.get('group') ?? '';
  const party = params.get('party') ?? '';
  const status = params.get('status') ?? '';
  const overdue = params.get('overdue') === 'true';
  const groups = useWorkingGroups();
  const board = useCommitmentBoard({ group, party });
  const list = useCommitments({ group, party, status, ...(overdue && { overdue: 'true' as const }) });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const parties = [...new Set((groups.data ?? []).flatMap((item) => item.parties))];
  return (
    <Stack gap="lg" maw={1200}>
      <div>
        <Title order={1}>{t('commitments.title')}</Title>
        <Text mt={4}>{t('commitments.intro')}</Text>
      </div>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} verticalSpacing="xs">
        <NativeSelect
          label={t('commitments.group')}
          value={group}
          onChange={(event) => set('group', event.currentTarget.value)}
          data={[
            { value: '', label: t('commitments.all') },
            ...(groups.data ?? []).map((item) => ({ value: item.id, label: localised(item.names) })),
          ]}
        />
        <NativeSelect
          label={t('commitments.party')}
          value={party}
          onChange={(event) => set('party', event.currentTarget.value)}
          data={[
            { value: '', label: t('commitments.all') },
            ...parties.map((code) => ({ value: code, label: code })),
          ]}
        />
        <NativeSelect
          label={t('commitments.statusFilter')}
          value={status}
          onChange={(event) => set('status', event.currentTarget.value)}
          data={[
            { value: '', label: t('commitments.all') },
            {
              value: 'open,in-progress',
              label: `${t(STATUS_LABELS.open)} + ${t(STATUS_LABELS['in-progress'])}`,
            },
            ...COMMITMENT_STATUSES.map((value) => ({ value, label: t(STATUS_LABELS[value]) })),
          ]}
        />
        <Checkbox
          label={t('commitments.overdueOnly')}
          checked={overdue}
          onChange={(event) => set('overdue', event.currentTarget.checked ? 'true' : '')}
          mt={{ base: 0, md: 30 }}
        />
      </SimpleGrid>
      <Section
        id="commitment-tallies"
        title={t('commitments.tallies')}
        description={t('commitments.tallyCaption')}
      >
        <ErrorAlert error={board.error} />
        {board.data &&
          (board.data.parties.length === 0 ? (
            <Text size="sm" c="dimmed" mt="sm">
              {t('commitments.none')}
            </Text>
          ) : (
            <TallyTable parties={board.data.parties} caption={t('commitments.tallyCaption')} />
          ))}
      </Section>
      <Section id="commitment-list" title={t('commitments.title')}>
        <ErrorAlert error={list.error} />
        {list.data && <CommitmentList items={list.data.items} />}
      </Section>
    </Stack>
  );
}
