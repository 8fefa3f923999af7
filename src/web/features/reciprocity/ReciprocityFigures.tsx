import { BarChart } from '@mantine/charts';
import { Button, Card, SimpleGrid, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PartyDto } from '../../../core/directory/schemas';
import type { Reciprocity } from '../../../core/exchanges/schemas';
import { directionOf } from '../../../core/i18n/locales';
import { currentLocale } from '../../app/i18n';
import { useReciprocityFormat } from './format';

type Figures = Pick<Reciprocity, 'partyA' | 'partyB' | 'period' | 'periods' | 'total'>;

/** The totals each way over the range and the asymmetry index. */
export function Totals({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  const format = useReciprocityFormat();
  const a = format.party(figures.partyA);
  const b = format.party(figures.partyB);
  const cards = [
    { label: t('reciprocity.fromTo', { from: a, to: b }), value: format.count(figures.total.aToB) },
    { label: t('reciprocity.fromTo', { from: b, to: a }), value: format.count(figures.total.bToA) },
    { label: t('reciprocity.asymmetry'), value: format.asymmetry(figures.total.asymmetry) },
  ];
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" component="dl" m={0}>
      {cards.map((card) => (
        <Card key={card.label} withBorder padding="md" radius="md">
          <Text component="dt" size="sm" c="dimmed">
            {card.label}
          </Text>
          <Text component="dd" m={0} fz={28} fw={700} lh={1.2}>
            {card.value}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/**
 * A diverging bar per period: A→B above the line, B→A below it. Pointer users
 * open a period's records from its bar; the table below is the same figures
 * for everyone else, so the picture itself is hidden from assistive technology.
 */
export function PeriodChart({
  figures,
  parties,
  onOpen,
}: {
  figures: Figures;
  parties: PartyDto[] | undefined;
  onOpen: (start: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useReciprocityFormat();
  const rtl = directionOf(currentLocale(i18n.language)) === 'rtl';
  const colourOf = (code: string, fallback: string) =>
    parties?.find((party) => party.code === code)?.colour ?? fallback;
  const a = format.party(figures.partyA);
  const b = format.party(figures.partyB);
  const data = figures.periods.map((period) => ({
    start: period.start,
    name: format.period(figures.period, period.start),
    aToB: period.aToB,
    bToA: -period.bToA,
  }));
  return (
    <div aria-hidden>
      <BarChart
        h={260}
        data={data}
        dataKey="name"
        type="stacked"
        withLegend
        accessibilityLayer={false}
        series={[
          {
            name: 'aToB',
            label: t('reciprocity.fromTo', { from: a, to: b }),
            color: colourOf(figures.partyA, 'blue.6'),
          },
          {
            name: 'bToA',
            label: t('reciprocity.fromTo', { from: b, to: a }),
            color: colourOf(figures.partyB, 'orange.6'),
          },
        ]}
        barChartProps={{ stackOffset: 'sign' }}
        barProps={{
          cursor: 'pointer',
          onClick: (bar: { payload?: { start?: string } }) => {
            if (bar.payload?.start) onOpen(bar.payload.start);
          },
        }}
        valueFormatter={(value) => format.count(Math.abs(value))}
        referenceLines={[{ y: 0, color: 'gray.6' }]}
        xAxisProps={{ reversed: rtl }}
        yAxisProps={{ orientation: rtl ? 'right' : 'left', allowDecimals: false }}
      />
    </div>
  );
}

/** The accessible equivalent of the chart: a row per period, each with the button that opens its records. */
export function PeriodTable({ figures, onOpen }: { figures: Figures; onOpen: (start: string) => void }) {
  const { t } = useTranslation();
  const format = useReciprocityFormat();
  const a = format.party(figures.partyA);
  const b = format.party(figures.partyB);
  const caption = t('reciprocity.tableCaption', { a, b });
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section aria-label={caption} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      <Table striped miw={520} captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reciprocity.period')}</Table.Th>
            <Table.Th scope="col" ta="end">
              {t('reciprocity.fromTo', { from: a, to: b })}
            </Table.Th>
            <Table.Th scope="col" ta="end">
              {t('reciprocity.fromTo', { from: b, to: a })}
            </Table.Th>
            <Table.Th scope="col" ta="end">
              {t('reciprocity.asymmetry')}
            </Table.Th>
            <Table.Th scope="col">{t('reciprocity.records')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {figures.periods.map((period) => {
            const name = format.period(figures.period, period.start);
            return (
              <Table.Tr key={period.start}>
                <Table.Th scope="row" fw={500}>
                  {name}
                </Table.Th>
                <Table.Td ta="end">{format.count(period.aToB)}</Table.Td>
                <Table.Td ta="end">{format.count(period.bToA)}</Table.Td>
                <Table.Td ta="end">{format.asymmetry(period.asymmetry)}</Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="light" onClick={() => onOpen(period.start)}>
                    {t('reciprocity.recordsOf', { period: name })}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </section>
  );
}
