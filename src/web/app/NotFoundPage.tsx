import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FullPageLoader } from '../components/FullPageLoader';
import { PublicLayout } from '../components/PublicLayout';
import { useMe } from '../features/identity/api';
import { usePageTitle } from '../lib/use-page-title';
import { RequireAuth } from './guards';

/** The page's content, also shown inside the shell where an address exists but is not for this user. */
export function NotFoundContent() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>{t('notFound.title')}</Title>
      <Text>{t('notFound.body')}</Text>
      <Anchor component={Link} to="/" w="fit-content">
        {t('notFound.home')}
      </Anchor>
    </Stack>
  );
}

/** Unknown addresses: inside the shell when signed in, on its own otherwise. */
export default function NotFoundPage() {
  const { data: me, isPending } = useMe();
  if (isPending) return <FullPageLoader />;
  if (me) {
    return (
      <RequireAuth>
        <NotFoundContent />
      </RequireAuth>
    );
  }
  return (
    <PublicLayout size={640}>
      <NotFoundContent />
    </PublicLayout>
  );
}
