import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { GroupMember, WorkingGroupDetail } from '../../../core/working-groups/schemas';
import { NotFoundContent } from '../../app/NotFoundPage';
import { Loaded } from '../../components/Loaded';
import { MarkingBanner } from '../../components/MarkingBanner';
import { Section } from '../../components/Section';
import { isApiError } from '../../lib/api';
import { ErrorAlert } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useLocalised } from '../../lib/use-localised';
import { usePageTitle } from '../../lib/use-page-title';
import { CommitmentsSection } from '../commitments/CommitmentsSection';
import { useDirectoryList } from '../directory/api';
import { MeetingsSection } from '../meetings/MeetingsSection';
import { useChangeMembership, useWorkingGroup } from './api';

/** One working group: scope, members per party with its chairs and secretary, its channel. */
export default function WorkingGroupPage() {
  const { id = '' } = useParams();
  const group = useWorkingGroup(id);
  if (isApiError(group.error) && group.error.status === 404) return <NotFoundContent />;
  return (
    <Loaded data={group.data} error={group.error} refetch={() => void group.refetch()}>
      {(data) => <GroupView group={data} />}
    </Loaded>
  );
}

function GroupView({ group }: { group: WorkingGroupDetail }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  usePageTitle(localised(group.names));
  return (
    <Stack gap="lg" maw={1100}>
      <MarkingBanner marking={group.marking} />
      <div>
        <Anchor component={Link} to="/working-groups" size="sm">
          {t('workingGroups.back')}
        </Anchor>
        <Title order={1} mt={4}>
          {localised(group.names)}
        </Title>
        {group.scope && <Text mt={4}>{localised(group.scope)}</Text>}
        {group.channelId && (
          <Button
            component={Link}
            to={`/channels/${encodeURIComponent(group.channelId)}`}
            variant="default"
            mt="sm"
            leftSection={<IconMessages size={16} aria-hidden />}
          >
            {t('workingGroups.channel')}
          </Button>
        )}
      </div>
      <MeetingsSection group={group} />
      <CommitmentsSection group={group} />
      <Members group={group} />
    </Stack>
  );
}

const OFFICE_LABELS = {
  chair: 'workingGroups.office.chair',
  secretary: 'workingGroups.office.secretary',
} as const;

/** The members by party, each with their office; chairs and the secretary add and remove. */
function Members({ group }: { group: WorkingGroupDetail }) {
  const { t } = useTranslation();
  const change = useChangeMembership(group.id);
  const byParty = group.parties.map((party) => ({
    party,
    members: group.members.filter((member) => member.party === party),
  }));
  const remove = (member: GroupMember) =>
    change.mutate(
      { userId: member.id, change: 'remove' },
      { onSuccess: () => notify('green', t('workingGroups.removed', { name: member.displayName })) },
    );
  return (
    <Section id="group-members" title={t('workingGroups.members')}>
      <Stack gap="md" mt="sm">
        {byParty.map(({ party, members }) => (
          <div key={party}>
            <Title order={3} size="h5">
              {party}
            </Title>
            {members.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('workingGroups.noMembers')}
              </Text>
            ) : (
              <Table>
                <Table.Tbody>
                  {members.map((member) => (
                    <Table.Tr key={member.id}>
                      <Table.Td>
                        <bdi>{member.displayName}</bdi>
                      </Table.Td>
                      <Table.Td>
                        {member.office && (
                          <Badge variant="light" radius="sm" tt="none">
                            {t(OFFICE_LABELS[member.office])}
                          </Badge>
                        )}
                      </Table.Td>
                      {group.actions.manageMembers && (
                        <Table.Td ta="end">
                          <Button
                            variant="subtle"
                            color="red"
                            size="xs"
                            onClick={() => remove(member)}
                            aria-label={t('workingGroups.removeMember', { name: member.displayName })}
                          >
                            {t('workingGroups.remove')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </div>
        ))}
        <ErrorAlert error={change.error} />
        {group.actions.manageMembers && <AddMember group={group} />}
      </Stack>
    </Section>
  );
}

function AddMember({ group }: { group: WorkingGroupDetail }) {
  const { t } = useTranslation();
  const people = useDirectoryList('users');
  const change = useChangeMembership(group.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const present = new Set(group.members.map((member) => member.id));
  const options = (people.data ?? [])
    .filter(
      (person) =>
        !present.has(person.id) && person.partyCode !== null && group.parties.includes(person.partyCode),
    )
    .map((person) => ({ value: person.id, label: `${person.displayName} (${person.partyCode})` }));
  return (
    <Group align="flex-end">
      <Select
        label={t('workingGroups.addMember')}
        data={options}
        searchable
        value={chosen}
        onChange={setChosen}
        w={320}
        nothingFoundMessage={t('workingGroups.nobodyFound')}
      />
      <Button
        disabled={!chosen}
        loading={change.isPending}
        onClick={() =>
          chosen && change.mutate({ userId: chosen, change: 'add' }, { onSuccess: () => setChosen(null) })
        }
      >
        {t('workingGroups.add')}
      </Button>
    </Group>
  );
}
