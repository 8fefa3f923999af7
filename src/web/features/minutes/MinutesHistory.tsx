import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../lib/time';
import { useMinutesVersion, useMinutesVersions } from './api';
import classes from './minutes.module.css';

/** Every version, who wrote it and who signed it; the chosen one's changes word by word. */
export function MinutesHistory({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const format = useFormatDateTime();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<number | null>(null);
  const versions = useMinutesVersions(meetingId, open);
  const version = useMinutesVersion(meetingId, chosen);
  if (!open)
    return (
      <Button variant="subtle" w="fit-content" onClick={() => setOpen(true)}>
        {t('minutes.history')}
      </Button>
    );
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('minutes.history')}
      </Title>
      {(versions.data ?? []).map((item) => (
        <Group key={item.version} gap="xs">
          <Button
            variant={chosen === item.version ? 'filled' : 'subtle'}
            aria-pressed={chosen === item.version}
            size="xs"
            onClick={() => setChosen(item.version)}
          >
            {t('minutes.version', { version: item.version })}
          </Button>
          <Text size="sm">
            {item.writtenBy.displayName} · {format(item.writtenAt)}
            {item.signedBy.length > 0 &&
              ` · ${t('minutes.signedByParties', { parties: item.signedBy.join(', ') })}`}
          </Text>
        </Group>
      ))}
      {version.data && (
        <Stack gap="xs" className={classes.differences}>
          {version.data.changes
            .filter((change) => change.change !== 'same')
            .map((change, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the changes of one version, in order
              <div key={i}>
                <Text size="sm" fw={600} dir="auto">
                  {change.heading}
                </Text>
                <Text size="sm" dir="auto" className={classes.sectionText}>
                  {change.words.length > 0
                    ? change.words.map((word, j) =>
                        word.change === 'added' ? (
                          // biome-ignore lint/suspicious/noArrayIndexKey: words in order
                          <ins key={j}>{word.text}</ins>
                        ) : word.change === 'removed' ? (
                          // biome-ignore lint/suspicious/noArrayIndexKey: words in order
                          <del key={j}>{word.text}</del>
                        ) : (
                          // biome-ignore lint/suspicious/noArrayIndexKey: words in order
                          <span key={j}>{word.text}</span>
                        ),
                      )
                    : t(change.change === 'added' ? 'minutes.sectionAdded' : 'minutes.sectionRemoved')}
                </Text>
              </div>
            ))}
        </Stack>
      )}
    </Stack>
  );
}
