import { Alert, Anchor, Badge, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import {
  IconBell,
  IconBriefcase,
  IconBuildingBroadcastTower,
  IconCheck,
  IconPlus,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CHANNEL_KINDS } from '../../../core/channels/rules';
import type { ChannelDto, SyncResult } from '../../../core/channels/schemas';
import { Loaded } from '../../components/Loaded';
import { MarkingBanner } from '../../components/MarkingBanner';
import { ErrorAlert } from '../../lib/errors';
import { usePageTitle } from '../../lib/use-page-title';
import { useSignedInMe } from '../identity/api';
import { type DirectoryChannelKind, useChannels, useOpenDirectoryChannels } from './api';
import { CrisisRoomModal } from './CrisisRoomModal';
import classes from './channels.module.css';
import { askDesktopPermission, desktopPermission } from './desktop';
import { KIND_LABELS } from './labels';

/** The caller's channels: kind, marking, and how much is unread there and mentions them. */
export default function ChannelsPage() {
  const { t } = useTranslation();
  const channels = useChannels();
  const { abilities } = useSignedInMe();
  const [creating, setCreating] = useState(false);
  usePageTitle(t('channels.title'));
  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('channels.title')}</Title>
          <Text c="dimmed" mt={4}>
            {t('channels.intro')}
          </Text>
        </div>
        <Group gap="sm">
          <DesktopNotificationsButton />
          {abilities.openCrisisRooms && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('channels.crisis.open')}
            </Button>
          )}
        </Group>
      </Group>
      {abilities.syncDirectoryChannels && <DirectoryChannels />}
      <Loaded data={channels.data} error={channels.error} refetch={() => void channels.refetch()}>
        {(list) => (list.length === 0 ? <Text>{t('channels.none')}</Text> : <ChannelList list={list} />)}
      </Loaded>
      {creating && <CrisisRoomModal onClose={() => setCreating(false)} />}
    </Stack>
  );
}

/**
 * The list, narrowed to one kind when asked (a duty officer follows every
 * request's thread, and still needs to find the crisis room at once). The
 * kind is kept in the address, so Back returns to the same view.
 */
function ChannelList({ list }: { list: ChannelDto[] }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kinds = CHANNEL_KINDS.filter((kind) => list.some((channel) => channel.kind === kind));
  const asked = params.get('kind');
  const kind = kinds.find((known) => known === asked) ?? null;
  const shown = kind ? list.filter((channel) => channel.kind === kind) : list;
  return (
    <Stack gap="sm">
      {kinds.length > 1 && (
        <NativeSelect
          label={t('channels.filter.label')}
          w={{ base: '100%', xs: 260 }}
          data={[
            { value: '', label: t('channels.filter.all') },
            ...kinds.map((value) => ({ value, label: t(KIND_LABELS[value]) })),
          ]}
          value={kind ?? ''}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setParams(value ? { kind: value } : {}, { replace: true });
          }}
        />
      )}
      <Stack component="ul" gap={0} className={classes.plainList}>
        {shown.map((channel) => (
          <li key={channel.id} className={classes.row}>
            <ChannelRow channel={channel} />
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

/** What the directory calls for, each opened by one button. */
const DIRECTORY_CHANNELS = [
  { which: 'standing', icon: IconUsersGroup },
  { which: 'hotlines', icon: IconBuildingBroadcastTower },
  { which: 'working-groups', icon: IconBriefcase },
] as const satisfies ReadonlyArray<{ which: DirectoryChannelKind; icon: unknown }>;

const DIRECTORY_LABELS = {
  standing: { action: 'channels.directory.standing', done: 'channels.directory.standingDone' },
  hotlines: { action: 'channels.directory.hotlines', done: 'channels.directory.hotlinesDone' },
  'working-groups': {
    action: 'channels.directory.workingGroups',
    done: 'channels.directory.workingGroupsDone',
  },
} as const satisfies Record<DirectoryChannelKind, { action: string; done: string }>;

/**
 * For administrators and coordinators: open the channels the directory calls for
 * (standing channels between counterpart desks, hotlines to each party's leadership,
 * a channel per working group), and say how many were opened and how many people were added.
 */
function DirectoryChannels() {
  const { t } = useTranslation();
  const open = useOpenDirectoryChannels();
  const [outcome, setOutcome] = useState<{
    which: DirectoryChannelKind;
    result: SyncResult;
  } | null>(null);
  const run = (which: DirectoryChannelKind) => {
    setOutcome(null);
    open.mutate(which, { onSuccess: (result) => setOutcome({ which, result }) });
  };
  return (
    <Stack gap="sm">
      <Group gap="sm">
        {DIRECTORY_CHANNELS.map(({ which, icon: Icon }) => (
          <Button
            key={which}
            variant="default"
            leftSection={<Icon size={16} aria-hidden />}
            loading={open.isPending && open.variables === which}
            disabled={open.isPending && open.variables !== which}
            onClick={() => run(which)}
          >
            {t(DIRECTORY_LABELS[which].action)}
          </Button>
        ))}
      </Group>
      <ErrorAlert error={open.error} />
      {outcome && (
        <Alert
          role="status"
          color="green"
          icon={<IconCheck size={18} aria-hidden />}
          title={t(DIRECTORY_LABELS[outcome.which].done)}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setOutcome(null)}
        >
          {t('channels.directory.created', { count: outcome.result.created })}{' '}
          {t('channels.directory.membersAdded', { count: outcome.result.membersAdded })}
        </Alert>
      )}
    </Stack>
  );
}

function ChannelRow({ channel }: { channel: ChannelDto }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} py="sm">
      <Group gap="xs">
        <MarkingBanner marking={channel.marking} variant="portion" />
        <Anchor component={Link} to={`/channels/${encodeURIComponent(channel.id)}`} fw={700}>
          <bdi dir="auto">{channel.name}</bdi>
        </Anchor>
        <Badge variant="light" color="gray" radius="sm" tt="none">
          {t(KIND_LABELS[channel.kind])}
        </Badge>
        {channel.status === 'closed' && (
          <Badge variant="light" color="dark" radius="sm" tt="none">
            {t('channels.closed')}
          </Badge>
        )}
        {channel.unread > 0 && (
          <Badge color="blue" radius="sm" tt="none">
            {t('channels.unread', { count: channel.unread })}
          </Badge>
        )}
        {channel.mentions > 0 && (
          <Badge color="grape" radius="sm" tt="none">
            {t('channels.mentions', { count: channel.mentions })}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('channels.memberCount', { count: channel.memberCount })}
      </Text>
    </Stack>
  );
}

/** Asks for permission only when the user presses it; says where things stand otherwise. */
export function DesktopNotificationsButton() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState(desktopPermission);
  if (permission === 'unsupported') return null;
  if (permission === 'granted')
    return (
      <Text size="sm" c="dimmed">
        {t('channels.desktop.on')}
      </Text>
    );
  if (permission === 'denied')
    return (
      <Text size="sm" c="dimmed">
        {t('channels.desktop.blocked')}
      </Text>
    );
  return (
    <Button
      variant="default"
      leftSection={<IconBell size={16} aria-hidden />}
      onClick={() => void askDesktopPermission().then(setPermission)}
    >
      {t('channels.desktop.enable')}
    </Button>
  );
}
