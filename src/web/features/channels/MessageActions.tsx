import { Button, FileButton, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconPaperclip, IconPencil, IconShare, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDto } from '../../../core/channels/schemas';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { typedDirection } from '../reports/parts';
import { fileProblem } from '../requests/files';
import { useFileProblemText } from '../requests/ThreadFiles';
import { useAttachToMessage, useDeleteMessage, useEditMessage, useShareMessage } from './api';

/** The author's own message, changed in place: the text in a field that follows its direction, Save or Cancel. */
export function EditMessage({
  channelId,
  message,
  onDone,
}: {
  channelId: string;
  message: MessageDto;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const edit = useEditMessage(channelId);
  const [body, setBody] = useState(message.body ?? '');
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!body.trim()) return;
        edit.mutate({ seq: message.seq, body: body.trim() }, { onSuccess: onDone });
      }}
    >
      <Stack gap="xs" mt={4}>
        <Textarea
          label={t('channels.edit.label')}
          ref={typedDirection}
          autosize
          minRows={2}
          maxLength={20_000}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          data-autofocus
        />
        <ErrorAlert error={edit.error} />
        <Group gap="xs">
          <Button type="submit" size="compact-sm" loading={edit.isPending}>
            {t('channels.edit.save')}
          </Button>
          <Button size="compact-sm" variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Attach a file to one's own message: checked here first, then sent as it is; the server decides its type. */
function AttachToMessage({ channelId, message }: { channelId: string; message: MessageDto }) {
  const { t } = useTranslation();
  const attach = useAttachToMessage(channelId);
  const problemText = useFileProblemText();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <FileButton
        onChange={(file) => {
          attach.reset();
          const found = file && fileProblem(file);
          setProblem(found ? problemText(found) : null);
          if (file && !found) attach.mutate({ seq: message.seq, file });
        }}
      >
        {(props) => (
          <Button
            {...props}
            size="compact-sm"
            variant="subtle"
            loading={attach.isPending}
            leftSection={<IconPaperclip size={14} aria-hidden />}
          >
            {t('channels.attach.action')}
          </Button>
        )}
      </FileButton>
      {problem && (
        <Text size="sm" c="red.8" role="alert">
          {problem}
        </Text>
      )}
      <ErrorAlert error={attach.error} />
    </>
  );
}

/** Edit, Attach and Delete, for the author while the channel is open. */
export function OwnMessageActions({
  channelId,
  message,
  onEdit,
}: {
  channelId: string;
  message: MessageDto;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteMessage(channelId);
  const share = useShareMessage(channelId);
  const [asking, setAsking] = useState(false);
  return (
    <>
      {message.actions.share && (
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconShare size={14} aria-hidden />}
          loading={share.isPending}
          onClick={() =>
            share.mutate(message.seq, { onSuccess: () => notify('green', t('channels.sharedNote')) })
          }
        >
          {t('channels.share')}
        </Button>
      )}
      <Button
        size="compact-sm"
        variant="subtle"
        leftSection={<IconPencil size={14} aria-hidden />}
        onClick={onEdit}
      >
        {t('channels.edit.action')}
      </Button>
      <AttachToMessage channelId={channelId} message={message} />
      <Button
        size="compact-sm"
        variant="subtle"
        color="red"
        leftSection={<IconTrash size={14} aria-hidden />}
        onClick={() => setAsking(true)}
      >
        {t('channels.delete.action')}
      </Button>
      <ConfirmModal
        opened={asking}
        title={t('channels.delete.title')}
        confirmLabel={t('channels.delete.confirm')}
        loading={remove.isPending}
        onClose={() => setAsking(false)}
        onConfirm={() => remove.mutate(message.seq, { onSuccess: () => setAsking(false) })}
      >
        <Text>{t('channels.delete.body')}</Text>
        <ErrorAlert error={remove.error} />
      </ConfirmModal>
    </>
  );
}
