import { type Expression, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';
import { withFreshNumber } from '../../platform/db/fresh-number';
import type { ConsentsTable, SubmissionPortionsTable, SubmissionsTable } from '../../platform/db/schema';

const PORTION_COLUMNS = [
  'p.id',
  'p.submission_id',
  'p.position',
  'p.heading',
  'p.body',
  'p.instruction',
  'p.instruction_party',
  'p.marking_level',
  'p.marking_caveats',
  'p.marking_rel_to',
  'p.marking_parties',
  'p.marking_groups',
] as const;

/** Submissions as other modules name them (a notification's line), of those `visible` admits (over `s`). */
export function submissionHeadlines(q: Db | Tx, visible: Expression<SqlBool>) {
  return q.selectFrom('submissions as s').select(['s.id', 's.number', 's.title']).where(visible);
}

/** Of these submissions (the originals of releases made of them), the ids `visible` admits (over alias `s`). */
export async function readableSubmissionIds(
  q: Db | Tx,
  ids: readonly string[],
  visible: Expression<SqlBool>,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await q
    .selectFrom('submissions as s')
    .select('s.id')
    .where('s.id', 'in', [...new Set(ids)])
    .where(visible)
    .execute();
  return new Set(rows.map((row) => row.id));
}

/**
 * Of these portions (the sources of paragraphs extracted into a report), each
 * one's release instruction and its submission's parties: what binds their release.
 */
export function portionInstructions(q: Db | Tx, portionIds: readonly string[]) {
  if (portionIds.length === 0) return Promise.resolve([]);
  return q
    .selectFrom('submission_portions as sp')
    .innerJoin('submissions as s', 's.id', 'sp.submission_id')
    .select([
      'sp.id as portion_id',
      'sp.instruction',
      'sp.instruction_party',
      's.id as submission_id',
      's.owner_party',
      's.coordinator_party',
    ])
    .where('sp.id', 'in', [...new Set(portionIds)])
    .execute();
}

/**
 * Kysely queries for submissions, their portions and consents (the releases
 * made of them are the reports module's: releases.repository.ts). No policy:
 * the queries pass the visibility rule's conditions in.
 */
export class SubmissionsRepository {
  constructor(private readonly db: Db) {}

  /** Submissions `visible` admits (over alias `s`), last changed first. */
  list(visible: Expression<SqlBool>, where: { id?: string } = {}, page = { limit: 50, offset: 0 }) {
    let query = this.db.selectFrom('submissions as s').selectAll('s').where(visible);
    if (where.id) query = query.where('s.id', '=', where.id);
    return query
      .orderBy('s.updated_at', 'desc')
      .orderBy('s.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
  }

  /** The portions of these submissions that `visible` admits (over alias `p`), in order. */
  portions(submissionIds: readonly string[], visible: Expression<SqlBool>) {
    if (submissionIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('submission_portions as p')
      .select(PORTION_COLUMNS)
      .where('p.submission_id', 'in', [...submissionIds])
      .where(visible)
      .orderBy('p.submission_id')
      .orderBy('p.position')
      .execute();
  }

  /** How many of the submission's portions `visible` does not admit (over alias `p`). */
  async hiddenPortions(submissionId: string, visible: Expression<SqlBool>, among?: readonly string[]) {
    if (among && among.length === 0) return 0;
    let query = this.db
      .selectFrom('submission_portions as p')
      .select((eb) => eb.fn.countAll<string>().as('hidden'))
      .where('p.submission_id', '=', submissionId)
      .where((eb) => eb.not(visible));
    if (among) query = query.where('p.id', 'in', [...among]);
    return Number((await query.executeTakeFirstOrThrow()).hidden);
  }

  /** The submission, locked for a change in `tx`. */
  lock(tx: Tx, id: string) {
    return tx
      .selectFrom('submissions')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
  }

  /** Every portion of the submission, whatever their marking: only for a caller cleared for all of them. */
  allPortions(tx: Tx, submissionId: string) {
    return tx
      .selectFrom('submission_portions as p')
      .select(PORTION_COLUMNS)
      .where('p.submission_id', '=', submissionId)
      .orderBy('p.position')
      .execute();
  }

  async insert(tx: Tx, submission: Insertable<SubmissionsTable>): Promise<string> {
    const row = await withFreshNumber(() =>
      tx
        .insertInto('submissions')
        .values(submission)
        .onConflict((conflict) => conflict.column('number').doNothing())
        .returning('id')
        .executeTakeFirst(),
    );
    return row.id;
  }

  update(tx: Tx, id: string, values: Updateable<SubmissionsTable>) {
    return tx.updateTable('submissions').set(values).where('id', '=', id).execute();
  }

  insertPortion(tx: Tx, portion: Insertable<SubmissionPortionsTable>) {
    return tx.insertInto('submission_portions').values(portion).execute();
  }

  /** Deletes the portions not kept, and moves the kept ones out of the way of the new order. */
  async replacePortionsBegin(tx: Tx, submissionId: string, keep: string[]) {
    let gone = tx.deleteFrom('submission_portions').where('submission_id', '=', submissionId);
    if (keep.length > 0) gone = gone.where('id', 'not in', keep);
    await gone.execute();
    await tx
      .updateTable('submission_portions')
      .set({ position: sql`-1 - position` })
      .where('submission_id', '=', submissionId)
      .execute();
  }

  updatePortion(tx: Tx, id: string, values: Updateable<SubmissionPortionsTable>) {
    return tx.updateTable('submission_portions').set(values).where('id', '=', id).execute();
  }

  /** The header's marking and parties of a submission, for deciding who hears of it. */
  factsOf(id: string) {
    return this.db
      .selectFrom('submissions')
      .select([
        'owner_party',
        'coordinator_party',
        'marking_level',
        'marking_caveats',
        'marking_rel_to',
        'marking_parties',
        'marking_groups',
      ])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  // ---- consents

  /** Consents `visible` admits (over alias `c`), oldest waiting first. */
  consents(
    visible: Expression<SqlBool>,
    where: { id?: string; submissionIds?: readonly string[]; status?: ConsentsTable['status'] } = {},
  ) {
    let query = this.db.selectFrom('consents as c').selectAll('c').where(visible);
    if (where.id) query = query.where('c.id', '=', where.id);
    if (where.submissionIds) {
      if (where.submissionIds.length === 0) return Promise.resolve([]);
      query = query.where('c.submission_id', 'in', [...where.submissionIds]);
    }
    if (where.status) query = query.where('c.status', '=', where.status);
    return query.orderBy('c.requested_at').orderBy('c.id').limit(200).execute();
  }

  async insertConsent(tx: Tx, consent: Insertable<ConsentsTable>): Promise<string> {
    const row = await tx.insertInto('consents').values(consent).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  lockConsent(tx: Tx, id: string) {
    return tx.selectFrom('consents').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  }

  decideConsent(tx: Tx, id: string, values: Updateable<ConsentsTable>) {
    return tx.updateTable('consents').set(values).where('id', '=', id).execute();
  }

  /** A consent's marking and parties, for deciding who hears of it. */
  consentFactsOf(id: string) {
    return this.db
      .selectFrom('consents')
      .select([
        'owner_party',
        'coordinator_party',
        'marking_level',
        'marking_caveats',
        'marking_rel_to',
        'marking_parties',
        'marking_groups',
      ])
      .where('id', '=', id)
      .executeTakeFirst();
  }
}

export type SubmissionRow = Awaited<ReturnType<SubmissionsRepository['list']>>[number];
export type PortionRow = Awaited<ReturnType<SubmissionsRepository['portions']>>[number];
export type ConsentRow = Awaited<ReturnType<SubmissionsRepository['consents']>>[number];
