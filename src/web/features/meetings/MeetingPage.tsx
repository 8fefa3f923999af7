import {
  Alert,
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
import { IconCalendarDown, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  MEETING_ATTENDANCE,
  MEETING_RESPONSES,
  type MeetingAttendance,
  type MeetingDetail,
} from '../../../core/working-groups/meetings';
import { isoToZonedInput, zonedInputToOffsetIso } from '../../../core/zoned-time';
import { NotFoundContent } from '../../app/NotFoundPage';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FactList } from '../../components/FactList';
import { FormModal } from '../../components/FormModal';
import { Loaded } from '../../components/Loaded';
import { MarkingBanner } from '../../components/MarkingBanner';
import { Section } from '../../components/Section';
import { isApiError } from '../../lib/api';
import { ErrorAlert } from '../../lib/errors';
import { useLiveEvent } from '../../lib/events';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { useLocalised } from '../../lib/use-localised';
import { usePageTitle } from '../../lib/use-page-title';
import { MinutesSection } from '../minutes/MinutesSection';
import { Agenda } from './Agenda';
import {
  meetingIcsUrl,
  useCancelMeeting,
  useMeeting,
  useMoveMeeting,
  useRecordAttendance,
  useRespond,
} from './api';
import { useMeetingTime } from './format';
import { MeetingCommitments } from './MeetingCommitments';

/** One meeting: when (in the reader's language, zone named), where, agenda, invitations per party, answers. */
export default function MeetingPage() {
  const { id = '' } = useParams();
  const meeting = useMeeting(id);
  useLiveEvent('meeting.', (event) => {
    if (event.id === id) void meeting.refetch();
  });
  if (isApiError(meeting.error) && meeting.error.status === 404) return <NotFoundContent />;
  return (
    <Loaded data={meeting.data} error={meeting.error} refetch={() => void meeting.refetch()}>
      {(data) => <MeetingView meeting={data} />}
    </Loaded>
  );
}

