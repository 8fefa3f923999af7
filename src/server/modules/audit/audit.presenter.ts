import type { Checkpoint } from '../../../core/audit/schemas';
import type { AuditCheckpointRow } from '../../platform/db/schema';

/** A stored checkpoint as the signed document parties keep: exactly the fields the signature covers, and it. */
export function presentCheckpoint(row: AuditCheckpointRow): Checkpoint {
  return {
    deployment: row.deployment,
    seq: Number(row.seq),
    headHash: row.head_hash,
    createdAt: row.created_at.toISOString(),
    keyId: row.key_id,
    publicKey: row.public_key,
    signature: row.signature,
  };
}

/** e.g. concord-audit-checkpoint-ussc-demo-1234.json */
export function checkpointFileName(checkpoint: Checkpoint): string {
  const deployment = checkpoint.deployment.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `concord-audit-checkpoint-${deployment}-${checkpoint.seq}.json`;
}
