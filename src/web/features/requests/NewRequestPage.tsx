import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { RequestTypeView } from '../../../core/requests/schemas';
import { NotFoundContent } from '../../app/NotFoundPage';
import { Loaded } from '../../components/Loaded';
import { useLocalised } from '../../lib/use-localised';
import { usePageTitle } from '../../lib/use-page-title';
import { useAbilities } from '../identity/api';
import { useRequestTypes } from './api';
import { PriorityBadge } from './Badges';
import { RequestForm } from './RequestForm';
import classes from './requests.module.css';

/** First the kind of request (cards), then its form; the choice lives in the address, so Back returns to it. */
export default function NewRequestPage() {
  const { t } = useTranslation();
  const types = useRequestTypes();
  const [search] = useSearchParams();
  const mayRaise = useAbilities().raiseRequests;
  usePageTitle(t('requests.new'));
  if (!mayRaise) return <NotFoundContent />;
  const code = search.get('type');
  return (
    <Stack gap="lg" maw={900}>
      <div>
        <Anchor component={Link} to="/requests" size="sm">
          {t('requests.backToRequests')}
        </Anchor>
        <Title order={1} mt={4}>
          {t('requests.new')}
        </Title>
      </div>
      <Loaded data={types.data} error={types.error} refetch={() => void types.refetch()}>
        {(all) => {
          const chosen = all.find((type) => type.code === code);
          return chosen ? <RequestForm key={chosen.code} view={chosen} /> : <TypeChooser types={all} />;
        }}
      </Loaded>
    </Stack>
  );
}

function TypeChooser({ types }: { types: RequestTypeView[] }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  return (
    <section aria-labelledby="request-type-title">
      <Title order={2} size="h3" id="request-type-title">
        {t('requests.chooseType')}
      </Title>
      <SimpleGrid component="ul" cols={{ base: 1, sm: 2 }} mt="sm" className={classes.plainList}>
        {types.map((type) => (
          <Card component="li" key={type.code} withBorder radius="md" padding="md">
            <Group justify="space-between" gap="xs" align="flex-start">
              <Anchor component={Link} to={`?type=${encodeURIComponent(type.code)}`} fw={700} size="lg">
                {localised(type.names)}
              </Anchor>
              <PriorityBadge priority={type.defaultPriority} />
            </Group>
            {type.description && (
              <Text size="sm" mt={6}>
                {localised(type.description)}
              </Text>
            )}
          </Card>
        ))}
      </SimpleGrid>
    </section>
  );
}
