import { type Expression, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/database';
import type {
  CommitmentFilesTable,
  CommitmentNotesTable,
  CommitmentRemindersTable,
  CommitmentsTable,
} from '../../platform/db/schema';
import { commitmentExtra, indexCommitment } from './search.repository';

/**
 * Kysely queries on commitments, their notes and reminders. No policy here:
 * the queries pass the access rule's condition in (`visible`, over `c`), the
 * commands decide who may change what.
 */

type Queryable = Db | Tx;

/** Filters of a list, already checked. */
export interface CommitmentFilter {
  group?: string;
  meeting?: string;
  party?: string;
  owner?: string;
  statuses?: string[];
  /** Only the overdue ones (still owed, due before `today`). */
  overdue?: boolean;
  dueBefore?: string;
  dueAfter?: string;
}

/** Commitments as the reads need them (the group's code and people's names are asked of their modules). */
function base(q: Queryable) {
  return q.selectFrom('commitments as c');
}

const COLUMNS = [
  'c.id',
  'c.group_id',
  'c.meeting_id',
  'c.title',
  'c.done_means',
  'c.owner_party',
  'c.owner_id',
  'c.status',
  'c.drop_reason',
  'c.evidence_text',
  'c.evidence_kind',
  'c.evidence_id',
  'c.completed_by',
  'c.completed_at',
  'c.confirmed_by',
  'c.confirmed_at',
  'c.raised_by',
  'c.created_at',
  'c.updated_at',
  'c.marking_level',
  'c.marking_caveats',
  'c.marking_rel_to',
  'c.marking_parties',
  'c.marking_groups',
] as const;

const dueOn = sql<string>`c.due_on::text`.as('due_on');

function filtered(q: Queryable, visible: Expression<SqlBool>, filter: CommitmentFilter, today: string) {
  let query = base(q).where(visible);
  if (filter.group) query = query.where('c.group_id', '=', filter.group);
  if (filter.meeting) query = query.where('c.meeting_id', '=', filter.meeting);
  if (filter.party) query = query.where('c.owner_party', '=', filter.party);
  if (filter.owner) query = query.where('c.owner_id', '=', filter.owner);
  if (filter.statuses?.length)
    query = query.where('c.status', 'in', filter.statuses as CommitmentsTable['status'][]);
  if (filter.overdue)
    query = query
      .where('c.status', 'in', ['open', 'in-progress'])
      .where(sql<SqlBool>`c.due_on < ${today}::date`);
  if (filter.dueBefore) query = query.where(sql<SqlBool>`c.due_on < ${filter.dueBefore}::date`);
  if (filter.dueAfter) query = query.where(sql<SqlBool>`c.due_on > ${filter.dueAfter}::date`);
  return query;
}

/** Overdue first, then by due date, then newest. */
const overdueFirst = (today: string) =>
  sql`(case when c.status in ('open', 'in-progress') and c.due_on < ${today}::date then 0 else 1 end)`;

export async function listCommitments(
  q: Queryable,
  visible: Expression<SqlBool>,
  filter: CommitmentFilter,
  today: string,
  limit: number,
) {
  const items = await filtered(q, visible, filter, today)
    .select([...COLUMNS, dueOn])
    .orderBy(overdueFirst(today))
    .orderBy('c.due_on')
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .limit(limit)
    .execute();
  const { total } = await filtered(q, visible, filter, today)
    .select(sql<string>`count(*)`.as('total'))
    .executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}
export type StoredCommitmentRow = Awaited<ReturnType<typeof listCommitments>>['items'][number];

/** One commitment, whoever may see it (the caller checks); locked for a change when `lock`. */
export async function commitmentById(q: Queryable, id: string, lock = false) {
  let query = base(q)
    .select([...COLUMNS, dueOn])
    .where('c.id', '=', id);
  if (lock) query = query.forUpdate('c');
  return query.executeTakeFirst();
}

/** Per owner party: the counts of the board, over the commitments `visible` admits. */
export function tallies(
  q: Queryable,
  visible: Expression<SqlBool>,
  filter: CommitmentFilter,
  today: string,
  timeZone: string,
) {
  const owed = sql`c.status in ('open', 'in-progress')`;
  // The day it was completed on the deployment's clock, against the due date.
  const completedOn = sql`(c.completed_at at time zone ${timeZone})::date`;
  return filtered(q, visible, filter, today)
    .select([
      'c.owner_party',
      sql<string>`count(*) filter (where c.status <> 'dropped')`.as('promised'),
      sql<string>`count(*) filter (where c.status = 'open')`.as('open'),
      sql<string>`count(*) filter (where c.status = 'in-progress')`.as('in_progress'),
      sql<string>`count(*) filter (where ${owed} and c.due_on < ${today}::date)`.as('overdue'),
      sql<string>`count(*) filter (where c.status = 'done' and c.confirmed_at is null)`.as('awaiting'),
      sql<string>`count(*) filter (where c.status = 'done' and c.confirmed_at is not null)`.as('delivered'),
      sql<string>`count(*) filter (where c.status = 'done')`.as('completed'),
      sql<string>`count(*) filter (where c.status = 'dropped')`.as('dropped'),
      sql<string>`count(*) filter (where c.status = 'done' and ${completedOn} <= c.due_on)`.as('on_time'),
    ])
    .groupBy('c.owner_party')
    .orderBy('c.owner_party')
    .execute();
}

export async function insertCommitment(tx: Tx, row: Insertable<CommitmentsTable>) {
  const { id } = await tx
    .insertInto('commitments')
    .values({ ...row, search_extra: commitmentExtra(row) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateCommitment(tx: Tx, id: string, changes: Updateable<CommitmentsTable>) {
  await tx.updateTable('commitments').set(changes).where('id', '=', id).execute();
  // Its search document follows its words.
  if (changes.title !== undefined || changes.done_means !== undefined || changes.evidence_text !== undefined)
    await indexCommitment(tx, id);
}

/** The notes of a commitment that `visible` (the internal-entry rule over `n`) admits, oldest first. */
export function notesOf(q: Queryable, commitmentId: string, visible: Expression<SqlBool>) {
  return q
    .selectFrom('commitment_notes as n')
    .select(['n.id', 'n.body', 'n.internal_party', 'n.author_id', 'n.author_party', 'n.created_at'])
    .where('n.commitment_id', '=', commitmentId)
    .where(visible)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
}

export async function insertNote(tx: Tx, row: Insertable<CommitmentNotesTable>) {
  const { id } = await tx
    .insertInto('commitment_notes')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Replaces the reminders not yet fired of a commitment (a new due date moves them). */
export async function replaceReminders(
  tx: Tx,
  commitmentId: string,
  rows: Insertable<CommitmentRemindersTable>[],
) {
  await tx
    .deleteFrom('commitment_reminders')
    .where('commitment_id', '=', commitmentId)
    .where('fired_at', 'is', null)
    .execute();
  if (rows.length > 0) await tx.insertInto('commitment_reminders').values(rows).execute();
}

/** Takes the next due reminder and locks it; another instance skips it (SKIP LOCKED), so each fires once. */
export function claimDueReminder(tx: Tx, now: Date) {
  return tx
    .selectFrom('commitment_reminders')
    .selectAll()
    .where('fired_at', 'is', null)
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function markReminderFired(tx: Tx, id: string, now: Date, outcome: 'fired' | 'moot') {
  await tx.updateTable('commitment_reminders').set({ fired_at: now, outcome }).where('id', '=', id).execute();
}

/** What a live event or a notification needs to decide who may see a commitment: its marking. */
export function markingOfCommitment(q: Queryable, id: string) {
  return q
    .selectFrom('commitments')
    .select(['marking_level', 'marking_caveats', 'marking_rel_to', 'marking_parties', 'marking_groups'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Commitments as other modules name them (a notification's line): title and
 * group, nothing else; only those `visible` admits (over `c`).
 */
export function commitmentHeadlines(q: Queryable, visible: Expression<SqlBool>) {
  return q
    .selectFrom('commitments as c')
    .select(['c.id', 'c.title', 'c.group_id', sql<string>`c.due_on::text`.as('due_on')])
    .where(visible);
}

/** The files that show a commitment was kept, oldest first, without their bytes. */
export function filesOf(q: Queryable, commitmentId: string) {
  return q
    .selectFrom('commitment_files')
    .select(['id', 'filename', 'media_type', 'size', 'sha256', 'uploaded_by', 'uploader_party', 'created_at'])
    .where('commitment_id', '=', commitmentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
export type CommitmentFileRow = Awaited<ReturnType<typeof filesOf>>[number];

/** One file of a commitment, with its bytes. */
export function fileOf(q: Queryable, commitmentId: string, fileId: string) {
  return q
    .selectFrom('commitment_files')
    .select(['id', 'filename', 'media_type', 'content'])
    .where('commitment_id', '=', commitmentId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

export async function insertFile(tx: Tx, row: Insertable<CommitmentFilesTable>): Promise<string> {
  const { id } = await tx
    .insertInto('commitment_files')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
