import { Anchor, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ExchangeView } from '../../../core/exchanges/schemas';
import { MarkingBanner } from '../../components/MarkingBanner';
import { ErrorAlert } from '../../lib/errors';
import { useFormatDateTime } from '../../lib/time';
import { type ExchangeFilter, useExchanges } from './api';
import { KIND_LABELS, useReciprocityFormat } from './format';

export interface OpenPeriod {
  /** The period's name, as the table shows it. */
  name: string;
  since: string;
  until: string;
}

/** The ledger's records of one period between the pair, each way, each linked to the record it points to. */
export function DrillDown({
  open,
  partyA,
  partyB,
  category,
  onClose,
}: {
  open: OpenPeriod | null;
  partyA: string;
  partyB: string;
  category: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useReciprocityFormat();
  return (
    <Modal
      opened={open !== null}
      onClose={onClose}
      size="xl"
      title={open ? t('reciprocity.recordsOf', { period: open.name }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {open && (
        <Stack gap="lg">
          {[
            [partyA, partyB],
            [partyB, partyA],
          ].map(([from, to]) => (
            <Direction
              key={`${from}-${to}`}
              filter={{
                from: from as string,
                to: to as string,
                since: open.since,
                until: open.until,
                category,
              }}
              title={t('reciprocity.fromTo', {
                from: format.party(from as string),
                to: format.party(to as string),
              })}
            />
          ))}
        </Stack>
      )}
    </Modal>
  );
}

function Direction({ filter, title }: { filter: ExchangeFilter; title: string }) {
  const { t } = useTranslation();
  const records = useExchanges(filter);
  const id = `records-${filter.from}-${filter.to}`;
  return (
    <section aria-labelledby={id}>
      <Title order={3} size="h5" id={id} mb="xs">
        {title}
      </Title>
      <ErrorAlert error={records.error} />
      {records.isPending && <Text size="sm">{t('common.loading')}</Text>}
      {records.data &&
        (records.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('reciprocity.noRecords')}
          </Text>
        ) : (
          <>
            <RecordTable items={records.data.items} caption={title} />
            {records.data.total > records.data.items.length && (
              <Text size="sm" c="dimmed" mt="xs">
                {t('reciprocity.shownOf', {
                  shown: records.data.items.length,
                  total: records.data.total,
                })}
              </Text>
            )}
          </>
        ))}
    </section>
  );
}

function RecordTable({ items, caption }: { items: ExchangeView[]; caption: string }) {
  const { t } = useTranslation();
  const format = useReciprocityFormat();
  const dateTime = useFormatDateTime();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section aria-label={caption} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      <Table striped miw={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reciprocity.kind')}</Table.Th>
            <Table.Th scope="col">{t('reciprocity.category')}</Table.Th>
            <Table.Th scope="col">{t('reciprocity.at')}</Table.Th>
            <Table.Th scope="col">{t('reciprocity.marking')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                {item.subject.link ? (
                  <Anchor component={Link} to={item.subject.link}>
                    {t(KIND_LABELS[item.kind])}
                  </Anchor>
                ) : (
                  t(KIND_LABELS[item.kind])
                )}
                {item.throughParty && (
                  <Text size="xs" c="dimmed">
                    {t('reciprocity.through', { party: format.party(item.throughParty) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <span dir="auto">{format.category(item.category)}</span>
              </Table.Td>
              <Table.Td>{dateTime(item.at)}</Table.Td>
              <Table.Td>
                <MarkingBanner marking={item.marking} variant="portion" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
