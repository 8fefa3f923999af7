import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Anchor,
  type ChainReport,
  canonicalJson,
  digestOf,
  type EntryContent,
  entryHash,
  GENESIS_HASH,
  type StoredEntry,
  verifyChain,
} from './chain';

/** A valid chain of `count` entries, as the writer would have stored it. */
function chain(count: number): StoredEntry[] {
  const entries: StoredEntry[] = [];
  for (let seq = 1; seq <= count; seq++)
    entries.push(seal(entryContent(seq, entries.at(-1)?.hash ?? GENESIS_HASH)));
  return entries;
}

function entryContent(seq: number, prevHash: string, overrides: Partial<EntryContent> = {}): EntryContent {
  return {
    seq,
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    occurred_at: new Date(Date.UTC(2026, 10, 22, 8, 0, seq, 123)),
    actor_user_id: null,
    actor_username: 'coord.duty',
    actor_party: 'USSC',
    action: 'desk.updated',
    subject_type: 'desk',
    subject_id: `desk-${seq}`,
    ip: '10.0.0.7',
    before_digest: digestOf({ name: 'before', seq }),
    after_digest: digestOf({ name: 'after', seq }),
    details: { field: 'name', n: seq },
    marking_level: 'U',
    marking_caveats: [],
    marking_rel_to: null,
    marking_parties: ['ISF', 'USSC'],
    marking_groups: [],
    prev_hash: prevHash,
    ...overrides,
  };
}

const seal = (content: EntryContent): StoredEntry => ({ ...content, hash: entryHash(content) });

async function* stream(entries: StoredEntry[]): AsyncGenerator<StoredEntry> {
  yield* entries;
}

const verify = (entries: StoredEntry[], anchor?: Anchor) => verifyChain(stream(entries), anchor);

function problemOf(report: ChainReport) {
  if (report.ok) throw new Error('expected the chain to be found tampered with');
  return report.problem;
}

/** Tampering as an insider with the guard off would do it, on an array instead of a table. */
const tamper = {
  alter: (entries: StoredEntry[], k: number) =>
    entries.map((e) => (e.seq === k ? { ...e, actor_username: 'someone.else' } : e)),
  remove: (entries: StoredEntry[], k: number) => entries.filter((e) => e.seq !== k),
  /** The only way to put a row between two under the primary key: move the later ones up by one. */
  insert: (entries: StoredEntry[], k: number) => {
    const before = entries.filter((e) => e.seq <= k);
    const forged = seal(
      entryContent(k + 1, before.at(-1)?.hash ?? GENESIS_HASH, { id: 'forged', action: 'x.y' }),
    );
    const after = entries.filter((e) => e.seq > k).map((e) => ({ ...e, seq: e.seq + 1 }));
    return [...before, forged, ...after];
  },
};

