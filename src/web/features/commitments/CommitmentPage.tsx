import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CommitmentAction } from '../../../core/commitments/lifecycle';
import type { CommitmentDetail } from '../../../core/commitments/schemas';
import { NotFoundContent } from '../../app/NotFoundPage';
import { Loaded } from '../../components/Loaded';
import { MarkingBanner } from '../../components/MarkingBanner';
import { Section } from '../../components/Section';
import { isApiError } from '../../lib/api';
import { ErrorAlert } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { usePageTitle } from '../../lib/use-page-title';
import { useAddCommitmentNote, useCommitment, useTransitionCommitment } from './api';
import { StatusBadge } from './CommitmentBoardView';
import { CompleteDialog, DropDialog, EditDialog } from './CommitmentDialogs';
import { EvidenceFiles } from './EvidenceFiles';
import { useCommitmentFormat } from './format';
import { ACTION_LABELS } from './labels';

/** One commitment: what was promised, by whom, by when; its evidence, the other party's confirmation, notes. */
export default function CommitmentPage() {
  const { id = '' } = useParams();
  const commitment = useCommitment(id);
  if (isApiError(commitment.error) && commitment.error.status === 404) return <NotFoundContent />;
  return (
    <Loaded data={commitment.data} error={commitment.error} refetch={() => void commitment.refetch()}>
      {(data) => <CommitmentView commitment={data} />}
    </Loaded>
  );
}

function CommitmentView({ commitment }: { commitment: CommitmentDetail }) {
  const { t } = useTranslation();
  const format = useCommitmentFormat();
  usePageTitle(commitment.title);
  return (
    <Stack gap="lg" maw={1000}>
      <MarkingBanner marking={commitment.marking} />
      <div>
        <Group gap="md">
          <Anchor component={Link} to="/commitments" size="sm">
            {t('commitments.back')}
          </Anchor>
          <Anchor component={Link} to={`/working-groups/${commitment.groupId}`} size="sm">
            {commitment.groupCode}
          </Anchor>
        </Group>
        <Title order={1} mt={4} dir="auto">
          {commitment.title}
        </Title>
        <Group gap={6} mt="xs" wrap="wrap">
          <StatusBadge item={commitment} />
        </Group>
      </div>
      <Paper withBorder p="md" radius="md">
        <dl className="commitment-facts">
          <Fact label={t('commitments.owner')}>
            {commitment.ownerParty} · <bdi>{commitment.owner.displayName}</bdi>
          </Fact>
          <Fact label={t('commitments.dueOn')}>{format.date(commitment.dueOn)}</Fact>
          <Fact label={t('commitments.doneMeans')}>
            <span dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
              {commitment.doneMeans}
            </span>
          </Fact>
          <Fact label={t('commitments.raiser')}>
            <bdi>{commitment.raisedBy.displayName}</bdi>
          </Fact>
        </dl>
        {commitment.dropReason && (
          <Text mt="sm" dir="auto">
            {t('commitments.dropReason', { reason: commitment.dropReason })}
          </Text>
        )}
      </Paper>
      <Actions commitment={commitment} />
      <Section id="commitment-evidence" title={t('commitments.evidence')}>
        <Stack gap="xs" mt="sm">
          {commitment.evidence && (
            <>
              {commitment.evidence.text && (
                <Text dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
                  {commitment.evidence.text}
                </Text>
              )}
              {commitment.evidence.link && (
                <Anchor
                  component={Link}
                  to={`/${commitment.evidence.link.kind}s/${commitment.evidence.link.id}`}
                >
                  {commitment.evidence.link.reference} ·{' '}
                  <span dir="auto">{commitment.evidence.link.title}</span>
                </Anchor>
              )}
            </>
          )}
          {!commitment.evidence && !commitment.canAttach && (
            <Text size="sm" c="dimmed">
              {t('commitments.noEvidence')}
            </Text>
          )}
          <EvidenceFiles commitment={commitment} />
          {commitment.completedBy && commitment.completedAt && (
            <Text size="sm" c="dimmed">
              {t('commitments.completedBy', {
                name: commitment.completedBy.displayName,
                date: format.instant(commitment.completedAt),
              })}
            </Text>
          )}
        </Stack>
      </Section>
      <Section id="commitment-confirmation" title={t('commitments.confirmation')}>
        <Text mt="sm" size="sm">
          {commitment.confirmedBy && commitment.confirmedAt
            ? t('commitments.confirmedBy', {
                name: commitment.confirmedBy.displayName,
                party: commitment.confirmedBy.party ?? '',
                date: format.instant(commitment.confirmedAt),
              })
            : t('commitments.notConfirmed')}
        </Text>
      </Section>
      <Notes commitment={commitment} />
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="xs" align="baseline" wrap="nowrap" mb={6}>
      <Text component="dt" fw={600} size="sm" miw={140}>
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </Group>
  );
}

