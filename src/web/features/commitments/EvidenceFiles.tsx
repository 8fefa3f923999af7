import { Button, Group, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitmentDetail } from '../../../core/commitments/schemas';
import { ErrorText } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { fileProblem } from '../requests/files';
import { FilePicker, FileRow, useFileProblemText } from '../requests/ThreadFiles';
import { evidenceFileUrl, useAddEvidenceFile } from './api';

/**
 * The files that show a commitment was kept: each downloads under its exact
 * name; the owner's side adds one while the delivery is not confirmed (the
 * file is checked here first, and by its bytes on the server).
 */
export function EvidenceFiles({ commitment }: { commitment: CommitmentDetail }) {
  const files = commitment.evidence?.files ?? [];
  return (
    <Stack gap="xs">
      {files.length > 0 && (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {files.map((file) => (
            <FileRow
              key={file.id}
              href={evidenceFileUrl(commitment.id, file.id)}
              file={{
                ...file,
                uploaderName: file.uploadedBy.displayName,
                uploaderParty: file.uploadedBy.party,
              }}
            />
          ))}
        </Stack>
      )}
      {commitment.canAttach && <AddFile commitmentId={commitment.id} />}
    </Stack>
  );
}

function AddFile({ commitmentId }: { commitmentId: string }) {
  const { t } = useTranslation();
  const problemText = useFileProblemText();
  const add = useAddEvidenceFile(commitmentId);
  const [file, setFile] = useState<File | null>(null);
  const problem = file ? fileProblem(file) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file || problem) return;
    add.mutate(file, {
      onSuccess: () => {
        notify('green', t('requests.files.attached', { name: file.name }));
        setFile(null);
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group gap="sm" align="end" wrap="wrap">
        <FilePicker
          label={t('commitments.evidenceFile')}
          value={file}
          onChange={(chosen) => {
            add.reset();
            setFile(chosen);
          }}
          error={problem ? problemText(problem) : add.error ? <ErrorText error={add.error} /> : undefined}
          style={{ flex: '1 1 16rem' }}
        />
        <Button type="submit" variant="default" loading={add.isPending} disabled={!file || problem !== null}>
          {t('commitments.addEvidenceFile')}
        </Button>
      </Group>
    </form>
  );
}
