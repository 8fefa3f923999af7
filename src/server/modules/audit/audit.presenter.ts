import type { AuditEntryDto, Checkpoint } from '../../../core/audit/schemas';
import type { ClassificationScheme } from '../../../core/marking/scheme';
import type { AuditCheckpointRow, AuditLogRow } from '../../platform/db/schema';
import { markingOfRow, presentMarking } from '../../platform/marked-records';

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

export function presentAuditEntry(scheme: ClassificationScheme, row: AuditLogRow): AuditEntryDto {
  const marking = presentMarking(scheme, markingOfRow(row));
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actor: { userId: row.actor_user_id, username: row.actor_username, party: row.actor_party },
    action: row.action,
    subject: { type: row.subject_type, id: row.subject_id },
    ip: row.ip,
    beforeDigest: row.before_digest,
    afterDigest: row.after_digest,
    details: row.details,
    marking: {
      banner: marking.banner,
      portion: marking.portion,
      level: marking.level,
      parties: marking.parties,
    },
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}
