import { Alert, Stack, Text, Title } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../lib/use-page-title';
import { CalendarFeedSection } from '../meetings/CalendarFeedSection';
import { useSignedInMe } from './api';
import { PasswordSection } from './PasswordSection';
import { TokensSection } from './TokensSection';
import { TotpSection } from './TotpSection';

export default function ProfilePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  usePageTitle(t('profile.title'));
  return (
    <Stack gap="lg" maw={880}>
      <div>
        <Title order={1}>{t('profile.title')}</Title>
        <Text c="dimmed" mt={4}>
          <span dir="auto">{me.user.displayName}</span>
        </Text>
      </div>
      {me.mustEnrolTotp ? (
        <>
          <Alert
            color="orange"
            variant="light"
            icon={<IconShieldLock aria-hidden />}
            title={t('profile.mustEnrolTitle')}
          >
            {t('profile.mustEnrolBody')}
          </Alert>
          <TotpSection />
          <PasswordSection />
        </>
      ) : (
        <>
          <PasswordSection />
          <TotpSection />
          {me.authenticatedBy === 'session' && <TokensSection />}
          <CalendarFeedSection />
        </>
      )}
    </Stack>
  );
}
