import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../lib/use-page-title';
import { AccountSummary } from '../identity/AccountSummary';
import { useSignedInMe } from '../identity/api';

export default function HomePage() {
  const { t } = useTranslation();
  const { user } = useSignedInMe();
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

      <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="home-account">
        <Title order={2} size="h3" id="home-account" mb="md">
          {t('home.accountTitle')}
        </Title>
        <AccountSummary user={user} />
        {!user.totpEnabled && (
          <Text size="sm" mt="md">
            {t('home.twoStepHint')}{' '}
            <Anchor component={Link} to="/profile">
              {t('home.twoStepLink')}
            </Anchor>
          </Text>
        )}
      </Card>

      <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="home-capabilities">
        <Title order={2} size="h3" id="home-capabilities" mb="xs">
          {t('home.capabilitiesTitle')}
        </Title>
        <Text>{t('home.capabilitiesBody')}</Text>
      </Card>
    </Stack>
  );
}
