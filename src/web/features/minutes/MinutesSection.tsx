import {
  ActionIcon,
  Badge,
  Button,
  Code,
  Group,
  List,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinutesStatus } from '../../../core/minutes/minutes';
import type { MinutesView } from '../../../core/minutes/schemas';
import { Section } from '../../components/Section';
import { isApiError } from '../../lib/api';
import { ErrorAlert } from '../../lib/errors';
import { useLiveEvent } from '../../lib/events';
import { notify } from '../../lib/notify';
import { useFormatDateTime } from '../../lib/time';
import { type MinutesSection as Part, useMinutes, useMinutesAction } from './api';
import { ChangeRequests } from './ChangeRequests';
import { MinutesHistory } from './MinutesHistory';
import classes from './minutes.module.css';

const STATUS_LABELS: Record<
  MinutesStatus,
  'minutes.status.draft' | 'minutes.status.circulated' | 'minutes.status.signed'
> = {
  draft: 'minutes.status.draft',
  circulated: 'minutes.status.circulated',
  signed: 'minutes.status.signed',
};

/**
 * A meeting's minutes on its page: the sections as written, who signed the
 * current version; for the leads an editor, circulation; for each party's
 * chair the signature; and the version history with what each changed.
 * Nothing at all for a reader who may not read them (the server's 404).
 */