describe('canonical JSON', () => {
  it('sorts keys at every depth and writes no white space', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('writes what JSON.stringify writes: undefined members left out, Dates as ISO strings', () => {
    const value = { when: new Date('2026-11-22T08:00:00.120Z'), gone: undefined, list: [undefined, null] };
    expect(canonicalJson(value)).toBe('{"list":[null,null],"when":"2026-11-22T08:00:00.120Z"}');
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('writes bigints as decimal strings and keeps non-Latin text as it is', () => {
    expect(canonicalJson({ n: 2n ** 70n, name: 'الخليل חברון' })).toBe(
      `{"n":"1180591620717411303424","name":"الخليل חברון"}`,
    );
  });

  it('does not depend on the order keys were added in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
    );
  });

  it('digests nothing as null and equal records alike', () => {
    expect(digestOf(null)).toBeNull();
    expect(digestOf(undefined)).toBeNull();
    expect(digestOf({ a: 1, b: 2 })).toBe(digestOf({ b: 2, a: 1 }));
    expect(digestOf({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('entry hash', () => {
  it('covers every stored field', () => {
    const content = entryContent(5, GENESIS_HASH);
    const changes: Partial<EntryContent> = {
      seq: 6,
      id: 'another',
      occurred_at: new Date(content.occurred_at.getTime() + 1),
      actor_user_id: '00000000-0000-4000-8000-000000000001',
      actor_username: 'admin',
      actor_party: 'ISF',
      action: 'desk.created',
      subject_type: 'unit',
      subject_id: 'desk-6',
      ip: '10.0.0.8',
      before_digest: null,
      after_digest: null,
      details: { field: 'name', n: 6 },
      marking_level: 'S',
      marking_caveats: ['NOFORN'],
      marking_rel_to: [],
      marking_parties: ['ISF'],
      marking_groups: ['hebron-wg'],
      prev_hash: 'f'.repeat(64),
    };
    for (const [field, value] of Object.entries(changes)) {
      expect(entryHash({ ...content, [field]: value }), field).not.toBe(entryHash(content));
    }
    expect(Object.keys(changes).sort()).toEqual(Object.keys(content).sort());
  });
});

describe('verifying the chain', () => {
  it('accepts an untouched chain and reports its length and head', async () => {
    const entries = chain(20);
    expect(await verify(entries)).toEqual({ ok: true, count: 20, headHash: entries[19]?.hash });
    expect(await verify([])).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
  });

  it('names an entry whose field was changed as altered', async () => {
    const problem = problemOf(await verify(tamper.alter(chain(10), 4)));
    expect(problem).toMatchObject({ seq: 4, id: chain(10)[3]?.id, kind: 'altered' });
    expect(problem.message).toContain('entry 4 (id 00000000-0000-4000-8000-000000000004) was altered');
  });

  it('names an entry altered and re-hashed as altered, from the hash its successor recorded', async () => {
    const entries = chain(10).map((e) =>
      e.seq === 4 ? seal({ ...e, marking_level: 'U', ip: '1.2.3.4' }) : e,
    );
    expect(problemOf(await verify(entries))).toMatchObject({ seq: 4, kind: 'altered' });
  });

  it('names a deleted entry as removed, also when later entries were renumbered to close the gap', async () => {
    const removed = problemOf(await verify(tamper.remove(chain(10), 4)));
    expect(removed).toMatchObject({ seq: 4, id: null, kind: 'removed' });
    expect(removed.message).toMatch(/^entry 4 was removed: entry 5 \(id \S+5\) does not follow entry 3/);

    const renumbered = tamper.remove(chain(10), 4).map((e) => (e.seq > 4 ? { ...e, seq: e.seq - 1 } : e));
    expect(problemOf(await verify(renumbered))).toMatchObject({ seq: 4, kind: 'removed' });
    expect(problemOf(await verify(tamper.remove(chain(10), 1)))).toMatchObject({ seq: 1, kind: 'removed' });
  });

  it('names a forged entry put between two as inserted, even with a valid hash of its own', async () => {
    const problem = problemOf(await verify(tamper.insert(chain(10), 4)));
    expect(problem).toMatchObject({ seq: 5, id: 'forged', kind: 'inserted' });
    expect(problem.message).toContain('entry 6 (id 00000000-0000-4000-8000-000000000005) links to entry 4');
  });

  it('names the first of several forged entries put between two', async () => {
    const original = chain(10);
    const first = seal(entryContent(5, original[3]?.hash as string, { id: 'forged-1' }));
    const second = seal(entryContent(6, first.hash, { id: 'forged-2' }));
    const shifted = original.slice(4).map((e) => ({ ...e, seq: e.seq + 2 }));
    const problem = problemOf(await verify([...original.slice(0, 4), first, second, ...shifted]));
    expect(problem).toMatchObject({ seq: 5, id: 'forged-1', kind: 'inserted' });
    expect(problem.message).toBe(
      `entries 5–6 were inserted, the first with id forged-1: entry 7 (id ${original[4]?.id}) links to entry 4`,
    );
  });

  it('names a forged entry with a made-up hash as inserted: the next entry links past it', async () => {
    const entries = tamper
      .insert(chain(10), 4)
      .map((e) => (e.id === 'forged' ? { ...e, hash: 'a'.repeat(64) } : e));
    expect(problemOf(await verify(entries))).toMatchObject({ seq: 5, id: 'forged', kind: 'inserted' });
  });

  it('names the first of several problems', async () => {
    const entries = tamper.remove(tamper.alter(chain(10), 7), 3);
    expect(problemOf(await verify(entries))).toMatchObject({ seq: 3, kind: 'removed' });
  });

  it('names each kind of tampering at any position', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 30 }),
        fc.constantFrom('alter', 'remove', 'insert'),
        fc.nat(),
        async (length, how, at) => {
          const entries = chain(length);
          // Removing the last entry or appending one leaves a valid chain: only a checkpoint tells.
          const k = (at % (length - 1)) + 1;
          const expected = { alter: 'altered', remove: 'removed', insert: 'inserted' }[how];
          const problem = problemOf(await verify(tamper[how as keyof typeof tamper](entries, k)));
          expect(problem).toMatchObject({ kind: expected, seq: how === 'insert' ? k + 1 : k });
        },
      ),
      { numRuns: 60 },
    );
  });

  describe('against a checkpoint', () => {
    const anchorOf = (entries: StoredEntry[], seq: number): Anchor => ({
      seq,
      headHash: entries[seq - 1]?.hash ?? '',
      label: 'the checkpoint of today',
    });

    it('accepts a log that still passes through the checkpoint and has grown since', async () => {
      const entries = chain(12);
      expect((await verify(entries, anchorOf(entries, 8))).ok).toBe(true);
    });

    it('names the checkpointed entry when the chain up to it was rewritten consistently', async () => {
      const original = chain(12);
      const rewritten: StoredEntry[] = [];
      for (const e of original) {
        const changed = e.seq === 3 ? { ...e, actor_username: 'scapegoat' } : e;
        rewritten.push(seal({ ...changed, prev_hash: rewritten.at(-1)?.hash ?? GENESIS_HASH }));
      }
      expect((await verify(rewritten)).ok).toBe(true); // without the checkpoint, nothing shows
      const problem = problemOf(await verify(rewritten, anchorOf(original, 8)));
      expect(problem).toMatchObject({ seq: 8, id: original[7]?.id, kind: 'altered' });
      expect(problem.message).toContain('the hash signed in the checkpoint of today');
    });

    it('names the missing entries when the log was cut short below the checkpoint', async () => {
      const original = chain(12);
      const problem = problemOf(await verify(original.slice(0, 6), anchorOf(original, 8)));
      expect(problem).toMatchObject({ seq: 7, kind: 'removed' });
      expect(problem.message).toBe(
        'entries 7–8 were removed: the log ends at entry 6, but the checkpoint of today covers entries up to 8',
      );
    });
  });
});
