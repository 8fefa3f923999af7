import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { MeetingSummary } from '../../../core/working-groups/meetings';
import type { WorkingGroupDetail } from '../../../core/working-groups/schemas';
import { zonedInputToOffsetIso } from '../../../core/zoned-time';
import { FormModal } from '../../components/FormModal';
import { Section } from '../../components/Section';
import { T } from '../../components/T';
import { useDeployment } from '../../lib/deployment';
import { ErrorAlert } from '../../lib/errors';
import { useLiveEvent } from '../../lib/events';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { useGroupMeetings, useScheduleMeeting } from './api';
import { useMeetingTime } from './format';

/** A working group's meetings, upcoming then past; its chairs and secretary schedule new ones. */
export function MeetingsSection({ group }: { group: WorkingGroupDetail }) {
  const { t } = useTranslation();
  const meetings = useGroupMeetings(group.id);
  const [scheduling, setScheduling] = useState(false);
  useLiveEvent('meeting.', () => void meetings.refetch());
  const now = Date.now();
  const all = meetings.data ?? [];
  const upcoming = all.filter((meeting) => Date.parse(meeting.endsAt) >= now);
  const past = all.filter((meeting) => Date.parse(meeting.endsAt) < now).reverse();
  return (
    <Section id="group-meetings" title={t('meetings.title')}>
      <Stack gap="md" mt="sm">
        <ErrorAlert error={meetings.error} />
        {group.actions.scheduleMeetings && (
          <Group>
            <Button
              leftSection={<IconCalendarPlus size={16} aria-hidden />}
              onClick={() => setScheduling(true)}
            >
              {t('meetings.schedule')}
            </Button>
          </Group>
        )}
        <MeetingList title={t('meetings.upcoming')} meetings={upcoming} />
        <MeetingList title={t('meetings.past')} meetings={past} />
      </Stack>
      {scheduling && <ScheduleDialog group={group} onClose={() => setScheduling(false)} />}
    </Section>
  );
}

function MeetingList({ title, meetings }: { title: string; meetings: MeetingSummary[] }) {
  const { t } = useTranslation();
  const time = useMeetingTime();
  return (
    <div>
      <Title order={3} size="h5">
        {title}
      </Title>
      {meetings.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('meetings.none')}
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {meetings.map((meeting) => (
              <Table.Tr key={meeting.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/meetings/${meeting.id}`}>
                    <span dir="auto">{meeting.title ?? t('meetings.neutralTitle')}</span>
                  </Anchor>
                </Table.Td>
                <Table.Td>{time.short(meeting.startsAt, meeting.timeZone)}</Table.Td>
                <Table.Td>
                  {meeting.status === 'cancelled' && (
                    <Badge color="red" variant="light" radius="sm" tt="none">
                      {t('meetings.status.cancelled')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}

/** The levels a meeting of this group may be marked at: the group's and above. */
export function useMeetingLevels(groupLevel: string) {
  const { t } = useTranslation();
  const scheme = useDeployment().data?.classification;
  const levels = scheme?.levels ?? [];
  const floor = levels.findIndex((level) => level.code === groupLevel);
  return [
    { value: '', label: t('meetings.form.classification') },
    ...levels.slice(Math.max(floor, 0)).map((level) => ({ value: level.banner, label: level.banner })),
  ];
}

function ScheduleDialog({ group, onClose }: { group: WorkingGroupDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const timeZone = useDeployment().data?.timeZone ?? 'UTC';
  const schedule = useScheduleMeeting(group.id);
  const levels = useMeetingLevels(group.marking.level);
  const required = <T i18nKey="requests.form.required" />;
  const form = useForm({
    mode: 'controlled',
    initialValues: { title: '', startsAt: '', endsAt: '', place: '', callLink: '', classification: '' },
    validate: {
      title: (value) => (value.trim() ? null : required),
      startsAt: (value) => (value ? null : required),
      endsAt: (value) => (value ? null : required),
    },
  });
  const submit = form.onSubmit((values) =>
    schedule.mutate(
      {
        title: values.title.trim(),
        startsAt: zonedInputToOffsetIso(values.startsAt, timeZone) ?? values.startsAt,
        endsAt: zonedInputToOffsetIso(values.endsAt, timeZone) ?? values.endsAt,
        timeZone,
        place: values.place.trim() || null,
        callLink: values.callLink.trim() || null,
        ...(values.classification && { classification: values.classification }),
      },
      {
        onSuccess: (meeting) => {
          notify('green', t('meetings.scheduled'));
          onClose();
          void navigate(`/meetings/${meeting.id}`);
        },
        onError: (error) => applyServerErrors(form, error) && schedule.reset(),
      },
    ),
  );
  return (
    <FormModal
      title={t('meetings.schedule')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('meetings.form.submit')}
      loading={schedule.isPending}
      error={schedule.error}
    >
      <TextInput
        label={t('meetings.form.title')}
        required
        maxLength={300}
        dir="auto"
        data-autofocus
        {...form.getInputProps('title')}
      />
      <TextInput
        type="datetime-local"
        dir="ltr"
        label={t('meetings.form.starts')}
        description={t('meetings.form.zone', { zone: timeZone })}
        required
        {...form.getInputProps('startsAt')}
      />
      <TextInput
        type="datetime-local"
        dir="ltr"
        label={t('meetings.form.ends')}
        description={t('meetings.form.zone', { zone: timeZone })}
        required
        {...form.getInputProps('endsAt')}
      />
      <TextInput
        label={t('meetings.form.place')}
        maxLength={500}
        dir="auto"
        {...form.getInputProps('place')}
      />
      <TextInput
        label={t('meetings.form.callLink')}
        type="url"
        dir="ltr"
        maxLength={2000}
        {...form.getInputProps('callLink')}
      />
      <NativeSelect
        label={t('meetings.form.classification')}
        description={t('meetings.form.classificationHint')}
        data={levels}
        {...form.getInputProps('classification')}
      />
    </FormModal>
  );
}
