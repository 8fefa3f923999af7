import { ActionIcon, Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelDetail } from '../../../core/channels/schemas';
import { Section } from '../../components/Section';
import { ErrorAlert } from '../../lib/errors';
import { useDirectoryList } from '../directory/api';
import { useSignedInMe } from '../identity/api';
import { useAddMember, usePresence, useRemoveMember } from './api';
import { personOptions } from './CrisisRoomModal';
import classes from './channels.module.css';

/** Who is in the channel, who of them is online and on duty, and (for those who may) adding and removing. */
export function Members({ channel }: { channel: ChannelDetail }) {
  const { t } = useTranslation();
  const me = useSignedInMe().user;
  const presence = usePresence(channel.id);
  const remove = useRemoveMember(channel.id);
  const status = new Map((presence.data ?? []).map((person) => [person.id, person]));
  return (
    <Section id="channel-members" title={t('channels.members.title', { count: channel.members.length })}>
      <Stack component="ul" gap={4} mt="sm" className={classes.plainList}>
        {channel.members.map((member) => {
          const seen = status.get(member.id);
          return (
            <Group component="li" key={member.id} gap="xs">
              <Text size="sm">
                <bdi dir="auto">{member.displayName}</bdi>{' '}
                <Text span inherit c="dimmed">
                  <bdi dir="ltr">
                    @{member.username}
                    {member.party ? ` · ${member.party}` : ''}
                  </bdi>
                </Text>
              </Text>
              {seen?.online ? (
                <Badge color="green" variant="light" radius="sm" tt="none">
                  {t('channels.members.online')}
                </Badge>
              ) : (
                <Badge color="gray" variant="light" radius="sm" tt="none">
                  {t('channels.members.offline')}
                </Badge>
              )}
              {seen?.onDuty && (
                <Badge color="blue" variant="light" radius="sm" tt="none">
                  {t('channels.members.onDuty')}
                </Badge>
              )}
              {channel.actions.removeMember && member.id !== me.id && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('channels.members.remove', { name: member.displayName })}
                  loading={remove.isPending && remove.variables === member.id}
                  onClick={() => remove.mutate(member.id)}
                >
                  <IconUserMinus size={16} aria-hidden />
                </ActionIcon>
              )}
            </Group>
          );
        })}
      </Stack>
      <ErrorAlert error={remove.error} />
      {channel.actions.addMember && <AddMember channel={channel} />}
    </Section>
  );
}

function AddMember({ channel }: { channel: ChannelDetail }) {
  const { t } = useTranslation();
  const users = useDirectoryList('users');
  const add = useAddMember(channel.id);
  const [userId, setUserId] = useState<string | null>(null);
  const members = new Set(channel.members.map((member) => member.id));
  return (
    <Stack gap="xs" mt="sm">
      <Group gap="xs" align="flex-end">
        <Select
          label={t('channels.members.add')}
          data={personOptions(users.data, members)}
          value={userId}
          onChange={setUserId}
          searchable
          clearable
          nothingFoundMessage={t('channels.crisis.nobody')}
          miw={280}
        />
        <Button
          variant="default"
          leftSection={<IconUserPlus size={16} aria-hidden />}
          disabled={!userId}
          loading={add.isPending}
          onClick={() => userId && add.mutate(userId, { onSuccess: () => setUserId(null) })}
        >
          {t('channels.members.addAction')}
        </Button>
      </Group>
      <ErrorAlert error={add.error} />
    </Stack>
  );
}
