import { Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SafeReturnStatistics } from '../../../core/requests/schemas';
import { startOfPeriod } from '../../../core/zoned-time';
import { Loaded } from '../../components/Loaded';
import { Section } from '../../components/Section';
import { api } from '../../lib/api';
import { useDeployment } from '../../lib/deployment';
import { useLocalised } from '../../lib/use-localised';

/** The statistics of safe returns from `from` until now, over what the reader may see. */
function useSafeReturns(from: Date | null) {
  return useQuery({
    queryKey: ['statistics', 'safe-returns', from?.toISOString()],
    queryFn: () =>
      api.get<SafeReturnStatistics>(
        `/api/statistics/safe-returns?from=${encodeURIComponent(from?.toISOString() ?? '')}`,
      ),
    enabled: from !== null,
  });
}

/** Minutes as the reader says a duration: "1 h 25 min", in their language and digits. */
function useDuration() {
  const { t, i18n } = useTranslation();
  return (minutes: number | null) => {
    if (minutes === null) return t('statistics.noneYet');
    const whole = Math.round(minutes);
    const format = new Intl.NumberFormat(i18n.language);
    return whole < 60
      ? t('statistics.minutes', { minutes: format.format(whole) })
      : t('statistics.hoursMinutes', {
          hours: format.format(Math.floor(whole / 60)),
          minutes: format.format(whole % 60),
        });
  };
}

/**
 * The coordinator's home: how many people were brought back this month and
 * this year, how fast, where and for whom (issue 15). The same figures are
 * in the API for the plan's indicators.
 */
export function SafeReturnsPanel() {
  const { t } = useTranslation();
  const zone = useDeployment().data?.timeZone ?? null;
  const now = new Date();
  const month = useSafeReturns(zone ? startOfPeriod('month', now, zone) : null);
  const year = useSafeReturns(zone ? startOfPeriod('year', now, zone) : null);
  const ready = month.data && year.data ? { month: month.data, year: year.data } : undefined;
  return (
    <Section id="home-safe-returns" title={t('statistics.safeReturns.title')}>
      <Loaded data={ready} error={month.error ?? year.error} refetch={() => void year.refetch()}>
        {({ month, year }) => (
          <Stack gap="md" mt="sm">
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <Figures label={t('statistics.thisMonth')} figures={month} />
              <Figures label={t('statistics.thisYear')} figures={year} />
            </SimpleGrid>
            <Breakdown year={year} />
          </Stack>
        )}
      </Loaded>
    </Section>
  );
}

function Figures({ label, figures }: { label: string; figures: SafeReturnStatistics }) {
  const { t, i18n } = useTranslation();
  const duration = useDuration();
  const count = new Intl.NumberFormat(i18n.language);
  return (
    <Stack gap={2}>
      <Text fw={650}>{label}</Text>
      <Group gap="xs" align="baseline">
        <Text fz={28} fw={700} lh={1}>
          {count.format(figures.handedOver)}
        </Text>
        <Text>{t('statistics.safeReturns.handedOver')}</Text>
      </Group>
      <Text size="sm">
        {t('statistics.safeReturns.median', { duration: duration(figures.medianMinutesToHandover) })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('statistics.safeReturns.others', {
          requested: count.format(figures.requested),
          notFound: count.format(figures.notFound),
          open: count.format(figures.stillOpen),
        })}
      </Text>
    </Stack>
  );
}

function Breakdown({ year }: { year: SafeReturnStatistics }) {
  const { t, i18n } = useTranslation();
  const localised = useLocalised();
  const duration = useDuration();
  const count = new Intl.NumberFormat(i18n.language);
  if (year.handedOver === 0) return null;
  const rows = [
    ...year.byDistrict.map((row) => ({ key: row.district.id, name: localised(row.district.names), ...row })),
    ...year.byParty.map((row) => ({
      key: row.party,
      name: t('statistics.safeReturns.forParty', { party: row.party }),
      ...row,
    })),
  ];
  return (
    <Table.ScrollContainer minWidth={360}>
      <Table>
        <Table.Caption>{t('statistics.safeReturns.breakdown')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('statistics.safeReturns.where')}</Table.Th>
            <Table.Th scope="col">{t('statistics.safeReturns.handedOverColumn')}</Table.Th>
            <Table.Th scope="col">{t('statistics.safeReturns.medianColumn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row" fw={500}>
                {row.name}
              </Table.Th>
              <Table.Td>{count.format(row.handedOver)}</Table.Td>
              <Table.Td>{duration(row.medianMinutesToHandover)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
