import { type Kysely, sql } from 'kysely';

/**
 * The information exchange ledger (issue 17): each row says what kind of item
 * passed, in which category, and carries the marking of the record it points
 * to, so the access rule decides who may count it; a correction cancels an
 * earlier row instead of editing it. The rows that releases, released
 * submissions and confirmed commitments wrote before are kept: their old
 * `category` was their kind, their marking is that of their release or
 * commitment (a released submission's also names the party it came from, who
 * sees what went where).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('information_exchanges')
    .addColumn('kind', 'text')
    .addColumn('marking_level', 'text')
    .addColumn('marking_caveats', sql`text[]`)
    .addColumn('marking_rel_to', sql`text[]`)
    .addColumn('marking_parties', sql`text[]`)
    .addColumn('marking_groups', sql`text[]`)
    .addColumn('cancels', 'uuid', (c) => c.references('information_exchanges.id'))
    .execute();
  await sql`
    update information_exchanges set kind = case category
      when 'report-release' then 'release'
      when 'submission-release' then 'submission-release'
      else category end,
      category = 'general'`.execute(db);
  await sql`
    update information_exchanges e set
      marking_level = r.marking_level, marking_caveats = r.marking_caveats, marking_rel_to = r.marking_rel_to,
      marking_parties = array(select distinct p from unnest(r.marking_parties || array[e.from_party]) as p order by p),
      marking_groups = r.marking_groups
    from report_releases r where e.subject_type = 'report-release' and r.id = e.subject_id`.execute(db);
  await sql`
    update information_exchanges e set
      marking_level = c.marking_level, marking_caveats = c.marking_caveats, marking_rel_to = c.marking_rel_to,
      marking_parties = c.marking_parties, marking_groups = c.marking_groups
    from commitments c where e.subject_type = 'commitment' and c.id = e.subject_id`.execute(db);
  // A row whose record is gone counts for nobody: the access rule knows no such level.
  await sql`
    update information_exchanges set marking_level = 'NONE', marking_caveats = '{}',
      marking_parties = array[from_party, to_party], marking_groups = '{}'
    where marking_level is null`.execute(db);
  for (const column of ['kind', 'marking_level', 'marking_caveats', 'marking_parties', 'marking_groups'])
    await db.schema
      .alterTable('information_exchanges')
      .alterColumn(column, (c) => c.setNotNull())
      .execute();
  await sql`alter table information_exchanges add constraint information_exchanges_kind check (kind in
    ('release', 'submission-release', 'rfi-answer', 'request-completed', 'share', 'commitment'))`.execute(db);
  // The measures read by pair and time, and by time alone.
  await db.schema
    .createIndex('information_exchanges_pair_idx')
    .on('information_exchanges')
    .columns(['from_party', 'to_party', 'at'])
    .execute();
  await db.schema
    .createIndex('information_exchanges_at_idx')
    .on('information_exchanges')
    .column('at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('information_exchanges_at_idx').execute();
  await db.schema.dropIndex('information_exchanges_pair_idx').execute();
  await sql`alter table information_exchanges drop constraint information_exchanges_kind`.execute(db);
  await sql`update information_exchanges set category = case kind
    when 'release' then 'report-release' else kind end`.execute(db);
  for (const column of [
    'cancels',
    'marking_groups',
    'marking_parties',
    'marking_rel_to',
    'marking_caveats',
    'marking_level',
    'kind',
  ])
    await db.schema.alterTable('information_exchanges').dropColumn(column).execute();
}
