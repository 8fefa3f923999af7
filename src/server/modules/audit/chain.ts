import { createHash } from 'node:crypto';

/**
 * The hash chain of the audit log, as pure functions: the canonical form of an
 * entry, its hash, and the walk that finds the first entry that was altered,
 * removed or inserted. No database here: the repository feeds the walk.
 */

/** The `prev_hash` of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Every column of `audit_log` except `hash`: exactly what the hash covers. */
export interface EntryContent {
  seq: number;
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_username: string;
  actor_party: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  ip: string | null;
  before_digest: string | null;
  after_digest: string | null;
  details: JsonValue;
  marking_level: string;
  marking_caveats: string[];
  marking_rel_to: string[] | null;
  marking_parties: string[];
  marking_groups: string[];
  prev_hash: string;
}

export interface StoredEntry extends EntryContent {
  hash: string;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Deterministic JSON, so that the same value always hashes the same: what
 * JSON.stringify writes (toJSON honoured, undefined properties left out), with
 * object keys sorted by UTF-16 code units and no white space, as in RFC 8785;
 * bigints become decimal strings.
 */
export function canonicalJson(value: unknown): string {
  const text = canonical(value);
  if (text === undefined) throw new TypeError(`Cannot serialise ${typeof value} as JSON`);
  return text;
}

function canonical(value: unknown): string | undefined {
  const plain = hasToJson(value) ? value.toJSON() : value;
  if (typeof plain === 'bigint') return JSON.stringify(plain.toString());
  if (plain === null || typeof plain !== 'object') return JSON.stringify(plain);
  if (Array.isArray(plain)) return `[${plain.map((item) => canonical(item) ?? 'null').join(',')}]`;
  const record = plain as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .flatMap((key) => {
      const member = canonical(record[key]);
      return member === undefined ? [] : [`${JSON.stringify(key)}:${member}`];
    });
  return `{${members.join(',')}}`;
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}

/** SHA-256 of a record's canonical JSON, for `before_digest` / `after_digest`; null when there is no record. */
export function digestOf(value: unknown): string | null {
  return value === null || value === undefined ? null : sha256Hex(canonicalJson(value));
}

/**
 * The hash of an entry: SHA-256 of the canonical JSON of every stored column
 * but `hash`, keyed by column name, with `occurred_at` as an ISO 8601 string
 * (milliseconds, UTC). Listed field by field: a column added later must not
 * silently change the hashes of the entries already written.
 */
export function entryHash(entry: EntryContent): string {
  return sha256Hex(
    canonicalJson({
      seq: entry.seq,
      id: entry.id,
      occurred_at: entry.occurred_at.toISOString(),
      actor_user_id: entry.actor_user_id,
      actor_username: entry.actor_username,
      actor_party: entry.actor_party,
      action: entry.action,
      subject_type: entry.subject_type,
      subject_id: entry.subject_id,
      ip: entry.ip,
      before_digest: entry.before_digest,
      after_digest: entry.after_digest,
      details: entry.details,
      marking_level: entry.marking_level,
      marking_caveats: entry.marking_caveats,
      marking_rel_to: entry.marking_rel_to,
      marking_parties: entry.marking_parties,
      marking_groups: entry.marking_groups,
      prev_hash: entry.prev_hash,
    }),
  );
}

// Verification

export type ProblemKind = 'altered' | 'removed' | 'inserted';

export interface ChainProblem {
  /** The first entry that is not what the chain recorded (for "removed": the first missing number). */
  seq: number;
  /** That entry's id; null when it is gone. */
  id: string | null;
  kind: ProblemKind;
  message: string;
}

export type ChainReport =
  | { ok: true; count: number; headHash: string }
  | { ok: false; problem: ChainProblem };

/** A point the chain must pass through: a signed checkpoint's entry number and head hash. */
export interface Anchor {
  seq: number;
  headHash: string;
  /** Says where the anchor comes from, in messages (e.g. "the checkpoint of 2026-11-22T08:00:00.000Z"). */
  label: string;
}

interface Link {
  seq: number;
  id: string | null;
  hash: string;
}

/** How many recent entries are remembered to recognise where a misplaced entry's link points. */
const MEMORY = 10_000;
/** How far a renumbered entry is searched for its original number. */
const RENUMBER_WINDOW = 1_000;

const GENESIS: Link = { seq: 0, id: null, hash: GENESIS_HASH };

/**
 * Walks the entries in `seq` order and reports the first problem. Each entry
 * vouches for itself (its hash covers its content) and for its predecessor
 * (`prev_hash`); when both hold and the numbers run on without a gap, the
 * entry is accepted. Otherwise `classify` works out what was done.
 */
export async function verifyChain(
  entries: AsyncIterable<StoredEntry>,
  anchor?: Anchor,
): Promise<ChainReport> {
  let prev = GENESIS;
  const recent = new Map<string, Link>([[GENESIS.hash, GENESIS]]);
  let current: StoredEntry | undefined;

  const step = (entry: StoredEntry, next: StoredEntry | undefined): ChainProblem | null => {
    const fits =
      entry.seq === prev.seq + 1 && entry.prev_hash === prev.hash && entryHash(entry) === entry.hash;
    if (!fits) return classify(entry, prev, next, recent);
    if (anchor && entry.seq === anchor.seq && entry.hash !== anchor.headHash) return rewritten(entry, anchor);
    prev = { seq: entry.seq, id: entry.id, hash: entry.hash };
    recent.set(prev.hash, prev);
    if (recent.size > MEMORY) recent.delete(recent.keys().next().value as string);
    return null;
  };

  for await (const next of entries) {
    const problem = current && step(current, next);
    if (problem) return { ok: false, problem };
    current = next;
  }
  const problem = current && step(current, undefined);
  if (problem) return { ok: false, problem };
  if (anchor && anchor.seq > prev.seq) return { ok: false, problem: truncated(prev, anchor) };
  return { ok: true, count: prev.seq, headHash: prev.hash };
}

/**
 * Names what happened at the first entry that does not fit, from what still
 * holds: whether its content matches its hash (at its own number, or at a
 * nearby one when later entries were renumbered), and which earlier entry its
 * `prev_hash` points to.
 */
function classify(
  entry: StoredEntry,
  prev: Link,
  next: StoredEntry | undefined,
  recent: Map<string, Link>,
): ChainProblem {
  const expected = prev.seq + 1;
  const original = originalSeq(entry);
  if (original === null) {
    // Its content changed. The successor tells an edited entry (it still points to it) from a
    // forged one slipped in (it points past it, to the entry before).
    return next?.prev_hash === prev.hash
      ? inserted(entry, `entry ${entry.seq} (id ${entry.id}) was inserted: the next entry links past it`)
      : altered(
          entry,
          `entry ${entry.seq} (id ${entry.id}) was altered: its content does not match its hash`,
        );
  }

  const linked = recent.get(entry.prev_hash);
  if (linked && linked.seq < prev.seq) {
    // It links to an earlier entry: the ones in between were slipped in.
    const first = [...recent.values()].find((link) => link.seq === linked.seq + 1) ?? prev;
    const what =
      first.seq === prev.seq
        ? `entry ${first.seq} (id ${first.id}) was inserted`
        : `entries ${range(first.seq, prev.seq)} were inserted, the first with id ${first.id}`;
    return inserted(first, `${what}: entry ${entry.seq} (id ${entry.id}) links to entry ${linked.seq}`);
  }
  if (original > expected || (!linked && entry.seq > expected)) {
    const renumbered = original !== entry.seq ? `, originally entry ${original},` : '';
    return removed(
      expected,
      Math.max(original, entry.seq) - 1,
      `entry ${entry.seq} (id ${entry.id})${renumbered} does not follow entry ${prev.seq}`,
    );
  }
  if (!linked) {
    // No gap, but it recorded another predecessor: the entry before it was replaced, hash and all.
    return prev.id === null
      ? inserted(entry, `entry ${entry.seq} (id ${entry.id}) was inserted: it links to no entry`)
      : altered(
          prev,
          `entry ${prev.seq} (id ${prev.id}) was altered and re-hashed: ` +
            `entry ${entry.seq} recorded a different hash for it`,
        );
  }
  return altered(entry, `entry ${entry.seq} (id ${entry.id}) was renumbered: it was entry ${original}`);
}

/** The number under which the entry's content matches its hash: its own, or a nearby one if it was renumbered. */
function originalSeq(entry: StoredEntry): number | null {
  for (let distance = 0; distance <= RENUMBER_WINDOW; distance++) {
    for (const seq of distance === 0 ? [entry.seq] : [entry.seq - distance, entry.seq + distance]) {
      if (seq >= 1 && entryHash({ ...entry, seq }) === entry.hash) return seq;
    }
  }
  return null;
}

const range = (from: number, to: number) => (from === to ? `${from}` : `${from}–${to}`);

function removed(from: number, to: number, why: string): ChainProblem {
  const what = from === to ? `entry ${from} was` : `entries ${range(from, to)} were`;
  return { seq: from, id: null, kind: 'removed', message: `${what} removed: ${why}` };
}

const altered = (at: { seq: number; id: string | null }, message: string): ChainProblem => ({
  seq: at.seq,
  id: at.id,
  kind: 'altered',
  message,
});

const inserted = (at: { seq: number; id: string | null }, message: string): ChainProblem => ({
  seq: at.seq,
  id: at.id,
  kind: 'inserted',
  message,
});

function rewritten(entry: StoredEntry, anchor: Anchor): ChainProblem {
  return altered(
    entry,
    `entry ${entry.seq} (id ${entry.id}) does not have the hash signed in ${anchor.label}: ` +
      `the log up to entry ${entry.seq} was rewritten after the checkpoint`,
  );
}

function truncated(head: Link, anchor: Anchor): ChainProblem {
  return removed(
    head.seq + 1,
    anchor.seq,
    `the log ends at entry ${head.seq}, but ${anchor.label} covers entries up to ${anchor.seq}`,
  );
}
