import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconSend } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CommentDto, RequestDetail } from '../../../core/requests/schemas';
import { MarkingBanner } from '../../components/MarkingBanner';
import { Section } from '../../components/Section';
import { T } from '../../components/T';
import { ErrorAlert } from '../../lib/errors';
import { applyServerErrors } from '../../lib/form-errors';
import { useFormatDateTime } from '../../lib/time';
import { useAddComment } from './api';
import { InternalBadge } from './Badges';
import classes from './requests.module.css';
import { ThreadFiles } from './ThreadFiles';
import { useNames } from './use-names';

/** The conversation on a request and its files; internal notes and files stay within the author's party and look it. */
export function CommentThread({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  return (
    <Section id="request-thread" title={t('requests.thread')}>
      <Stack gap="sm" mt="sm">
        {request.thread?.member && (
          <Anchor component={Link} to={`/channels/${request.thread.channelId}`} size="sm">
            {t('requests.openThread')}
          </Anchor>
        )}
        {request.comments.length === 0 ? (
          <Text c="dimmed">{t('requests.noComments')}</Text>
        ) : (
          <Stack component="ol" gap="sm" className={classes.plainList}>
            {request.comments.map((comment) => (
              <Comment key={comment.id} comment={comment} />
            ))}
          </Stack>
        )}
        {request.mayComment && <Composer request={request} />}
        <ThreadFiles request={request} />
      </Stack>
    </Section>
  );
}

function Comment({ comment }: { comment: CommentDto }) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  const names = useNames();
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      radius="md"
      className={comment.internal ? classes.internal : undefined}
    >
      <Group gap="xs" justify="space-between">
        <Text size="sm">
          <Text span inherit fw={600} dir="auto">
            {comment.author.displayName}
          </Text>{' '}
          <Text span inherit c="dimmed">
            · {names.party(comment.authorParty)} ·{' '}
            <time dateTime={comment.createdAt}>{format(comment.createdAt)}</time>
          </Text>
        </Text>
        <Group gap={6}>
          {comment.marking && <MarkingBanner marking={comment.marking} variant="portion" />}
          {comment.urgent && (
            <Badge color="red" variant="light" radius="sm" tt="none">
              {t('channels.urgent')}
            </Badge>
          )}
          {comment.internal && <InternalBadge />}
        </Group>
      </Group>
      {comment.deletedAt ? (
        <Text mt={4} c="dimmed" fs="italic">
          {t('channels.deleted')}
        </Text>
      ) : (
        <Text mt={4} dir="auto" className={classes.userText}>
          {comment.body}
          {comment.editedAt && (
            <Text span c="dimmed" size="xs">
              {' '}
              ({t('channels.edited')})
            </Text>
          )}
        </Text>
      )}
    </Paper>
  );
}

function Composer({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const add = useAddComment(request.id);
  // One key per message, kept through retries until it is posted: a retry never posts it twice.
  const key = useRef<string>(crypto.randomUUID());
  const form = useForm({
    mode: 'controlled',
    initialValues: { body: '', internal: false },
    validate: { body: (value) => (value.trim() ? null : <T i18nKey="requests.commentRequired" />) },
  });
  const submit = form.onSubmit(({ body, internal }) =>
    add.mutate(
      { body: body.trim(), internal, idempotencyKey: key.current },
      {
        onSuccess: () => {
          key.current = crypto.randomUUID();
          form.reset();
          add.reset();
        },
        onError: (error) => applyServerErrors(form, error) && add.reset(),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea
          label={t('requests.addComment')}
          autosize
          minRows={2}
          maxRows={10}
          maxLength={10_000}
          dir="auto"
          {...form.getInputProps('body')}
        />
        {request.mayWriteInternal && (
          <Checkbox
            label={t('requests.internalToggle')}
            description={t('requests.internalHint')}
            {...form.getInputProps('internal', { type: 'checkbox' })}
          />
        )}
        <ErrorAlert error={add.error} />
        <Group>
          <Button type="submit" leftSection={<IconSend size={16} aria-hidden />} loading={add.isPending}>
            {form.values.internal ? t('requests.postInternal') : t('requests.post')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