function MeetingView({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const time = useMeetingTime();
  const title = meeting.title ?? t('meetings.neutralTitle');
  usePageTitle(title);
  const [moving, setMoving] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const cancel = useCancelMeeting(meeting.id);
  const facts: [string, React.ReactNode][] = [
    [
      t('meetings.group'),
      <Anchor key="group" component={Link} to={`/working-groups/${meeting.groupId}`}>
        {localised(meeting.groupNames)}
      </Anchor>,
    ],
    [t('meetings.when'), time.when(meeting.startsAt, meeting.endsAt, meeting.timeZone)],
  ];
  if (meeting.place)
    facts.push([
      t('meetings.where'),
      <span key="place" dir="auto">
        {meeting.place}
      </span>,
    ]);
  if (meeting.callLink)
    facts.push([
      t('meetings.callLink'),
      <Anchor key="link" href={meeting.callLink} target="_blank" rel="noreferrer" dir="ltr">
        {meeting.callLink}
      </Anchor>,
    ]);
  return (
    <Stack gap="lg" maw={1100}>
      <MarkingBanner marking={meeting.marking} />
      <div>
        <Anchor component={Link} to={`/working-groups/${meeting.groupId}`} size="sm">
          {t('meetings.back')}
        </Anchor>
        <Group gap="sm" mt={4} align="center">
          <Title order={1}>
            <span dir="auto">{title}</span>
          </Title>
          <Badge
            color={meeting.status === 'cancelled' ? 'red' : 'blue'}
            variant="light"
            radius="sm"
            tt="none"
          >
            {t(meeting.status === 'cancelled' ? 'meetings.status.cancelled' : 'meetings.status.scheduled')}
          </Badge>
        </Group>
      </div>
      {meeting.restricted && (
        <Alert color="gray" variant="light" icon={<IconLock aria-hidden />}>
          {t('meetings.restricted')}
        </Alert>
      )}
      <FactList facts={facts} />
      <Group gap="sm">
        <Button
          component="a"
          href={meetingIcsUrl(meeting.id)}
          download
          variant="default"
          leftSection={<IconCalendarDown size={16} aria-hidden />}
        >
          {t('meetings.addToCalendar')}
        </Button>
        {meeting.actions.edit && (
          <Button variant="default" onClick={() => setMoving(true)}>
            {t('meetings.move')}
          </Button>
        )}
        {meeting.actions.cancel && (
          <Button variant="subtle" color="red" onClick={() => setCancelling(true)}>
            {t('meetings.cancel')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={cancel.error} />
      {meeting.actions.respond && <Respond meeting={meeting} />}
      {!meeting.restricted && <Agenda meeting={meeting} />}
      {!meeting.restricted && <MeetingCommitments meeting={meeting} />}
      <Invitations meeting={meeting} />
      {/* The minutes (issue 16, item 3): their own section, id meeting-minutes. */}
      <MinutesSection meetingId={meeting.id} />
      {moving && <MoveDialog meeting={meeting} onClose={() => setMoving(false)} />}
      <ConfirmModal
        opened={cancelling}
        title={t('meetings.cancel')}
        confirmLabel={t('meetings.cancel')}
        loading={cancel.isPending}
        onClose={() => setCancelling(false)}
        onConfirm={() =>
          cancel.mutate(undefined, {
            onSuccess: () => {
              notify('green', t('meetings.cancelled'));
              setCancelling(false);
            },
          })
        }
      >
        <Text>{t('meetings.cancelConfirm')}</Text>
      </ConfirmModal>
    </Stack>
  );
}

const RESPONSE_COLOURS = {
  accepted: 'green',
  declined: 'red',
  tentative: 'orange',
  'needs-action': 'gray',
} as const;

function Respond({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const respond = useRespond(meeting.id);
  return (
    <Stack gap="xs">
      {meeting.myResponse && (
        <Text>{t('meetings.yourResponse', { response: t(`meetings.responses.${meeting.myResponse}`) })}</Text>
      )}
      <Group gap="sm">
        {MEETING_RESPONSES.map((response) => (
          <Button
            key={response}
            variant={meeting.myResponse === response ? 'filled' : 'default'}
            aria-pressed={meeting.myResponse === response}
            loading={respond.isPending && respond.variables === response}
            onClick={() => respond.mutate(response)}
          >
            {t(`meetings.respond.${response}`)}
          </Button>
        ))}
      </Group>
      <ErrorAlert error={respond.error} />
    </Stack>
  );
}

function Invitations({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const record = useRecordAttendance(meeting.id);
  const parties = [...new Set(meeting.invitations.map((invitation) => invitation.party ?? '—'))];
  const [attendance, setAttendance] = useState<Record<string, MeetingAttendance | ''>>(() =>
    Object.fromEntries(
      meeting.invitations.map((invitation) => [invitation.user.id, invitation.attendance ?? '']),
    ),
  );
  const save = () =>
    record.mutate(
      {
        attendance: meeting.invitations.map((invitation) => ({
          userId: invitation.user.id,
          attendance: attendance[invitation.user.id] || null,
        })),
      },
      { onSuccess: () => notify('green', t('meetings.attendanceSaved')) },
    );
  return (
    <Section id="meeting-invitations" title={t('meetings.invitations')}>
      <Stack gap="md" mt="sm">
        {parties.map((party) => (
          <div key={party}>
            <Title order={3} size="h5">
              {party}
            </Title>
            <Table.ScrollContainer minWidth={320}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('meetings.person')}</Table.Th>
                    <Table.Th>{t('meetings.response')}</Table.Th>
                    <Table.Th>{t('meetings.attendance')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {meeting.invitations
                    .filter((invitation) => (invitation.party ?? '—') === party)
                    .map((invitation) => (
                      <Table.Tr key={invitation.user.id}>
                        <Table.Td>
                          <bdi>{invitation.user.displayName}</bdi>
                        </Table.Td>
                        <Table.Td>
                          <Badge
                            color={RESPONSE_COLOURS[invitation.response]}
                            variant="light"
                            radius="sm"
                            tt="none"
                          >
                            {t(`meetings.responses.${invitation.response}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          {meeting.actions.recordAttendance ? (
                            <NativeSelect
                              aria-label={t('meetings.attendanceOf', { name: invitation.user.displayName })}
                              size="xs"
                              value={attendance[invitation.user.id] ?? ''}
                              onChange={(event) =>
                                setAttendance((current) => ({
                                  ...current,
                                  [invitation.user.id]: event.currentTarget.value as MeetingAttendance | '',
                                }))
                              }
                              data={[
                                { value: '', label: t('meetings.attendanceValue.none') },
                                ...MEETING_ATTENDANCE.map((value) => ({
                                  value,
                                  label: t(`meetings.attendanceValue.${value}`),
                                })),
                              ]}
                            />
                          ) : (
                            t(`meetings.attendanceValue.${invitation.attendance ?? 'none'}`)
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </div>
        ))}
        {meeting.actions.recordAttendance && (
          <Group>
            <Button variant="default" onClick={save} loading={record.isPending}>
              {t('meetings.saveAttendance')}
            </Button>
          </Group>
        )}
        <ErrorAlert error={record.error} />
      </Stack>
    </Section>
  );
}

function MoveDialog({ meeting, onClose }: { meeting: MeetingDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const move = useMoveMeeting(meeting.id);
  const zone = meeting.timeZone;
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      title: meeting.title ?? '',
      startsAt: isoToZonedInput(meeting.startsAt, zone),
      endsAt: isoToZonedInput(meeting.endsAt, zone),
      place: meeting.place ?? '',
      callLink: meeting.callLink ?? '',
    },
  });
  const submit = form.onSubmit((values) =>
    move.mutate(
      {
        title: values.title.trim(),
        startsAt: zonedInputToOffsetIso(values.startsAt, zone) ?? values.startsAt,
        endsAt: zonedInputToOffsetIso(values.endsAt, zone) ?? values.endsAt,
        place: values.place.trim() || null,
        callLink: values.callLink.trim() || null,
      },
      {
        onSuccess: () => {
          notify('green', t('meetings.moved'));
          onClose();
        },
        onError: (error) => applyServerErrors(form, error) && move.reset(),
      },
    ),
  );
  return (
    <FormModal
      title={t('meetings.move')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('meetings.form.save')}
      loading={move.isPending}
      error={move.error}
    >
      <TextInput
        label={t('meetings.form.title')}
        required
        maxLength={300}
        dir="auto"
        {...form.getInputProps('title')}
      />
      <TextInput
        type="datetime-local"
        dir="ltr"
        label={t('meetings.form.starts')}
        description={t('meetings.form.zone', { zone })}
        required
        {...form.getInputProps('startsAt')}
      />
      <TextInput
        type="datetime-local"
        dir="ltr"
        label={t('meetings.form.ends')}
        description={t('meetings.form.zone', { zone })}
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
    </FormModal>
  );
}
