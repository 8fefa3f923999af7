import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loaded } from '../../components/Loaded';
import { Section } from '../../components/Section';
import { useRequestList } from './api';
import { RequestList } from './RequestList';

/** For the home page: the five most urgent open requests the user's desk or party received. */
export function NeedingYouSection() {
  const { t } = useTranslation();
  const query = useRequestList({ box: 'received', state: 'open', limit: 5 });
  return (
    <Section id="home-requests" title={t('home.requestsTitle')}>
      <Stack gap="sm" mt="sm">
        <Loaded data={query.data} error={query.error} refetch={() => void query.refetch()}>
          {(data) => {
            const items = data.pages[0]?.items ?? [];
            return items.length ? <RequestList items={items} /> : <Text>{t('home.requestsNone')}</Text>;
          }}
        </Loaded>
        <Anchor component={Link} to="/requests" w="fit-content">
          {t('home.requestsAll')}
        </Anchor>
      </Stack>
    </Section>
  );
}
