import { Anchor, Button, Checkbox, FileInput, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconPaperclip, IconUpload } from '@tabler/icons-react';
import { type CSSProperties, type DragEvent, type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_MAX_BYTES } from '../../../core/requests/attachments';
import type { AttachmentDto, RequestDetail } from '../../../core/requests/schemas';
import { currentLocale } from '../../app/i18n';
import { ErrorText } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useFormatDateTime } from '../../lib/time';
import { attachmentUrl, useUploadAttachment } from './api';
import { InternalBadge } from './Badges';
import { ACCEPT, type FileProblem, fileProblem, formatFileSize, kindKeyOf } from './files';
import classes from './requests.module.css';
import { useNames } from './use-names';

/** The files of a request's thread: those the user may see, and a way to add one when they may write. */
export function ThreadFiles({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" mt="lg">
      <Title order={3} size="h4" id="request-files-title">
        {t('requests.files.title')}
      </Title>
      {request.attachments.length === 0 ? (
        <Text c="dimmed">{t('requests.files.none')}</Text>
      ) : (
        <Stack component="ul" gap="xs" className={classes.plainList} aria-labelledby="request-files-title">
          {request.attachments.map((attachment) => (
            <FileRow
              key={attachment.id}
              href={attachmentUrl(request.id, attachment.id)}
              file={{ ...attachment, uploaderName: attachment.uploadedBy.displayName }}
            />
          ))}
        </Stack>
      )}
      {request.mayComment && <AttachFile request={request} />}
    </Stack>
  );
}

export function useFileSize() {
  const { i18n } = useTranslation();
  const locale = currentLocale(i18n.language);
  return (bytes: number) => formatFileSize(bytes, locale);
}

/** A stored file as a row of a list (a request's thread, a commitment's evidence): its name downloads it. */
export function FileRow({
  href,
  file: attachment,
}: {
  href: string;
  file: Pick<AttachmentDto, 'filename' | 'mediaType' | 'size' | 'uploaderParty' | 'createdAt'> & {
    uploaderName: string;
    internal?: boolean;
  };
}) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  const size = useFileSize();
  const names = useNames();
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      radius="md"
      className={attachment.internal ? classes.internal : undefined}
    >
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Group gap={6} wrap="nowrap" className={classes.fileName}>
          <IconPaperclip size={16} aria-hidden />
          {/* The name is the download link: the browser saves the file under its exact name. */}
          <Anchor href={href} download={attachment.filename} fw={600}>
            <bdi dir="auto">{attachment.filename}</bdi>
          </Anchor>
          <IconDownload size={14} aria-hidden />
        </Group>
        {attachment.internal && <InternalBadge />}
      </Group>
      <Text size="sm" c="dimmed" mt={4}>
        {t(kindKeyOf(attachment.mediaType))} · <bdi>{size(attachment.size)}</bdi> ·{' '}
        <bdi dir="auto">{attachment.uploaderName}</bdi> ({names.party(attachment.uploaderParty)}) ·{' '}
        <time dateTime={attachment.createdAt}>{format(attachment.createdAt)}</time>
      </Text>
    </Paper>
  );
}

/** The chosen file in the picker: its name as written and its size in the user's digits. */
export function ChosenFile({ value }: { value: File | File[] | null }) {
  const size = useFileSize();
  if (!(value instanceof File)) return null;
  return (
    <span>
      <bdi dir="auto">{value.name}</bdi> · <bdi>{size(value.size)}</bdi>
    </span>
  );
}

const PROBLEM_TEXT: Record<
  FileProblem,
  'errors.empty_attachment' | 'requests.files.tooLarge' | 'requests.files.typeNotAllowed'
> = {
  empty: 'errors.empty_attachment',
  'too-large': 'requests.files.tooLarge',
  'type-not-allowed': 'requests.files.typeNotAllowed',
};

/** The largest file, in the user's digits, isolated: "10 MB" stays one left-to-right unit inside a Hebrew sentence. */
function useMaxFileSize() {
  const size = useFileSize();
  return `\u2068${size(ATTACHMENT_MAX_BYTES)}\u2069`;
}

/** Why a chosen file cannot be attached, in the user's language (requests and channel messages alike). */
export function useFileProblemText(): (problem: FileProblem) => string {
  const { t } = useTranslation();
  const _size = useFileSize();
  const max = useMaxFileSize();
  return (problem) => t(PROBLEM_TEXT[problem], { max });
}

/**
 * Choose a file (a button, so the keyboard reaches it) or drop one on the
 * zone; it is checked here before anything is sent, then uploaded as it is.
 */
function AttachFile({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const problemText = useFileProblemText();
  const upload = useUploadAttachment(request.id);
  const [file, setFile] = useState<File | null>(null);
  const [internal, setInternal] = useState(false);
  const [dragging, setDragging] = useState(false);
  const problem = file ? fileProblem(file) : null;

  const choose = (chosen: File | null) => {
    upload.reset();
    setFile(chosen);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) choose(dropped);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file || problem) return;
    upload.mutate(
      { file, internal },
      {
        onSuccess: (attachment) => {
          notify('green', t('requests.files.attached', { name: attachment.filename }));
          setFile(null);
          setInternal(false);
        },
      },
    );
  };

  const error = problem ? (
    problemText(problem)
  ) : upload.error ? (
    <ErrorText error={upload.error} />
  ) : undefined;

  return (
    <form onSubmit={submit} noValidate>
      <Stack
        gap="xs"
        p="sm"
        className={classes.dropZone}
        data-dragging={dragging || undefined}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <FilePicker label={t('requests.files.attach')} value={file} onChange={choose} error={error} />
        {request.mayWriteInternal && (
          <Checkbox
            label={t('requests.files.internalToggle')}
            description={t('requests.files.internalHint')}
            checked={internal}
            onChange={(event) => setInternal(event.currentTarget.checked)}
          />
        )}
        <Group>
          <Button
            type="submit"
            leftSection={<IconUpload size={16} aria-hidden />}
            loading={upload.isPending}
            disabled={!file || !!problem}
          >
            {internal ? t('requests.files.uploadInternal') : t('requests.files.upload')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The file picker of every upload (a request's thread, a commitment's
 * evidence): the kinds the server accepts, their limit, the chosen file's
 * name and size in the user's digits, a button to clear it.
 */
export function FilePicker({
  label,
  value,
  onChange,
  error,
  style,
}: {
  label: string;
  value: File | null;
  onChange: (file: File | null) => void;
  error?: ReactNode;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  const _size = useFileSize();
  const max = useMaxFileSize();
  return (
    <FileInput
      label={label}
      description={t('requests.files.hint', { max })}
      placeholder={t('requests.files.choose')}
      // The placeholder is real text here (not an input's placeholder): dimmed gray 7 reaches 4.5:1.
      styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
      accept={ACCEPT}
      value={value}
      onChange={onChange}
      clearable
      clearButtonProps={{ 'aria-label': t('requests.files.clear') }}
      leftSection={<IconPaperclip size={16} aria-hidden />}
      valueComponent={ChosenFile}
      error={error}
      style={style}
    />
  );
}
