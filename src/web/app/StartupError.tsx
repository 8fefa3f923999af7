import { Button, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PublicLayout } from '../components/PublicLayout';
import { ErrorAlert } from '../lib/errors';
import { usePageTitle } from '../lib/use-page-title';

/** /api/me could not be asked (server down, network lost): say so and offer to try again. */
export function StartupError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  usePageTitle(t('startup.title'));
  return (
    <PublicLayout>
      <Stack>
        <Title order={1}>{t('startup.title')}</Title>
        <ErrorAlert error={error} />
        <Button onClick={onRetry} w="fit-content">
          {t('common.tryAgain')}
        </Button>
      </Stack>
    </PublicLayout>
  );
}
