import { Badge } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Status } from '../../../core/requests/lifecycle';
import type { Priority } from '../../../core/requests/request-type';
import { PRIORITY_LABELS, STATUS_COLOURS, STATUS_LABELS } from './labels';

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLOURS[status]} radius="sm" tt="none">
      {t(STATUS_LABELS[status])}
    </Badge>
  );
}

/** Critical stands out in solid red; the others are quieter. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  const look =
    priority === 'critical'
      ? { variant: 'filled', color: 'red' }
      : { variant: 'light', color: priority === 'urgent' ? 'orange' : 'gray' };
  return (
    <Badge {...look} radius="sm" tt="none">
      {t(PRIORITY_LABELS[priority])}
    </Badge>
  );
}

/** An internal note or file: only the author's party ever sees it, and it looks it. */
export function InternalBadge() {
  const { t } = useTranslation();
  return (
    <Badge
      color="orange"
      variant="light"
      radius="sm"
      tt="none"
      leftSection={<IconLock size={12} aria-hidden />}
    >
      {t('requests.internalBadge')}
    </Badge>
  );
}
