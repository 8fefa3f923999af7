import { Anchor, Button, Code, Group, Table, Text } from '@mantine/core';
import { IconDownload, IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../components/Loaded';
import { Section } from '../../components/Section';
import { ErrorAlert } from '../../lib/errors';
import { useFormatDateTime } from '../../lib/time';
import { LATEST_CHECKPOINT_URL, useCheckpoints, useLatestCheckpoint, useSignCheckpoint } from './api';

/** The link every party uses to keep a signed checkpoint of the audit log. */
export function DownloadCheckpointLink() {
  const { t } = useTranslation();
  return (
    <Anchor href={LATEST_CHECKPOINT_URL} download w="fit-content">
      <Group gap={6} wrap="nowrap" component="span">
        <IconDownload size={16} aria-hidden />
        {t('audit.download')}
      </Group>
    </Anchor>
  );
}

/** On the home page, for everyone: the latest checkpoint and the means to keep it. */
export function LatestCheckpointSection() {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const latest = useLatestCheckpoint();
  return (
    <Section id="home-checkpoint" title={t('audit.checkpointTitle')} description={t('audit.checkpointWhy')}>
      <Loaded data={latest.data} error={latest.error}>
        {(checkpoint) =>
          checkpoint ? (
            <Group mt="sm" gap="lg">
              <Text>
                {t('audit.checkpointOf', { seq: checkpoint.seq, time: formatTime(checkpoint.createdAt) })}
              </Text>
              <DownloadCheckpointLink />
            </Group>
          ) : (
            <Text mt="sm">{t('audit.noCheckpoint')}</Text>
          )
        }
      </Loaded>
    </Section>
  );
}

/** On the audit page: recent checkpoints, signing one now, downloading the latest, and how to verify. */
export function CheckpointsSection() {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const checkpoints = useCheckpoints();
  const sign = useSignCheckpoint();
  return (
    <Section
      id="audit-checkpoints"
      title={t('audit.checkpointsTitle')}
      description={t('audit.checkpointWhy')}
    >
      <Text size="sm" mt="xs">
        {t('audit.verifyHint')} <Code dir="ltr">npm run concord -- audit verify --checkpoint FILE</Code>
      </Text>
      <Group mt="md" gap="lg">
        <Button
          leftSection={<IconSignature size={16} aria-hidden />}
          loading={sign.isPending}
          onClick={() => sign.mutate()}
        >
          {t('audit.signNow')}
        </Button>
        <DownloadCheckpointLink />
      </Group>
      {sign.error && <ErrorAlert error={sign.error} />}
      <Loaded data={checkpoints.data} error={checkpoints.error}>
        {({ checkpoints: list }) =>
          list.length === 0 ? (
            <Text mt="md">{t('audit.noCheckpoint')}</Text>
          ) : (
            <Table mt="md" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.seq')}</Table.Th>
                  <Table.Th>{t('audit.when')}</Table.Th>
                  <Table.Th>{t('audit.keyId')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((checkpoint) => (
                  <Table.Tr key={checkpoint.seq}>
                    <Table.Td>{checkpoint.seq}</Table.Td>
                    <Table.Td>{formatTime(checkpoint.createdAt)}</Table.Td>
                    <Table.Td>
                      <Code dir="ltr">{checkpoint.keyId.slice(0, 16)}</Code>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </Loaded>
    </Section>
  );
}
