import { Anchor, Button, Group, NativeSelect, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconChecklist } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { WorkingGroupDetail } from '../../../core/working-groups/schemas';
import { FormModal } from '../../components/FormModal';
import { Section } from '../../components/Section';
import { T } from '../../components/T';
import { ErrorAlert } from '../../lib/errors';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { useCommitmentBoard, useRaiseCommitment } from './api';
import { BoardView } from './CommitmentBoardView';
import { CommitmentFields } from './CommitmentDialogs';

/** A working group's commitments: its board (per party tallies, overdue first); any member raises one. */
export function CommitmentsSection({ group }: { group: WorkingGroupDetail }) {
  const { t } = useTranslation();
  const board = useCommitmentBoard({ group: group.id });
  const [raising, setRaising] = useState(false);
  return (
    <Section id="group-commitments" title={t('commitments.title')}>
      <Stack gap="md" mt="sm">
        <Group>
          <Button leftSection={<IconChecklist size={16} aria-hidden />} onClick={() => setRaising(true)}>
            {t('commitments.raise')}
          </Button>
          <Anchor component={Link} to={`/commitments?group=${group.id}`} size="sm">
            {t('commitments.boardOfGroup')}
          </Anchor>
        </Group>
        <ErrorAlert error={board.error} />
        {board.data && <BoardView board={board.data} showGroup={false} />}
      </Stack>
      {raising && <RaiseDialog group={group} onClose={() => setRaising(false)} />}
    </Section>
  );
}

/** Raise a commitment of the group; raised in a meeting, it stays on the meeting's page. */
export function RaiseDialog({
  group,
  meetingId,
  onClose,
}: {
  group: WorkingGroupDetail;
  meetingId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const raise = useRaiseCommitment();
  // The sides: the parties that have a chair (the coordinator has a secretary instead).
  const sides = group.parties.filter((party) => group.chairs.some((chair) => chair.party === party));
  const required = <T i18nKey="requests.form.required" />;
  const form = useForm({
    mode: 'controlled',
    initialValues: { title: '', doneMeans: '', ownerParty: sides[0] ?? '', ownerId: '', dueOn: '' },
    validate: {
      title: (value) => (value.trim() ? null : required),
      doneMeans: (value) => (value.trim() ? null : required),
      ownerId: (value) => (value ? null : required),
      dueOn: (value) => (value ? null : required),
    },
  });
  const owners = group.members.filter((member) => member.party === form.values.ownerParty);
  const submit = form.onSubmit((values) =>
    raise.mutate(
      {
        group: group.id,
        ...(meetingId && { meetingId }),
        ...values,
        title: values.title.trim(),
        doneMeans: values.doneMeans.trim(),
      },
      {
        onSuccess: (commitment) => {
          notify('green', t('commitments.raised'));
          onClose();
          if (!meetingId) void navigate(`/commitments/${commitment.id}`);
        },
        onError: (error) => applyServerErrors(form, error) && raise.reset(),
      },
    ),
  );
  return (
    <FormModal
      title={t('commitments.raise')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('commitments.raise')}
      loading={raise.isPending}
      error={raise.error}
    >
      <CommitmentFields inputProps={form.getInputProps}>
        <NativeSelect
          label={t('commitments.party')}
          data={sides}
          {...form.getInputProps('ownerParty')}
          onChange={(event) => {
            form.setFieldValue('ownerParty', event.currentTarget.value);
            form.setFieldValue('ownerId', '');
          }}
        />
        <NativeSelect
          label={t('commitments.owner')}
          required
          data={[
            { value: '', label: '—' },
            ...owners.map((member) => ({ value: member.id, label: member.displayName })),
          ]}
          {...form.getInputProps('ownerId')}
        />
      </CommitmentFields>
    </FormModal>
  );
}
