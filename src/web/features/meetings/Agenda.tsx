import { ActionIcon, Button, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingDetail } from '../../../core/working-groups/meetings';
import { Section } from '../../components/Section';
import { ErrorAlert } from '../../lib/errors';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { useWorkingGroup } from '../working-groups/api';
import { useSetAgenda } from './api';
export function Agenda({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <Section id="meeting-agenda" title={t('meetings.agenda')}>
      <Stack gap="sm" mt="sm">
        {meeting.agenda.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('meetings.noAgenda')}
          </Text>
        ) : (
          <ol>
            {meeting.agenda.map((item) => (
              <li key={item.id}>
                <Text span fw={600} dir="auto">
                  {item.title}
                </Text>
                {item.owner && (
                  <Text span c="dimmed">
                    {' — '}
                    <bdi>{item.owner.displayName}</bdi>
                  </Text>
                )}
                {item.notes && (
                  <Text size="sm" dir="auto">
                    {item.notes}
                  </Text>
                )}
              </li>
            ))}
          </ol>
        )}
        {meeting.actions.setAgenda && !editing && (
          <Group>
            <Button variant="default" onClick={() => setEditing(true)}>
              {t('meetings.editAgenda')}
            </Button>
          </Group>
        )}
        {editing && <AgendaEditor meeting={meeting} onDone={() => setEditing(false)} />}
      </Stack>
    </Section>
  );
}

function AgendaEditor({ meeting, onDone }: { meeting: MeetingDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const setAgenda = useSetAgenda(meeting.id);
  const group = useWorkingGroup(meeting.groupId);
  const members = (group.data?.members ?? []).map((member) => ({
    value: member.id,
    label: `${member.displayName}${member.party ? ` (${member.party})` : ''}`,
  }));
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      items: meeting.agenda.map((item) => ({
        title: item.title,
        ownerId: item.owner?.id ?? '',
        notes: item.notes ?? '',
      })),
    },
  });
  const submit = form.onSubmit((values) =>
    setAgenda.mutate(
      {
        items: values.items.map((item) => ({
          title: item.title.trim(),
          ownerId: item.ownerId || null,
          notes: item.notes.trim() || null,
        })),
      },
      {
        onSuccess: () => {
          notify('green', t('meetings.agendaSaved'));
          onDone();
        },
        onError: (error) => applyServerErrors(form, error) && setAgenda.reset(),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {form.values.items.map((_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the agenda's rows are its order
          <Group key={index} align="flex-end" wrap="wrap" gap="xs">
            <TextInput
              label={`${t('meetings.itemTitle')} ${index + 1}`}
              required
              maxLength={500}
              dir="auto"
              style={{ flex: '2 1 220px' }}
              {...form.getInputProps(`items.${index}.title`)}
            />
            <NativeSelect
              label={t('meetings.itemOwner')}
              data={[{ value: '', label: t('meetings.noOwner') }, ...members]}
              style={{ flex: '1 1 180px' }}
              {...form.getInputProps(`items.${index}.ownerId`)}
            />
            <Textarea
              label={t('meetings.itemNotes')}
              autosize
              minRows={1}
              maxLength={5000}
              dir="auto"
              style={{ flex: '2 1 220px' }}
              {...form.getInputProps(`items.${index}.notes`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('meetings.removeItem', { n: index + 1 })}
              onClick={() => form.removeListItem('items', index)}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => form.insertListItem('items', { title: '', ownerId: '', notes: '' })}
          >
            {t('meetings.addItem')}
          </Button>
          <Button type="submit" loading={setAgenda.isPending}>
            {t('meetings.saveAgenda')}
          </Button>
        </Group>
        <ErrorAlert error={setAgenda.error} />
      </Stack>
    </form>
  );
}
