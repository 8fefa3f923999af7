import { Alert, Anchor, Badge, Button, FileButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy, IconFileImport, IconX } from '@tabler/icons-react';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NotFoundContent } from '../../app/NotFoundPage';
import { isApiError } from '../../lib/api';
import { ErrorText } from '../../lib/errors';
import { usePageTitle } from '../../lib/use-page-title';
import { useAbilities } from '../identity/api';
import { type ImportResult, useImportCable } from './api';
import classes from './reports.module.css';

interface Outcome {
  key: string;
  name: string;
  state: 'sending' | 'done' | 'failed';
  result?: ImportResult;
  error?: unknown;
}

let nextKey = 0;

/**
 * Cables dropped on the zone (or chosen with the button, which the keyboard
 * reaches) are sent one by one as the text they are; each says what became of it.
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const mayImport = useAbilities().importCables;
  const importCable = useImportCable();
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [dragging, setDragging] = useState(false);
  usePageTitle(t('reports.import.title'));
  if (!mayImport) return <NotFoundContent />;

  const update = (key: string, change: Partial<Outcome>) =>
    setOutcomes((all) => all.map((outcome) => (outcome.key === key ? { ...outcome, ...change } : outcome)));

  const send = async (files: File[]) => {
    const queued = files.map((file) => {
      nextKey += 1;
      return { file, outcome: { key: `f${nextKey}`, name: file.name, state: 'sending' as const } };
    });
    setOutcomes((all) => [...queued.map((entry) => entry.outcome), ...all]);
    // One at a time: the same cable twice in one drop is then one report, said twice.
    for (const { file, outcome } of queued) {
      try {
        const result = await importCable.mutateAsync(file);
        update(outcome.key, { state: 'done', result });
      } catch (error) {
        update(outcome.key, { state: 'failed', error });
      }
    }
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length) void send(files);
  };

  return (
    <Stack gap="lg" maw={900}>
      <div>
        <Anchor component={Link} to="/reports" size="sm">
          {t('reports.backToReports')}
        </Anchor>
        <Title order={1} mt={4}>
          {t('reports.import.title')}
        </Title>
        <Text c="dimmed" mt={4}>
          {t('reports.import.intro')}
        </Text>
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone is for the mouse; the button inside is the keyboard's way */}
      <div
        className={classes.dropZone}
        data-dragging={dragging || undefined}
        data-testid="cable-drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <Stack align="center" gap="sm">
          <IconFileImport size={36} stroke={1.4} aria-hidden />
          <Text fw={600}>{t('reports.import.dropHere')}</Text>
          <FileButton onChange={(files) => void send(files)} accept=".txt,text/plain" multiple>
            {(props) => (
              <Button variant="default" {...props}>
                {t('reports.import.choose')}
              </Button>
            )}
          </FileButton>
        </Stack>
      </div>
      <section aria-labelledby="import-results-title" aria-live="polite">
        <Title order={2} size="h3" id="import-results-title">
          {t('reports.import.results')}
        </Title>
        {outcomes.length === 0 ? (
          <Text c="dimmed" mt="xs">
            {t('reports.import.nothingYet')}
          </Text>
        ) : (
          <Stack component="ul" gap="xs" mt="sm" className={classes.plainList}>
            {outcomes.map((outcome) => (
              <li key={outcome.key}>
                <OutcomeRow outcome={outcome} />
              </li>
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}

/** The line a refusal names, from the server's field issue `body.line.12`. */
function lineOf(error: unknown): number | null {
  if (!isApiError(error)) return null;
  for (const issue of error.errors) {
    const match = /^body\.line\.(\d+)$/.exec(issue.path);
    if (match) return Number(match[1]);
  }
  return null;
}

function OutcomeRow({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const name = (
    <Text fw={600} className={classes.fileName}>
      <bdi dir="auto">{outcome.name}</bdi>
    </Text>
  );
  if (outcome.state === 'sending')
    return (
      <Alert color="gray" variant="light" title={name}>
        {t('reports.import.sending')}
      </Alert>
    );
  if (outcome.state === 'failed') {
    const line = lineOf(outcome.error);
    return (
      <Alert color="red" variant="light" icon={<IconX aria-hidden />} title={name}>
        {line !== null && (
          <Text fw={600} size="sm">
            {t('reports.import.atLine', { line })}
          </Text>
        )}
        <Text size="sm" dir="auto">
          <ErrorText error={outcome.error} />
        </Text>
      </Alert>
    );
  }
  const result = outcome.result;
  if (!result) return null;
  return (
    <Paper withBorder radius="md" p="sm">
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Group gap={6} wrap="nowrap" className={classes.fileName}>
          {result.created ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
          {name}
        </Group>
        <Group gap="xs">
          <Badge color={result.created ? 'green' : 'gray'} variant="light" radius="sm" tt="none">
            {result.created ? t('reports.import.created') : t('reports.import.already')}
          </Badge>
          <Anchor component={Link} to={`/reports/${encodeURIComponent(result.id)}`} fw={600}>
            {t('reports.import.open', { reference: result.reference })}
          </Anchor>
        </Group>
      </Group>
    </Paper>
  );
}
