import { Anchor, Badge, Group, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CommitmentBoard, CommitmentSummary, PartyTally } from '../../../core/commitments/schemas';
import { useCommitmentFormat } from './format';
import { STATUS_COLOURS, STATUS_LABELS } from './labels';

const TALLIES = [
  'promised',
  'open',
  'inProgress',
  'overdue',
  'awaitingConfirmation',
  'delivered',
  'dropped',
  'onTime',
] as const;

/** Per party: what each side promised and delivered, and its on-time rate (over what the reader may see). */
export function TallyTable({ parties, caption }: { parties: PartyTally[]; caption: string }) {
  const { t } = useTranslation();
  const format = useCommitmentFormat();
  if (parties.length === 0) return null;
  return (
    // Wide on a phone: the table scrolls sideways in its own region, the page does not.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section aria-label={caption} tabIndex={0} style={SCROLL}>
      <Table striped miw={720}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('commitments.party')}</Table.Th>
            {TALLIES.map((key) => (
              <Table.Th key={key} scope="col" ta="end">
                {t(`commitments.tally.${key}`)}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="end">
              {t('commitments.tally.onTimeRate')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {parties.map((row) => (
            <Table.Tr key={row.party}>
              <Table.Th scope="row">{row.party}</Table.Th>
              {TALLIES.map((key) => (
                <Table.Td key={key} ta="end" c={key === 'overdue' && row.overdue > 0 ? 'red.8' : undefined}>
                  {format.count(row[key])}
                </Table.Td>
              ))}
              <Table.Td ta="end" fw={600}>
                {row.onTimeRate === null ? t('commitments.noRate') : format.rate(row.onTimeRate)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

const SCROLL = { overflowX: 'auto', maxWidth: '100%' } as const;

/** Commitments, overdue first (as the server orders them), each with its owner, due date and state. */
export function CommitmentList({
  items,
  showGroup = true,
}: {
  items: CommitmentSummary[];
  showGroup?: boolean;
}) {
  const { t } = useTranslation();
  const format = useCommitmentFormat();
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('commitments.none')}
      </Text>
    );
  return (
    <div style={SCROLL}>
      <Table miw={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('commitments.titleField')}</Table.Th>
            {showGroup && <Table.Th scope="col">{t('commitments.group')}</Table.Th>}
            <Table.Th scope="col">{t('commitments.owner')}</Table.Th>
            <Table.Th scope="col">{t('commitments.dueOn')}</Table.Th>
            <Table.Th scope="col">{t('commitments.statusFilter')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor component={Link} to={`/commitments/${item.id}`}>
                  <span dir="auto">{item.title}</span>
                </Anchor>
              </Table.Td>
              {showGroup && <Table.Td>{item.groupCode}</Table.Td>}
              <Table.Td>
                {item.ownerParty} · <bdi>{item.owner.displayName}</bdi>
              </Table.Td>
              <Table.Td>{format.date(item.dueOn)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="wrap">
                  <StatusBadge item={item} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

export function StatusBadge({ item }: { item: Pick<CommitmentSummary, 'status' | 'overdue' | 'confirmed'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Badge variant="light" color={STATUS_COLOURS[item.status]} radius="sm" tt="none">
        {t(STATUS_LABELS[item.status])}
      </Badge>
      {item.overdue && (
        <Badge variant="filled" color="red.8" radius="sm" tt="none">
          {t('commitments.overdue')}
        </Badge>
      )}
      {item.status === 'done' && (
        <Badge variant="light" color={item.confirmed ? 'teal' : 'violet'} radius="sm" tt="none">
          {t(item.confirmed ? 'commitments.confirmed' : 'commitments.awaitingConfirmation')}
        </Badge>
      )}
    </>
  );
}

/** The board: tallies per party, then the commitments. */
export function BoardView({ board, showGroup = true }: { board: CommitmentBoard; showGroup?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <div>
        <Title order={3} size="h5">
          {t('commitments.tallies')}
        </Title>
        <TallyTable parties={board.parties} caption={t('commitments.tallyCaption')} />
      </div>
      <CommitmentList items={board.items} showGroup={showGroup} />
    </>
  );
}
