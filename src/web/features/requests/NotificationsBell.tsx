import {
  ActionIcon,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NotificationDto } from '../../../core/notifications/schemas';
import { useFormatDateTime } from '../../lib/time';
import { playAlertTone } from './alert-tone';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from './api';
import { useArrivals } from './arrivals';
import { isMilestone, MILESTONE_LABELS, NOTIFICATION_LABELS, STATUS_LABELS } from './labels';
import classes from './requests.module.css';
import { useNames } from './use-names';

/** The bell in the header: how many are unread, the latest notifications, and a sound for critical ones. */
export function NotificationsBell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { data } = useNotifications();
  const unread = data?.unread ?? 0;
  const arrived = useArrivals(data?.items);
  const describe = useDescribe();

  useEffect(() => {
    if (arrived.some((item) => item.priority === 'critical' && item.readAt === null)) playAlertTone();
  }, [arrived]);

  return (
    <>
      <VisuallyHidden role="status" aria-live="polite">
        {arrived.map((item) => describe(item)).join(' ')}
      </VisuallyHidden>
      <Popover
        position="bottom-end"
        width={340}
        shadow="md"
        opened={opened}
        onChange={(open) => !open && close()}
        // Keyboard users land in the list, Escape closes it, and focus returns to the bell.
        trapFocus
        returnFocus
      >
        <Popover.Target>
          <ActionIcon
            variant="default"
            size="lg"
            onClick={toggle}
            aria-label={t('notifications.bell', { count: unread })}
            className={classes.bell}
          >
            <Indicator
              label={unread > 99 ? '99+' : unread}
              size={16}
              color="red"
              disabled={unread === 0}
              offset={-4}
            >
              <IconBell size={20} stroke={1.6} aria-hidden />
            </Indicator>
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0}>
          {data && <NotificationList items={data.items} unread={unread} onOpen={close} />}
        </Popover.Dropdown>
      </Popover>
    </>
  );
}

/** One notification in words: what happened, to which request. */
function useDescribe() {
  const { t } = useTranslation();
  return (item: NotificationDto) => {
    const detail = item.detail ?? '';
    const status = STATUS_LABELS[detail as keyof typeof STATUS_LABELS];
    return t(NOTIFICATION_LABELS[item.kind], {
      reference: item.reference,
      status: status ? t(status) : detail,
      milestone: isMilestone(detail) ? t(MILESTONE_LABELS[detail]) : detail,
      // For a message: its channel's name; for a report: its title; a meeting the reader may not read: the neutral title.
      name: item.about === 'meeting' && item.detail === null ? t('meetings.neutralTitle') : detail,
    });
  };
}

function NotificationList({
  items,
  unread,
  onOpen,
}: {
  items: NotificationDto[];
  unread: number;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const markAll = useMarkAllNotificationsRead();
  return (
    <section aria-labelledby="notifications-title">
      <Group justify="space-between" px="sm" py="xs" className={classes.popoverHeader}>
        <Text fw={700} id="notifications-title">
          {t('notifications.title')}
        </Text>
        {unread > 0 && (
          <Button
            size="compact-sm"
            variant="subtle"
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            {t('notifications.markAllRead')}
          </Button>
        )}
      </Group>
      {items.length === 0 ? (
        <Text p="sm" c="dimmed">
          {t('notifications.none')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={420}>
          <Stack component="ul" gap={0} className={classes.plainList}>
            {items.map((item) => (
              <NotificationItem key={item.id} item={item} onOpen={onOpen} />
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </section>
  );
}

function NotificationItem({ item, onOpen }: { item: NotificationDto; onOpen: () => void }) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  const names = useNames();
  const describe = useDescribe();
  const markRead = useMarkNotificationRead();
  const unread = item.readAt === null;
  const open = () => {
    if (unread) markRead.mutate(item.id);
    onOpen();
  };
  return (
    <li>
      <UnstyledButton
        component={Link}
        to={item.link}
        onClick={open}
        className={classes.notification}
        data-unread={unread || undefined}
      >
        {unread && <VisuallyHidden>{t('notifications.unread')}</VisuallyHidden>}
        <Text size="sm" fw={unread ? 700 : 400} c={item.priority === 'critical' ? 'red.9' : undefined}>
          {describe(item)}
        </Text>
        <Text size="xs" c="dimmed">
          {item.requestType && item.districtCode && (
            <>
              {names.type(item.requestType)} · {names.district(item.districtCode)} ·{' '}
            </>
          )}
          <time dateTime={item.createdAt}>{format(item.createdAt)}</time>
        </Text>
      </UnstyledButton>
      {unread && (
        <Group justify="flex-end" px="sm" pb={4}>
          <Button size="compact-xs" variant="subtle" onClick={() => markRead.mutate(item.id)}>
            {t('notifications.markRead')}
          </Button>
        </Group>
      )}
    </li>
  );
}
