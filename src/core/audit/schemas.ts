import { z } from 'zod';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hexadecimal digits (SHA-256)');

/**
 * A signed checkpoint of the audit log: the deployment's statement that entry
 * `seq` had the hash `headHash`. Parties download and keep these; the
 * signature (Ed25519, base64) covers the canonical JSON of every other field,
 * so a kept checkpoint later proves whether the log was rewritten.
 */
export const checkpointSchema = z.object({
  deployment: z.string().min(1),
  seq: z.number().int().positive(),
  headHash: sha256Hex,
  createdAt: z.iso.datetime({ message: 'must be an ISO 8601 timestamp' }),
  /** SHA-256 of the public key (DER, SubjectPublicKeyInfo), hexadecimal. */
  keyId: sha256Hex,
  /** The Ed25519 public key, PEM (SPKI). */
  publicKey: z.string().min(1),
  signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;
export type UnsignedCheckpoint = Omit<Checkpoint, 'signature'>;

export const checkpointListSchema = z.object({ checkpoints: z.array(checkpointSchema) });

/** One entry of the audit log as its viewers see it (only entries whose marking the access rule lets them see). */
export const auditEntrySchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  occurredAt: z.string(),
  actor: z.object({ userId: z.string().nullable(), username: z.string(), party: z.string().nullable() }),
  action: z.string(),
  subject: z.object({ type: z.string(), id: z.string().nullable() }),
  ip: z.string().nullable(),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  details: z.unknown(),
  marking: z.object({
    banner: z.string(),
    portion: z.string(),
    level: z.string(),
    parties: z.array(z.string()),
  }),
  hash: z.string(),
  prevHash: z.string(),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Entries before this sequence number (paging backwards from the newest). */
  before: z.coerce.number().int().positive().optional(),
  action: z.string().max(80).optional(),
  subjectType: z.string().max(40).optional(),
  subjectId: z.uuid().optional(),
});
