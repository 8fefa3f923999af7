import { Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconNote } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskDto, HandoverNoteDto, PartyDto } from '../../../core/directory/schemas';
import { MarkingError } from '../../../core/marking/marking';
import type { ClassificationScheme } from '../../../core/marking/scheme';
import {
  bannerOf,
  ClassificationPicker,
  initialMarkingChoice,
  type MarkingChoice,
} from '../../components/ClassificationPicker';
import { ConfirmModal } from '../../components/ConfirmModal';
import { MarkingBanner } from '../../components/MarkingBanner';
import { Section } from '../../components/Section';
import { T } from '../../components/T';
import { useDeployment } from '../../lib/deployment';
import { ErrorAlert } from '../../lib/errors';
import { applyServerErrors } from '../../lib/form-errors';
import { notify } from '../../lib/notify';
import { useFormatDateTime } from '../../lib/time';
import { useSignedInMe } from '../identity/api';
import { useCreateHandoverNote, useDeleteHandoverNote } from './api';
import classes from './directory.module.css';

/** The notes one shift leaves the next, each under its marking; only those the reader may see arrive. */
export function HandoverNotesSection({
  desk,
  notes,
  parties,
  mayWrite,
}: {
  desk: DeskDto;
  notes: HandoverNoteDto[];
  parties: PartyDto[];
  mayWrite: boolean;
}) {
  const { t } = useTranslation();
  const scheme = useDeployment().data?.classification;
  const [deleting, setDeleting] = useState<HandoverNoteDto | null>(null);
  return (
    <Section id="desk-notes" title={t('desk.notes')} description={t('desk.notesHint')}>
      <Stack gap="md" mt="sm">
        {notes.length === 0 ? (
          <Text>{t('desk.noNotes')}</Text>
        ) : (
          notes.map((note) => <NoteCard key={note.id} note={note} onDelete={() => setDeleting(note)} />)
        )}
        {mayWrite && scheme && <NoteForm deskId={desk.id} scheme={scheme} parties={parties} />}
      </Stack>
      <DeleteNote deskId={desk.id} note={deleting} onClose={() => setDeleting(null)} />
    </Section>
  );
}

function NoteCard({ note, onDelete }: { note: HandoverNoteDto; onDelete: () => void }) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  const titleId = `note-${note.id}`;
  return (
    <Card withBorder padding={0} radius="md" component="article" aria-labelledby={titleId}>
      <MarkingBanner marking={note.marking} />
      <Stack gap={6} p="sm">
        <Group justify="space-between" gap="xs">
          <Text size="sm" id={titleId}>
            <Text span inherit fw={600} dir="auto">
              {note.author?.displayName ?? t('desk.formerUser')}
            </Text>{' '}
            <Text span inherit c="dimmed">
              · {format(note.createdAt)}
            </Text>
          </Text>
          {note.actions.delete && (
            <Button size="compact-sm" variant="subtle" color="red" onClick={onDelete}>
              {t('common.delete')}
            </Button>
          )}
        </Group>
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <MarkingBanner marking={note.marking} variant="portion" />
          <Text dir="auto" className={classes.noteBody}>
            {note.body}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}

function DeleteNote({
  deskId,
  note,
  onClose,
}: {
  deskId: string;
  note: HandoverNoteDto | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteHandoverNote(deskId);
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={note !== null}
      onClose={close}
      title={t('desk.deleteNoteTitle')}
      confirmLabel={t('common.delete')}
      loading={remove.isPending}
      onConfirm={() => note && remove.mutate(note.id, { onSuccess: close })}
    >
      <Text>{t('desk.deleteNoteBody')}</Text>
      <ErrorAlert error={remove.error} />
    </ConfirmModal>
  );
}

function NoteForm({
  deskId,
  scheme,
  parties,
}: {
  deskId: string;
  scheme: ClassificationScheme;
  parties: PartyDto[];
}) {
  const { t } = useTranslation();
  const { user } = useSignedInMe();
  const create = useCreateHandoverNote(deskId);
  const form = useForm<{ body: string; marking: MarkingChoice & { classification: string } }>({
    mode: 'controlled',
    initialValues: {
      body: '',
      marking: { ...initialMarkingChoice(scheme, user.party?.code ?? null), classification: '' },
    },
    validate: {
      body: (value) => (value.trim() ? null : <T i18nKey="desk.noteRequired" />),
      marking: {
        parties: (value) => (value.length ? null : <T i18nKey="marking.audienceRequired" />),
      },
    },
  });

  const submit = form.onSubmit(({ body, marking }) => {
    let classification: string;
    try {
      classification = bannerOf(scheme, marking);
    } catch (error) {
      if (error instanceof MarkingError) return form.setFieldError('marking.classification', error.message);
      throw error;
    }
    create.mutate(
      { body: body.trim(), marking: { classification, parties: marking.parties } },
      {
        onSuccess: () => {
          form.setFieldValue('body', '');
          create.reset();
          notify('green', t('desk.noteSaved'));
        },
        onError: (error) =>
          applyServerErrors(form, error, { marking_hides_from_author: 'marking.classification' }) &&
          create.reset(),
      },
    );
  });

  const { classification, ...choice } = form.values.marking;
  const markingError = form.errors['marking.classification'] ?? form.errors['marking.parties'];
  return (
    <form onSubmit={submit} noValidate aria-labelledby="desk-write-note">
      <Stack gap="sm">
        <Text fw={600} id="desk-write-note">
          {t('desk.writeNote')}
        </Text>
        <Textarea
          label={t('desk.noteBody')}
          autosize
          minRows={3}
          maxRows={12}
          maxLength={10_000}
          dir="auto"
          {...form.getInputProps('body')}
        />
        <ClassificationPicker
          scheme={scheme}
          parties={parties}
          value={choice}
          onChange={(value) => {
            form.setFieldValue('marking', { ...value, classification });
            form.clearFieldError('marking.classification');
            form.clearFieldError('marking.parties');
          }}
          error={markingError}
        />
        <ErrorAlert error={create.error} />
        <Group>
          <Button type="submit" leftSection={<IconNote size={16} aria-hidden />} loading={create.isPending}>
            {t('desk.saveNote')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
