import { Anchor, Box, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Section } from '../../components/Section';
import { usePageTitle } from '../../lib/use-page-title';
import { LatestCheckpointSection } from '../audit/CheckpointsSection';
import { AccountSummary } from '../identity/AccountSummary';
import { useSignedInMe } from '../identity/api';
import { NeedingYouSection } from '../requests/NeedingYouSection';
import { SafeReturnsPanel } from '../requests/SafeReturnsPanel';
import { ConsentsWaitingSection } from '../submissions/ConsentsPage';

export default function HomePage() {
  const { t } = useTranslation();
  const { user, abilities } = useSignedInMe();
  usePageTitle(t('home.title'));
  return (
    <Stack gap="lg" maw={880}>
      <div>
        <Title order={1}>{t('home.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('home.welcome')}{' '}
          <Text span inherit fw={600} c="var(--mantine-color-text)" dir="auto">
            {user.displayName}
          </Text>
        </Text>
      </div>

      {abilities.receiveRequests && <NeedingYouSection />}
      {user.party?.kind === 'coordinator' && <SafeReturnsPanel />}
      {abilities.decideConsents && <ConsentsWaitingSection />}

      <Section id="home-account" title={t('home.accountTitle')}>
        <Box mt="md">
          <AccountSummary user={user} />
        </Box>
        {!user.totpEnabled && (
          <Text size="sm" mt="md">
            {t('home.twoStepHint')}{' '}
            <Anchor component={Link} to="/profile">
              {t('home.twoStepLink')}
            </Anchor>
          </Text>
        )}
      </Section>

      <Section id="home-capabilities" title={t('home.capabilitiesTitle')}>
        <Text mt="xs">{t('home.capabilitiesBody')}</Text>
      </Section>

      <LatestCheckpointSection />
    </Stack>
  );
}
