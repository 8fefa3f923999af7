import { randomUUID } from 'node:crypto';
import type { AccessRule, Actor } from '../../../core/access/access-rule';
import type { Checkpoint } from '../../../core/audit/schemas';
import type { Clock } from '../../../core/clock';
import { conflict } from '../../../core/errors';
import type { AuditActor, AuditEntry, AuditWriter } from '../../platform/audit-entry';
import { type Db, inTransaction, type Tx } from '../../platform/db/database';
import type { AuditCheckpointRow } from '../../platform/db/schema';
import { runPeriodically } from '../../platform/periodic';
import type { UserWithParty } from '../identity/identity.repository';
import { AUDIT_LOCKS, AuditRepository } from './audit.repository';
import {
  type Anchor,
  type ChainReport,
  canonicalJson,
  digestOf,
  type EntryContent,
  entryHash,
  GENESIS_HASH,
  type JsonValue,
  type StoredEntry,
  verifyChain,
} from './chain';
import {
  loadOrCreateSigningKey,
  readSigningKey,
  type SigningKey,
  signatureRefusal,
  signCheckpoint,
} from './checkpoint';

export interface AuditSettings {
  /** Named in every checkpoint, so a party knows which deployment's log it speaks for. */
  deployment: string;
  /** PEM file of the Ed25519 checkpoint signing key; created on first use. */
  keyFile: string;
}

export const SYSTEM_ACTOR_NAME = 'system';
const ACTION_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
const DETAILS_MAX_CHARS = 4096;
export const CHECKPOINT_INTERVAL_MS = 3_600_000;

export const actorOf = (user: UserWithParty): AuditActor => ({
  userId: user.id,
  username: user.username,
  partyCode: user.party?.code ?? null,
});

