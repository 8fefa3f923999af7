import { type CommitmentStatus, evidenceFileRefusal } from '../../../../core/commitments/lifecycle';
import { checkedFile } from '../../../platform/attachments';
import type { Caller } from '../../../platform/caller';
import { markingOfRow } from '../../../platform/marked-records';
import { type CommitmentsDeps, commitmentEvent } from '../commitments.deps';
import { standingToCommitment, visibleCommitment } from '../commitments.queries';
import { insertFile } from '../commitments.repository';
import { commitmentNote, problemOf } from './commitment-writing';

/**
 * Adds a file that shows the commitment was kept (a report, a photograph, a
 * signed form): the owner's side adds it while the commitment is owed or its
 * delivery waits for confirmation. The file is checked by its bytes (the one
 * check every attachment passes), marked as the commitment, and read by
 * whoever may read the commitment.
 */
export async function attachEvidence(
  deps: CommitmentsDeps,
  caller: Caller,
  id: string,
  file: { filename: string; bytes: Buffer },
): Promise<string> {
  // Someone who may not see the commitment learns nothing else first: the 404 of a missing one.
  await visibleCommitment(deps, caller, id);
  const checked = await checkedFile(file);
  return deps.change(caller, 'commitment.evidence-added', async ({ tx, now, audit, emit }) => {
    const row = await visibleCommitment(deps, caller, id, tx);
    const { relations } = await standingToCommitment(deps, caller, row, tx);
    const refusal = evidenceFileRefusal(
      { status: row.status as CommitmentStatus, confirmed: row.confirmed_at !== null },
      relations,
    );
    if (refusal) throw problemOf(refusal);
    const fileId = await insertFile(tx, {
      commitment_id: id,
      uploaded_by: caller.actor.userId,
      uploader_party: caller.actor.party as string,
      filename: checked.filename,
      media_type: checked.mediaType,
      size: file.bytes.length,
      sha256: checked.sha256,
      content: file.bytes,
      created_at: now,
    });
    audit(
      commitmentNote(id, markingOfRow(row), {
        fileId,
        filename: checked.filename,
        sha256: checked.sha256,
      }),
    );
    emit(commitmentEvent('commitment.evidence-added', id));
    return fileId;
  });
}
