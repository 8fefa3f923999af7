import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskDto, ShiftDto } from '../../../core/directory/schemas';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Section } from '../../components/Section';
import { T } from '../../components/T';
import { useDeployment } from '../../lib/deployment';
import { ErrorAlert } from '../../lib/errors';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { isoToZonedInput, useFormatDateTime, zonedInputToIso } from '../../lib/time';
import { type Directory, useCreateShift, useDeleteShift } from './api';

/** The desk's current and upcoming shifts; supervisors and administrators add and remove them. */
export function ShiftsSection({
  desk,
  shifts,
  directory,
  mayManage,
}: {
  desk: DeskDto;
  shifts: ShiftDto[];
  directory: Directory;
  mayManage: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  const [removing, setRemoving] = useState<ShiftDto | null>(null);
  const now = Date.now();
  const shown = shifts
    .filter((shift) => Date.parse(shift.endsAt) > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));

  return (
    <Section id="desk-shifts" title={t('desk.shifts')} description={t('desk.shiftsHint')}>
      <Stack gap="md" mt="sm">
        {shown.length === 0 ? (
          <Text>{t('desk.noShifts')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('desk.person')}</Table.Th>
                  <Table.Th scope="col">{t('desk.starts')}</Table.Th>
                  <Table.Th scope="col">{t('desk.ends')}</Table.Th>
                  <Table.Th scope="col">{t('desk.status')}</Table.Th>
                  {mayManage && (
                    <Table.Th scope="col">
                      <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((shift) => (
                  <Table.Tr key={shift.id}>
                    <Table.Th scope="row" fw={500}>
                      <span dir="auto">{shift.displayName}</span>
                    </Table.Th>
                    <Table.Td>{format(shift.startsAt)}</Table.Td>
                    <Table.Td>{format(shift.endsAt)}</Table.Td>
                    <Table.Td>
                      {Date.parse(shift.startsAt) <= now ? (
                        <Badge color="green" variant="light" radius="sm" tt="none">
                          {t('directory.onDuty')}
                        </Badge>
                      ) : (
                        <Badge color="gray" variant="light" radius="sm" tt="none">
                          {t('desk.upcoming')}
                        </Badge>
                      )}
                    </Table.Td>
                    {mayManage && (
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          onClick={() => setRemoving(shift)}
                          aria-label={t('desk.removeShiftOf', { name: shift.displayName })}
                        >
                          {t('common.remove')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {mayManage && <AddShiftForm desk={desk} directory={directory} />}
      </Stack>
      <RemoveShift deskId={desk.id} shift={removing} onClose={() => setRemoving(null)} />
    </Section>
  );
}

function RemoveShift({
  deskId,
  shift,
  onClose,
}: {
  deskId: string;
  shift: ShiftDto | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteShift(deskId);
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={shift !== null}
      onClose={close}
      title={t('desk.removeShiftTitle')}
      confirmLabel={t('common.remove')}
      loading={remove.isPending}
      onConfirm={() => shift && remove.mutate(shift.id, { onSuccess: close })}
    >
      <Text>{t('desk.removeShiftBody', { name: shift?.displayName ?? '' })}</Text>
      <ErrorAlert error={remove.error} />
    </ConfirmModal>
  );
}

const HOUR = 3_600_000;

function AddShiftForm({ desk, directory }: { desk: DeskDto; directory: Directory }) {
  const { t } = useTranslation();
  const timeZone = useDeployment().data?.timeZone ?? 'UTC';
  const create = useCreateShift(desk.id);
  const people = directory.users.filter((person) => person.partyCode === desk.partyCode && !person.disabled);
  const nextHour = Math.ceil(Date.now() / HOUR) * HOUR;
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      userId: '',
      startsAt: isoToZonedInput(new Date(nextHour).toISOString(), timeZone),
      endsAt: isoToZonedInput(new Date(nextHour + 8 * HOUR).toISOString(), timeZone),
    },
    validate: {
      userId: (value) => (value ? null : <T i18nKey="desk.personRequired" />),
      startsAt: (value) => (zonedInputToIso(value, timeZone) ? null : <T i18nKey="desk.timeRequired" />),
      endsAt: (value, values) => {
        const ends = zonedInputToIso(value, timeZone);
        const starts = zonedInputToIso(values.startsAt, timeZone);
        if (!ends) return <T i18nKey="desk.timeRequired" />;
        return starts && ends <= starts ? <T i18nKey="desk.endAfterStart" /> : null;
      },
    },
  });

  const submit = form.onSubmit((values) => {
    const shift = {
      userId: values.userId,
      startsAt: zonedInputToIso(values.startsAt, timeZone) as string,
      endsAt: zonedInputToIso(values.endsAt, timeZone) as string,
    };
    create.mutate(shift, {
      onSuccess: () => {
        notify('green', t('desk.shiftAdded'));
        form.setFieldValue('userId', '');
        create.reset();
      },
      onError: (error) => applyServerErrors(form, error) && create.reset(),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="desk-add-shift">
      <Text fw={600} id="desk-add-shift">
        {t('desk.addShift')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('desk.timesIn', { zone: timeZone })}
      </Text>
      <Group align="flex-start" gap="sm" mt="xs">
        <NativeSelect
          label={t('desk.person')}
          data={[
            { value: '', label: t('desk.choosePerson') },
            ...people.map((person) => ({ value: person.id, label: person.displayName })),
          ]}
          w={{ base: '100%', xs: 260 }}
          {...form.getInputProps('userId')}
        />
        <TextInput
          type="datetime-local"
          label={t('desk.starts')}
          dir="ltr"
          {...form.getInputProps('startsAt')}
        />
        <TextInput type="datetime-local" label={t('desk.ends')} dir="ltr" {...form.getInputProps('endsAt')} />
      </Group>
      <ErrorAlert error={create.error} />
      <Button
        type="submit"
        mt="sm"
        leftSection={<IconCalendarPlus size={16} aria-hidden />}
        loading={create.isPending}
      >
        {t('desk.addShift')}
      </Button>
    </form>
  );
}
