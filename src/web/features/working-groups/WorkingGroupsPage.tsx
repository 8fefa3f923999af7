import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkingGroupSummary } from '../../../core/working-groups/schemas';
import { Loaded } from '../../components/Loaded';
import { useLocalised } from '../../lib/use-localised';
import { usePageTitle } from '../../lib/use-page-title';
import { useWorkingGroups } from './api';

/** The working groups the user belongs to: each a workspace of both parties and the coordinator. */
export default function WorkingGroupsPage() {
  const { t } = useTranslation();
  const groups = useWorkingGroups();
  usePageTitle(t('workingGroups.title'));
  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={1}>{t('workingGroups.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('workingGroups.intro')}
        </Text>
      </div>
      <Loaded data={groups.data} error={groups.error} refetch={() => void groups.refetch()}>
        {(list) =>
          list.length === 0 ? (
            <Text>{t('workingGroups.none')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {list.map((group) => (
                <GroupCard key={group.id} group={group} />
              ))}
            </SimpleGrid>
          )
        }
      </Loaded>
    </Stack>
  );
}

function GroupCard({ group }: { group: WorkingGroupSummary }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  return (
    <Paper withBorder radius="md" p="md" component="article">
      <Title order={2} size="h4">
        <Anchor component={Link} to={`/working-groups/${group.id}`}>
          {localised(group.names)}
        </Anchor>
      </Title>
      {group.scope && (
        <Text size="sm" mt={4}>
          {localised(group.scope)}
        </Text>
      )}
      <Group gap="xs" mt="sm">
        {group.parties.map((party) => (
          <Badge key={party} variant="light" color="gray" radius="sm" tt="none">
            {party}
          </Badge>
        ))}
        <Text size="sm" c="dimmed">
          {t('workingGroups.memberCount', { count: group.memberCount })}
        </Text>
      </Group>
      <Text size="sm" mt="xs">
        {t('workingGroups.chairs')}:{' '}
        {group.chairs.map((chair) => `${chair.displayName} (${chair.party})`).join(' · ') ||
          t('workingGroups.noChairs')}
      </Text>
    </Paper>
  );
}
