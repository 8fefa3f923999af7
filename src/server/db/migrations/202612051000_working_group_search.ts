import { type Kysely, sql } from 'kysely';
import { hebrewVariants } from '../../../core/search/search-text';

/**
 * The working groups' records are searched like reports and messages (issue
 * 16): English and Arabic stemmed and every word as written, with Hebrew
 * words also without their prefixes (`search_extra`, written by the
 * repositories), in an indexed column.
 *
 * - meetings: the title and the agenda's titles (`agenda_text`, written
 *   whenever the agenda is set);
 * - minutes_versions: every string of the sections (headings, text,
 *   decisions); `search_extra` holds each section's Hebrew forms, by index,
 *   since a hit is a section;
 * - commitments: the title, what "done" means and the evidence given; never
 *   their notes, whose internal ones belong to one party.
 *
 * Named after the migrations already run (Kysely refuses one that sorts
 * before them on a database that has run them).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('meetings')
    .addColumn('agenda_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search_extra', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`
    alter table meetings add column search_document tsvector generated always as (
      to_tsvector('english', title || ' ' || agenda_text) || to_tsvector('arabic', title || ' ' || agenda_text)
      || to_tsvector('simple', title || ' ' || agenda_text || ' ' || search_extra)
    ) stored`.execute(db);
  await sql`create index meetings_search_idx on meetings using gin (search_document)`.execute(db);

  await db.schema
    .alterTable('minutes_versions')
    .addColumn('search_extra', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  // to_tsvector over jsonb reads its string values only (never its keys), and is immutable.
  await sql`
    alter table minutes_versions add column search_document tsvector generated always as (
      to_tsvector('english', sections) || to_tsvector('arabic', sections)
      || to_tsvector('simple', sections) || to_tsvector('simple', search_extra)
    ) stored`.execute(db);
  await sql`create index minutes_versions_search_idx on minutes_versions using gin (search_document)`.execute(
    db,
  );

  await db.schema
    .alterTable('commitments')
    .addColumn('search_extra', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`
    alter table commitments add column search_document tsvector generated always as (
      to_tsvector('english', title || ' ' || done_means || ' ' || coalesce(evidence_text, ''))
      || to_tsvector('arabic', title || ' ' || done_means || ' ' || coalesce(evidence_text, ''))
      || to_tsvector('simple', title || ' ' || done_means || ' ' || coalesce(evidence_text, '') || ' ' || search_extra)
    ) stored`.execute(db);
  await sql`create index commitments_search_idx on commitments using gin (search_document)`.execute(db);

  await backfill(db);
}

/** What was written before: the agenda's text and every document's Hebrew forms. */
async function backfill(db: Kysely<unknown>) {
  const meetings = await sql<{ id: string; title: string; agenda: string | null }>`
    select m.id, m.title,
      (select string_agg(a.title, ' · ' order by a.position) from meeting_agenda_items as a where a.meeting_id = m.id)
        as agenda
    from meetings as m`.execute(db);
  for (const meeting of meetings.rows) {
    const agenda = meeting.agenda ?? '';
    await sql`update meetings set agenda_text = ${agenda}, search_extra = ${hebrewVariants(`${meeting.title} ${agenda}`)}
      where id = ${meeting.id}`.execute(db);
  }
  const versions = await sql<{ meeting_id: string; version: number; sections: SectionText[] }>`
    select meeting_id, version, sections from minutes_versions`.execute(db);
  for (const version of versions.rows) {
    const extra = version.sections.map((s) =>
      hebrewVariants([s.heading, s.text, ...(s.decisions ?? [])].join(' ')),
    );
    await sql`update minutes_versions set search_extra = ${JSON.stringify(extra)}::jsonb
      where meeting_id = ${version.meeting_id} and version = ${version.version}`.execute(db);
  }
  const commitments = await sql<{ id: string; text: string }>`
    select id, title || ' ' || done_means || ' ' || coalesce(evidence_text, '') as text from commitments`.execute(
    db,
  );
  for (const commitment of commitments.rows) {
    const extra = hebrewVariants(commitment.text);
    if (extra)
      await sql`update commitments set search_extra = ${extra} where id = ${commitment.id}`.execute(db);
  }
}

interface SectionText {
  heading: string;
  text: string;
  decisions?: string[];
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('commitments')
    .dropColumn('search_document')
    .dropColumn('search_extra')
    .execute();
  await db.schema
    .alterTable('minutes_versions')
    .dropColumn('search_document')
    .dropColumn('search_extra')
    .execute();
  await db.schema
    .alterTable('meetings')
    .dropColumn('search_document')
    .dropColumn('search_extra')
    .dropColumn('agenda_text')
    .execute();
}