export function MinutesSection({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const minutes = useMinutes(meetingId);
  const [editing, setEditing] = useState(false);
  // Another lead's edit, a chair's signature or request for a change shows without a reload.
  useLiveEvent('minutes.', (event) => {
    if (event.id === meetingId) void minutes.refetch();
  });
  if (isApiError(minutes.error) && minutes.error.status === 404) return null;
  if (!minutes.data) return null;
  const view = minutes.data;
  return (
    <Section id="meeting-minutes" title={t('minutes.title')}>
      <Stack gap="md" mt="sm">
        <Group gap="xs">
          {view.status ? (
            <Badge variant="light" radius="sm" tt="none" color={view.status === 'signed' ? 'green' : 'blue'}>
              {t(STATUS_LABELS[view.status])}
            </Badge>
          ) : (
            <Text c="dimmed">{t('minutes.none')}</Text>
          )}
          {view.version > 0 && (
            <Text size="sm" c="dimmed">
              {t('minutes.version', { version: view.version })}
            </Text>
          )}
        </Group>
        {editing ? (
          <Editor view={view} meetingId={meetingId} onDone={() => setEditing(false)} />
        ) : (
          <Reading view={view} meetingId={meetingId} onEdit={() => setEditing(true)} />
        )}
        {view.version > 0 && <MinutesHistory meetingId={meetingId} />}
      </Stack>
    </Section>
  );
}

function Reading({ view, meetingId, onEdit }: { view: MinutesView; meetingId: string; onEdit: () => void }) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  const action = useMinutesAction(meetingId);
  return (
    <Stack gap="md">
      {view.sections.map((section, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the sections of one version, in order
        <div key={i}>
          <Title order={3} size="h5" dir="auto">
            {section.heading}
          </Title>
          <Text dir="auto" className={classes.sectionText} mt={4}>
            {section.text}
          </Text>
          {section.decisions.length > 0 && (
            <>
              <Text fw={600} size="sm" mt="xs">
                {t('minutes.decisions')}
              </Text>
              <List size="sm">
                {section.decisions.map((decision, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: as above
                  <List.Item key={j}>
                    <span dir="auto">{decision}</span>
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </div>
      ))}
      {view.signingParties.length > 0 && view.version > 0 && (
        <Stack gap={4}>
          <Text fw={600} size="sm">
            {t('minutes.signatures')}
          </Text>
          {view.signingParties.map((party) => {
            const signature = view.signatures.find((s) => s.party === party);
            return (
              <Text key={party} size="sm">
                {party}:{' '}
                {signature
                  ? t('minutes.signedBy', {
                      name: signature.signedBy.displayName,
                      at: format(signature.signedAt),
                    })
                  : t('minutes.notSigned')}
              </Text>
            );
          })}
          {view.digest && (
            <Text size="xs" c="dimmed">
              {t('minutes.digest')} <Code>{view.digest.slice(0, 16)}</Code>
            </Text>
          )}
        </Stack>
      )}
      <ChangeRequests view={view} />
      <Group gap="sm">
        {view.actions.includes('write') && (
          <Button variant="default" onClick={onEdit}>
            {view.version === 0 ? t('minutes.write') : t('minutes.edit')}
          </Button>
        )}
        {view.actions.includes('circulate') && (
          <Button
            loading={action.isPending}
            onClick={() =>
              action.mutate(
                { kind: 'circulate' },
                { onSuccess: () => notify('green', t('minutes.circulated')) },
              )
            }
          >
            {t('minutes.circulate')}
          </Button>
        )}
        {view.actions.includes('sign') && (
          <Button
            loading={action.isPending}
            onClick={() =>
              action.mutate(
                { kind: 'sign', version: view.version },
                { onSuccess: () => notify('green', t('minutes.signedNote')) },
              )
            }
          >
            {t('minutes.sign', { version: view.version })}
          </Button>
        )}
      </Group>
      <ErrorAlert error={action.error} />
    </Stack>
  );
}

const emptySection = (): Part => ({ heading: '', text: '', decisions: [] });

/** One section per agenda item: a heading, the text in any language, decisions one per line. */
function Editor({ view, meetingId, onDone }: { view: MinutesView; meetingId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const action = useMinutesAction(meetingId);
  const [sections, setSections] = useState<(Part & { decisionText: string })[]>(
    (view.sections.length ? view.sections : [emptySection()]).map((section) => ({
      ...section,
      decisionText: section.decisions.join('\n'),
    })),
  );
  const update = (i: number, change: Partial<Part & { decisionText: string }>) =>
    setSections((all) => all.map((section, j) => (j === i ? { ...section, ...change } : section)));
  const save = () =>
    action.mutate(
      {
        kind: 'write',
        body: {
          baseVersion: view.version,
          sections: sections.map(({ heading, text, decisionText }) => ({
            heading: heading.trim(),
            text,
            decisions: decisionText
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean),
          })),
        },
      },
      {
        onSuccess: () => {
          notify('green', t('minutes.saved'));
          onDone();
        },
      },
    );
  return (
    <Stack gap="md">
      {view.signatures.length > 0 && <Text c="orange.9">{t('minutes.editVoids')}</Text>}
      {sections.map((section, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: sections are edited in place, in order
        <Stack key={i} gap="xs" component="fieldset" className={classes.fieldset}>
          <Group justify="space-between">
            <Text component="legend" fw={600}>
              {t('minutes.section', { number: i + 1 })}
            </Text>
            {sections.length > 1 && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('minutes.removeSection', { number: i + 1 })}
                onClick={() => setSections((all) => all.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            )}
          </Group>
          <TextInput
            label={t('minutes.heading')}
            required
            dir="auto"
            maxLength={300}
            value={section.heading}
            onChange={(event) => update(i, { heading: event.currentTarget.value })}
          />
          <Textarea
            label={t('minutes.text')}
            dir="auto"
            autosize
            minRows={4}
            maxLength={50_000}
            value={section.text}
            onChange={(event) => update(i, { text: event.currentTarget.value })}
          />
          <Textarea
            label={t('minutes.decisionsInput')}
            description={t('minutes.decisionsHint')}
            dir="auto"
            autosize
            minRows={2}
            value={section.decisionText}
            onChange={(event) => update(i, { decisionText: event.currentTarget.value })}
          />
        </Stack>
      ))}
      <Group gap="sm">
        <Button
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setSections((all) => [...all, { ...emptySection(), decisionText: '' }])}
        >
          {t('minutes.addSection')}
        </Button>
        <Button onClick={save} loading={action.isPending}>
          {t('minutes.save')}
        </Button>
        <Button variant="subtle" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </Group>
      <ErrorAlert error={action.error} />
    </Stack>
  );
}
