import { Anchor, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loaded } from '../../components/Loaded';
import { Section } from '../../components/Section';
import { usePageTitle } from '../../lib/use-page-title';
import { useConsents } from './api';
import { ConsentCard } from './ConsentCard';

/** Releases of the party's submissions waiting for consent (supervisors decide; the coordinator waits). */
export default function ConsentsPage() {
  const { t } = useTranslation();
  const [shown, setShown] = useState<'pending' | 'all'>('pending');
  const consents = useConsents(shown);
  usePageTitle(t('consents.title'));
  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Title order={1}>{t('consents.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('consents.intro')}
        </Text>
      </div>
      <SegmentedControl
        aria-label={t('consents.show')}
        w="fit-content"
        value={shown}
        onChange={(value) => setShown(value as 'pending' | 'all')}
        data={[
          { value: 'pending', label: t('consents.status.pending') },
          { value: 'all', label: t('consents.all') },
        ]}
      />
      <Loaded data={consents.data} error={consents.error} refetch={() => void consents.refetch()}>
        {(list) =>
          list.length === 0 ? (
            <Text>{t('consents.none')}</Text>
          ) : (
            <Stack gap="md">
              {list.map((consent) => (
                <ConsentCard key={consent.id} consent={consent} />
              ))}
            </Stack>
          )
        }
      </Loaded>
    </Stack>
  );
}

/** For the home page of a party's supervisors: the releases waiting for their consent. */
export function ConsentsWaitingSection() {
  const { t } = useTranslation();
  const consents = useConsents('pending');
  return (
    <Section id="home-consents" title={t('consents.waitingTitle')}>
      <Stack gap="sm" mt="sm">
        <Loaded data={consents.data} error={consents.error} refetch={() => void consents.refetch()}>
          {(list) => {
            const mine = list.filter((consent) => consent.actions.length > 0);
            return mine.length ? (
              <Stack gap="md">
                {mine.slice(0, 5).map((consent) => (
                  <ConsentCard key={consent.id} consent={consent} />
                ))}
              </Stack>
            ) : (
              <Text>{t('consents.noneWaiting')}</Text>
            );
          }}
        </Loaded>
        <Anchor component={Link} to="/consents" w="fit-content">
          {t('consents.allLink')}
        </Anchor>
      </Stack>
    </Section>
  );
}
