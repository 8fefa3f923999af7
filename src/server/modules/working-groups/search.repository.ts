import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { MinutesSection } from '../../../core/minutes/minutes';
import { hebrewVariants } from '../../../core/search/search-text';
import type { Db, Tx } from '../../platform/db/database';
import type { MarkingColumns } from '../../platform/db/schema';

/**
 * The search documents of meetings (their title and agenda) and of the
 * versions of their minutes (section by section), written with them and
 * read by the search module (migration 202612051000_working_group_search).
 * No policy here: `visible` is the access rule's SQL face for the searcher,
 * over an alias (`m` the meeting, `g` its group with the group's own marking).
 */

/** How the agenda's titles are joined in the meeting's document and snippet. */
const AGENDA_SEPARATOR = ' · ';

/** Keeps a meeting's document in step with its title and agenda: call after either changes. */
export async function indexMeeting(tx: Tx, meetingId: string) {
  const meeting = await tx
    .selectFrom('meetings')
    .select('title')
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (!meeting) return;
  const items = await tx
    .selectFrom('meeting_agenda_items')
    .select('title')
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();
  const agenda = items.map((item) => item.title).join(AGENDA_SEPARATOR);
  await tx
    .updateTable('meetings')
    .set({ agenda_text: agenda, search_extra: hebrewVariants(`${meeting.title} ${agenda}`) })
    .where('id', '=', meetingId)
    .execute();
}

/** What a version of minutes is indexed by besides its sections: each section's Hebrew forms, by index. */
export const sectionsExtra = (sections: readonly MinutesSection[]) =>
  JSON.stringify(
    sections.map((section) =>
      hebrewVariants([section.heading, section.text, ...section.decisions].join(' ')),
    ),
  );

export interface WorkingGroupSearch {
  /** The words, as search's tsquery. */
  query: RawBuilder<unknown>;
  headline: string;
  limit: number;
  level?: string | undefined;
  /** Days on the deployment's clock (of the meeting's start). */
  from?: string | undefined;
  to?: string | undefined;
  timeZone: string;
  /** The scheme's lowest level: a group's marking when it has no level of its own. */
  lowest: string;
}

/** The access rule's SQL face for the searcher, over an alias. */
export type Visible = (alias: string) => Expression<SqlBool>;

/** Each group with its own marking in the marking columns (groupMarking: its level or the lowest, its parties, its code). */
const markedGroups = (lowest: string) => sql`(select gr.id, gr.code,
    coalesce(gr.level, ${lowest}::text) as marking_level, '{}'::text[] as marking_caveats,
    null::text[] as marking_rel_to, gr.parties as marking_parties, array[gr.code]::text[] as marking_groups
  from groups as gr)`;

/**
 * Whoever reads a meeting in full, and its minutes: cleared for the group's
 * marking (which takes membership) and for the meeting's own. One cleared
 * only for the group sees a neutral title: no hit.
 */
const readable = (visible: Visible) => sql`${visible('g')} and ${visible('m')}`;

/** The filters on the meeting: its level, and the day it starts on the deployment's clock. */
function filtersOf(search: WorkingGroupSearch) {
  const day = sql`(m.starts_at at time zone ${search.timeZone})::date`;
  return {
    day,
    where: sql.join(
      [
        sql`true`,
        ...(search.level ? [sql`m.marking_level = ${search.level}`] : []),
        ...(search.from ? [sql`${day} >= ${search.from}::date`] : []),
        ...(search.to ? [sql`${day} <= ${search.to}::date`] : []),
      ],
      sql` and `,
    ),
  };
}

/** Meetings whose title or agenda holds the words. */
export async function meetingHits(db: Db, visible: Visible, search: WorkingGroupSearch) {
  const { day, where } = filtersOf(search);
  const { rows } = await sql<MeetingHitColumns>`
    select m.id, m.id as parent_id, g.code || ' · ' || ${day}::text as number, m.title, ${day}::text as date,
      ts_rank(m.search_document, ${search.query}) as rank,
      ts_headline('simple', concat_ws(' — ', m.title, nullif(m.agenda_text, '')), ${search.query}, ${search.headline})
        as headline,
      m.marking_level, m.marking_caveats, m.marking_rel_to, m.marking_parties, m.marking_groups
    from meetings as m
      join ${markedGroups(search.lowest)} as g on g.id = m.group_id
    where m.search_document @@ ${search.query} and ${readable(visible)} and ${where}
    order by rank desc, m.starts_at desc
    limit ${search.limit}`.execute(db);
  return rows;
}

/**
 * Sections of the current version of minutes that hold the words: a hit per
 * section (`id` is `<meeting>:<n>`, n from 1). The versions are matched first,
 * through the index; only their sections are then read.
 */
export async function minutesHits(db: Db, visible: Visible, search: WorkingGroupSearch) {
  const { day, where } = filtersOf(search);
  const decisions = sql`(select string_agg(d, ' · ') from jsonb_array_elements_text(s.value->'decisions') as d)`;
  const text = sql`concat_ws(' — ', s.value->>'heading', nullif(s.value->>'text', ''), ${decisions})`;
  const extra = sql`coalesce(v.search_extra->>(s.n::int - 1), '')`;
  const document = sql`(to_tsvector('english', ${text}) || to_tsvector('arabic', ${text})
    || to_tsvector('simple', ${text} || ' ' || ${extra}))`;
  const { rows } = await sql<MeetingHitColumns>`
    select m.id::text || ':' || s.n::text as id, m.id as parent_id, g.code || ' · ' || ${day}::text as number,
      m.title, ${day}::text as date,
      ts_rank(${document}, ${search.query}) as rank,
      ts_headline('simple', ${text}, ${search.query}, ${search.headline}) as headline,
      m.marking_level, m.marking_caveats, m.marking_rel_to, m.marking_parties, m.marking_groups
    from (
        select v.meeting_id, v.sections, v.search_extra
        from minutes_versions as v
          join minutes as mi on mi.meeting_id = v.meeting_id and mi.version = v.version
        where v.search_document @@ ${search.query}
        offset 0
      ) as v
      join meetings as m on m.id = v.meeting_id
      join ${markedGroups(search.lowest)} as g on g.id = m.group_id
      cross join lateral jsonb_array_elements(v.sections) with ordinality as s(value, n)
    where ${readable(visible)} and ${where} and ${document} @@ ${search.query}
    order by rank desc, m.starts_at desc, s.n
    limit ${search.limit}`.execute(db);
  return rows;
}

/** What a hit of either kind carries. */
export interface MeetingHitColumns extends MarkingColumns {
  id: string;
  parent_id: string;
  number: string;
  title: string;
  date: string;
  rank: number;
  headline: string;
}
