import { Button, Checkbox, Group, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Loaded } from '../../components/Loaded';
import { usePageTitle } from '../../lib/use-page-title';
import { useSignedInMe } from '../identity/api';
import { type RequestFilter, useRequestList } from './api';
import { ArrivalsAnnouncer, RequestList } from './RequestList';

type Box = 'received' | 'sent' | 'all';
type Shown = 'open' | 'closed' | 'drafts';

export default function RequestsPage() {
  const { t } = useTranslation();
  const { abilities } = useSignedInMe();
  const [search, setSearch] = useSearchParams();
  const mayRaise = abilities.raiseRequests;
  usePageTitle(t('requests.title'));

  const boxes: Box[] = abilities.overseeRequests ? ['received', 'sent', 'all'] : ['received', 'sent'];
  const asked = search.get('box') as Box | null;
  // A party's desk starts with what it received; the coordinator (who raises requests too) with everything
  // open; anyone else, who is shown no "all" box, with what they sent.
  const fallback: Box = abilities.receiveRequests ? 'received' : boxes.includes('all') ? 'all' : 'sent';
  const box: Box = asked && boxes.includes(asked) ? asked : fallback;
  const tabLabels = {
    received: t('requests.received'),
    sent: t('requests.sent'),
    all: t('requests.allOpen'),
  };

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('requests.title')}</Title>
          <Text c="dimmed" mt={4}>
            {t('requests.intro')}
          </Text>
        </div>
        {mayRaise && (
          <Button component={Link} to="/requests/new" leftSection={<IconPlus size={16} aria-hidden />}>
            {t('requests.new')}
          </Button>
        )}
      </Group>
      <Tabs value={box} onChange={(value) => value && setSearch({ box: value }, { replace: true })}>
        <Tabs.List>
          {boxes.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {tabLabels[value]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {boxes.map((value) => (
          <Tabs.Panel key={value} value={value} pt="md">
            {value === box && <Inbox box={box} />}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function Inbox({ box }: { box: Box }) {
  const { t } = useTranslation();
  const { abilities } = useSignedInMe();
  const [shown, setShown] = useState<Shown>('open');
  const [breachedOnly, setBreachedOnly] = useState(false);
  const shownOptions: Shown[] = box === 'sent' ? ['open', 'closed', 'drafts'] : ['open', 'closed'];
  const shownLabels = {
    open: t('requests.open'),
    closed: t('requests.closed'),
    drafts: t('requests.drafts'),
  };

  const filter: RequestFilter =
    box === 'all'
      ? { box, state: 'open', ...(breachedOnly ? { breached: 'true' } : {}) }
      : shown === 'drafts'
        ? { box, status: 'draft' }
        : { box, state: shown };

  return (
    <Stack gap="md">
      {box === 'all' ? (
        abilities.watchBreaches && (
          <Checkbox
            label={t('requests.breachedOnly')}
            checked={breachedOnly}
            onChange={(event) => setBreachedOnly(event.currentTarget.checked)}
          />
        )
      ) : (
        <SegmentedControl
          aria-label={t('requests.show')}
          w="fit-content"
          value={shown}
          onChange={(value) => setShown(value as Shown)}
          data={shownOptions.map((value) => ({ value, label: shownLabels[value] }))}
        />
      )}
      <RequestPages key={JSON.stringify(filter)} filter={filter} />
    </Stack>
  );
}

/** A filtered list, with the next page on demand. */
export function RequestPages({ filter }: { filter: RequestFilter }) {
  const { t } = useTranslation();
  const query = useRequestList(filter);
  return (
    <Loaded data={query.data} error={query.error} refetch={() => void query.refetch()}>
      {(data) => {
        const items = data.pages.flatMap((page) => page.items);
        return (
          <Stack gap="sm">
            <ArrivalsAnnouncer items={items} />
            {items.length === 0 ? <Text>{t('requests.none')}</Text> : <RequestList items={items} />}
            {query.hasNextPage && (
              <Button
                variant="default"
                w="fit-content"
                loading={query.isFetchingNextPage}
                onClick={() => void query.fetchNextPage()}
              >
                {t('requests.more')}
              </Button>
            )}
          </Stack>
        );
      }}
    </Loaded>
  );
}
