import { Alert, List, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PERIODS, type Period } from '../../../core/exchanges/ledger';
import { Section } from '../../components/Section';
import { useDeployment } from '../../lib/deployment';
import { ErrorAlert } from '../../lib/errors';
import { useLiveEvent } from '../../lib/events';
import { useLocalised } from '../../lib/use-localised';
import { usePageTitle } from '../../lib/use-page-title';
import { useDirectoryList } from '../directory/api';
import { useSignedInMe } from '../identity/api';
import { RECIPROCITY_KEY, type ReciprocityFilter, useReciprocity } from './api';
import { DrillDown, type OpenPeriod } from './DrillDown';
import { PERIOD_LABELS, useReciprocityFormat } from './format';
import { lastTwelveMonths, periodWithin, todayIn } from './periods';
import { PeriodChart, PeriodTable, Totals } from './ReciprocityFigures';

/** Anything that may put an item on the ledger refreshes the figures (and the ledger's own announcement). */
const LIVE_PREFIXES = ['exchange.', 'release.', 'request.', 'commitment.'] as const;

function useLiveLedger() {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: RECIPROCITY_KEY });
  useLiveEvent(LIVE_PREFIXES[0], refresh);
  useLiveEvent(LIVE_PREFIXES[1], refresh);
  useLiveEvent(LIVE_PREFIXES[2], refresh);
  useLiveEvent(LIVE_PREFIXES[3], refresh);
}

const isPeriod = (value: string | null): value is Period => PERIODS.some((period) => period === value);

/**
 * The reciprocity dashboard (/reciprocity): what passed between two parties
 * each way, per period and over the range, with the asymmetry index, as a
 * diverging chart and as a table; a period opens its ledger records. The
 * choices live in the address, so a view can be shared.
 */
export default function ReciprocityPage() {
  const { t } = useTranslation();
  usePageTitle(t('reciprocity.title'));
  useLiveLedger();
  const me = useSignedInMe();
  const localised = useLocalised();
  const format = useReciprocityFormat();
  const deployment = useDeployment().data;
  const parties = useDirectoryList('parties').data;
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState<OpenPeriod | null>(null);

  // Defaults: the reader's party and the other party; for the coordinator, the two parties.
  const others = (parties ?? []).filter((party) => party.kind === 'party').map((party) => party.code);
  const own = me.user.party?.kind === 'party' ? me.user.party.code : undefined;
  const defaultA = own ?? others[0] ?? '';
  const defaultB = others.find((code) => code !== defaultA) ?? '';
  const range = lastTwelveMonths(todayIn(deployment?.timeZone));
  const filter: ReciprocityFilter = {
    partyA: params.get('partyA') ?? defaultA,
    partyB: params.get('partyB') ?? defaultB,
    period: isPeriod(params.get('period')) ? (params.get('period') as Period) : 'month',
    category: params.get('category') ?? '',
    since: params.get('since') ?? range.since,
    until: params.get('until') ?? range.until,
  };
  const samePair = filter.partyA !== '' && filter.partyA === filter.partyB;
  const ready = Boolean(filter.partyA && filter.partyB && deployment) && !samePair;
  const figures = useReciprocity(filter, ready);

  const set = (key: keyof ReciprocityFilter, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };
  const openPeriod = (start: string) => {
    setOpen({
      name: format.period(filter.period, start),
      ...periodWithin(filter.period, start, filter),
    });
  };

  return (
    <Stack gap="lg" maw={1200}>
      <div>
        <Title order={1}>{t('reciprocity.title')}</Title>
        <Text mt={4}>{t('reciprocity.intro')}</Text>
      </div>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} verticalSpacing="xs">
        {(['partyA', 'partyB'] as const).map((key) => (
          <NativeSelect
            key={key}
            label={t(`reciprocity.${key}`)}
            value={filter[key]}
            onChange={(event) => set(key, event.currentTarget.value)}
            data={(parties ?? []).map((party) => ({ value: party.code, label: localised(party.names) }))}
          />
        ))}
        <NativeSelect
          label={t('reciprocity.period')}
          value={filter.period}
          onChange={(event) => set('period', event.currentTarget.value)}
          data={PERIODS.map((period) => ({ value: period, label: t(PERIOD_LABELS[period]) }))}
        />
        <NativeSelect
          label={t('reciprocity.category')}
          value={filter.category}
          onChange={(event) => set('category', event.currentTarget.value)}
          data={[
            { value: '', label: t('reciprocity.allCategories') },
            ...(deployment?.exchangeCategories ?? []).map((category) => ({
              value: category.code,
              label: localised(category.names),
            })),
          ]}
        />
        <TextInput
          type="date"
          label={t('reciprocity.since')}
          value={filter.since}
          max={filter.until}
          onChange={(event) => event.currentTarget.value && set('since', event.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('reciprocity.until')}
          value={filter.until}
          min={filter.since}
          onChange={(event) => event.currentTarget.value && set('until', event.currentTarget.value)}
        />
      </SimpleGrid>
      {samePair && (
        <Alert color="yellow" variant="light">
          {t('reciprocity.sameParty')}
        </Alert>
      )}
      <ErrorAlert error={figures.error} />
      {figures.data && (
        <>
          <Section id="reciprocity-totals" title={t('reciprocity.totals')}>
            <div style={{ marginTop: 'var(--mantine-spacing-sm)' }}>
              <Totals figures={figures.data} />
            </div>
          </Section>
          <Section
            id="reciprocity-periods"
            title={t('reciprocity.chart')}
            description={t('reciprocity.chartHint', {
              a: format.party(figures.data.partyA),
              b: format.party(figures.data.partyB),
            })}
          >
            {figures.data.periods.length === 0 ? (
              <Text size="sm" c="dimmed" mt="sm">
                {t('reciprocity.nothing')}
              </Text>
            ) : (
              <Stack gap="md" mt="sm">
                <PeriodChart figures={figures.data} parties={parties} onOpen={openPeriod} />
                <PeriodTable figures={figures.data} onOpen={openPeriod} />
              </Stack>
            )}
          </Section>
          <Section id="reciprocity-definitions" title={t('reciprocity.definitions.title')}>
            <List size="sm" mt="sm" spacing="xs">
              <List.Item>{t('reciprocity.definitions.items')}</List.Item>
              <List.Item>{t('reciprocity.definitions.asymmetry')}</List.Item>
            </List>
          </Section>
        </>
      )}
      <DrillDown
        open={open}
        partyA={filter.partyA}
        partyB={filter.partyB}
        category={filter.category}
        onClose={() => setOpen(null)}
      />
    </Stack>
  );
}