/** The actions the server allows this reader now; complete asks evidence, drop a reason. */
function Actions({ commitment }: { commitment: CommitmentDetail }) {
  const { t } = useTranslation();
  const transition = useTransitionCommitment(commitment.id);
  const [asking, setAsking] = useState<'complete' | 'drop' | 'edit' | null>(null);
  if (commitment.actions.length === 0 && !commitment.canEdit) return null;
  const fire = (action: CommitmentAction) => {
    if (action === 'complete' || action === 'drop') return setAsking(action);
    transition.mutate({ action }, { onSuccess: () => notify('green', t('commitments.done')) });
  };
  return (
    <Stack gap="xs">
      <Group>
        {commitment.actions.map((action) => (
          <Button
            key={action}
            variant={action === 'confirm' || action === 'complete' ? 'filled' : 'default'}
            color={action === 'drop' ? 'red' : undefined}
            loading={transition.isPending && transition.variables?.action === action}
            onClick={() => fire(action)}
          >
            {t(ACTION_LABELS[action])}
          </Button>
        ))}
        {commitment.canEdit && (
          <Button variant="default" onClick={() => setAsking('edit')}>
            {t('commitments.edit')}
          </Button>
        )}
      </Group>
      {!asking && <ErrorAlert error={transition.error} />}
      {asking === 'complete' && <CompleteDialog commitment={commitment} onClose={() => setAsking(null)} />}
      {asking === 'drop' && <DropDialog commitment={commitment} onClose={() => setAsking(null)} />}
      {asking === 'edit' && <EditDialog commitment={commitment} onClose={() => setAsking(null)} />}
    </Stack>
  );
}

/** Notes: shared ones for the group, internal ones for the author's party only (the server keeps them so). */
function Notes({ commitment }: { commitment: CommitmentDetail }) {
  const { t } = useTranslation();
  const format = useCommitmentFormat();
  const add = useAddCommitmentNote(commitment.id);
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  return (
    <Section id="commitment-notes" title={t('commitments.notes')}>
      <Stack gap="sm" mt="sm">
        {commitment.notes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('commitments.noNotes')}
          </Text>
        ) : (
          commitment.notes.map((note) => (
            <Paper key={note.id} withBorder p="sm" radius="sm">
              <Group gap="xs" justify="space-between">
                <Text size="sm" fw={600}>
                  <bdi>{note.author.displayName}</bdi> {note.author.party && `(${note.author.party})`}
                </Text>
                <Group gap="xs">
                  {note.internalParty && (
                    <Badge color="orange.8" variant="light" radius="sm" tt="none">
                      {t('commitments.internalTo', { party: note.internalParty })}
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed">
                    {format.instant(note.createdAt)}
                  </Text>
                </Group>
              </Group>
              <Text mt={4} dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
                {note.body}
              </Text>
            </Paper>
          ))
        )}
        {commitment.canNote && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (!body.trim()) return;
              add.mutate(
                { body: body.trim(), internal },
                {
                  onSuccess: () => {
                    setBody('');
                    setInternal(false);
                  },
                },
              );
            }}
          >
            <Stack gap="xs">
              <Textarea
                label={t('commitments.addNote')}
                value={body}
                onChange={(event) => setBody(event.currentTarget.value)}
                rows={2}
                maxLength={5000}
                dir="auto"
              />
              <Group justify="space-between">
                <Checkbox
                  label={t('commitments.internal')}
                  checked={internal}
                  onChange={(event) => setInternal(event.currentTarget.checked)}
                />
                <Button type="submit" loading={add.isPending} disabled={!body.trim()}>
                  {t('commitments.addNote')}
                </Button>
              </Group>
              <ErrorAlert error={add.error} />
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}