export class AuditService implements AuditWriter {
  private readonly repo: AuditRepository;
  private signingKey: SigningKey | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: AuditSettings,
  ) {
    this.repo = new AuditRepository(db);
  }

  /**
   * Appends an entry inside the caller's transaction, so it commits or rolls
   * back with the change it describes. Writers queue on a lock held until
   * their transaction ends, so this comes after the change's own row locks:
   * the change envelope (platform/change.ts) is its one caller.
   */
  async record(tx: Tx, entry: AuditEntry): Promise<StoredEntry> {
    const details = validatedDetails(entry);
    await this.repo.lock(tx, AUDIT_LOCKS.writers);
    const head = await this.repo.head(tx);
    const content: EntryContent = {
      seq: (head?.seq ?? 0) + 1,
      id: randomUUID(),
      occurred_at: this.clock.now(),
      actor_user_id: entry.actor?.userId ?? null,
      actor_username: entry.actor?.username ?? SYSTEM_ACTOR_NAME,
      actor_party: entry.actor?.partyCode ?? null,
      action: entry.action,
      subject_type: entry.subject.type,
      subject_id: entry.subject.id ?? null,
      ip: entry.ip ?? null,
      before_digest: digestOf(entry.before),
      after_digest: digestOf(entry.after),
      details,
      marking_level: entry.marking.level,
      marking_caveats: entry.marking.caveats ?? [],
      marking_rel_to: entry.marking.relTo ?? null,
      marking_parties: entry.marking.parties,
      marking_groups: entry.marking.groups ?? [],
      prev_hash: head?.hash ?? GENESIS_HASH,
    };
    const stored = { ...content, hash: entryHash(content) };
    await this.repo.insert(tx, stored);
    return stored;
  }

  /** Walks the whole chain; with an anchor (from a checkpoint), also checks the log still passes through it. */
  verify(anchor?: Anchor): Promise<ChainReport> {
    return verifyChain(this.repo.entries(), anchor);
  }

  /**
   * Why a checkpoint someone kept cannot be trusted, or null. It must carry a
   * valid signature by this deployment's key (when the key file is here to
   * compare with) and name this deployment.
   */
  checkpointRefusal(checkpoint: Checkpoint): string | null {
    const refusal = signatureRefusal(checkpoint, this.trustedKeyId());
    if (refusal) return refusal;
    if (checkpoint.deployment !== this.settings.deployment) {
      return `it is a checkpoint of deployment "${checkpoint.deployment}", not of "${this.settings.deployment}"`;
    }
    return null;
  }

  /** The fingerprint of this deployment's signing key, or null when there is no key file. */
  trustedKeyId(): string | null {
    return (this.signingKey ?? readSigningKey(this.settings.keyFile))?.keyId ?? null;
  }

  /** Signs a checkpoint of the current head now (administrators, coordinators, the CLI). */
  async createCheckpoint(): Promise<AuditCheckpointRow> {
    const checkpoint = await this.checkpoint(false);
    if (!checkpoint)
      throw conflict('audit_log_empty', 'The audit log is empty: there is nothing to sign yet.');
    return checkpoint;
  }

  /** The hourly checkpoint: only when entries were added since the last one. */
  checkpointIfMoved(): Promise<AuditCheckpointRow | null> {
    return this.checkpoint(true);
  }

  private checkpoint(onlyIfMoved: boolean): Promise<AuditCheckpointRow | null> {
    return inTransaction(this.db, async (tx) => {
      // Several instances run the hourly timer: the lock lets one sign and the others see it did.
      await this.repo.lock(tx, AUDIT_LOCKS.checkpoints);
      const head = await this.repo.head(tx);
      if (!head) return null;
      const last = await this.repo.latestCheckpoint(tx);
      if (onlyIfMoved && last && Number(last.seq) >= head.seq) return null;
      const signed = signCheckpoint(
        {
          deployment: this.settings.deployment,
          seq: head.seq,
          headHash: head.hash,
          createdAt: this.clock.now().toISOString(),
        },
        this.key(),
      );
      return this.repo.insertCheckpoint(tx, {
        deployment: signed.deployment,
        seq: signed.seq,
        head_hash: signed.headHash,
        created_at: new Date(signed.createdAt),
        key_id: signed.keyId,
        public_key: signed.publicKey,
        signature: signed.signature,
      });
    });
  }

  private key(): SigningKey {
    this.signingKey ??= loadOrCreateSigningKey(this.settings.keyFile);
    return this.signingKey;
  }

  /** The audit view: entries about records the caller may see, newest first (the access rule filters here). */
  entries(actor: Actor, rule: AccessRule, filter: Parameters<AuditRepository['visibleEntries']>[1]) {
    return this.repo.visibleEntries(rule.where(actor), filter);
  }

  listCheckpoints(limit: number): Promise<AuditCheckpointRow[]> {
    return this.repo.listCheckpoints(limit);
  }

  latestCheckpoint(): Promise<AuditCheckpointRow | undefined> {
    return this.repo.latestCheckpoint();
  }
}

/**
 * Checks the entry (an action of the form subject.verb, small details) and
 * returns its details as they will be stored and hashed: their canonical JSON
 * parsed back (no undefined; Dates and bigints as strings), so that what is
 * read back from jsonb hashes the same.
 */
function validatedDetails(entry: AuditEntry): JsonValue {
  if (!ACTION_PATTERN.test(entry.action)) {
    throw new Error(`Audit action "${entry.action}" is not of the form subject.verb`);
  }
  const json = canonicalJson(entry.details ?? {});
  if (json.length > DETAILS_MAX_CHARS) {
    throw new Error(`Audit details of ${entry.action} exceed ${DETAILS_MAX_CHARS} characters`);
  }
  return JSON.parse(json) as JsonValue;
}

/**
 * Signs a checkpoint every `intervalMs` when the log has moved. The timer does
 * not keep the process alive; `stop` clears it and waits for a signing in flight.
 */
export function scheduleCheckpoints(
  audit: AuditService,
  onError: (error: unknown) => void,
  intervalMs = CHECKPOINT_INTERVAL_MS,
): { stop(): Promise<void> } {
  return runPeriodically(() => audit.checkpointIfMoved(), intervalMs, onError);
}
