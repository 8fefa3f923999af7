import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { MarkingColumns } from '../../platform/db/schema';

/**
 * Full-text search over meetings (their title and agenda) and the current
 * version of their minutes, section by section, for the search module. No
 * policy here: `visible` (over `m`, the meeting) is the access rule's SQL
 * face for the searcher; minutes are read only under their meeting's marking.
 */

export interface WorkingGroupSearch {
  query: RawBuilder<unknown>;
  headline: string;
  limit: number;
  level?: string | undefined;
  /** Days on the deployment's clock (of the meeting's start). */
  from?: string | undefined;
  to?: string | undefined;
  timeZone: string;
}

/** The three configurations every search document is read in (English and Arabic stems, words as written). */
const documentOf = (text: RawBuilder<string>) =>
  sql`(to_tsvector('english', ${text}) || to_tsvector('arabic', ${text}) || to_tsvector('simple', ${text}))`;

function meetingsOf(db: Db, visible: Expression<SqlBool>, search: WorkingGroupSearch) {
  let select = db.selectFrom('meetings as m').innerJoin('groups as g', 'g.id', 'm.group_id').where(visible);
  const day = sql<string>`(m.starts_at at time zone ${search.timeZone})::date`;
  if (search.level) select = select.where('m.marking_level', '=', search.level);
  if (search.from) select = select.where(day, '>=', search.from);
  if (search.to) select = select.where(day, '<=', search.to);
  return { select, day };
}

const MARKING = [
  'm.marking_level',
  'm.marking_caveats',
  'm.marking_rel_to',
  'm.marking_parties',
  'm.marking_groups',
] as const;

/** Meetings whose title or agenda holds the words. */
export function meetingHits(db: Db, visible: Expression<SqlBool>, search: WorkingGroupSearch) {
  const { select, day } = meetingsOf(db, visible, search);
  const text = sql<string>`m.title || ' ' || coalesce((select string_agg(a.title, ' ') from meeting_agenda_items as a
    where a.meeting_id = m.id), '')`;
  return select
    .select([
      'm.id',
      'm.id as parent_id',
      sql<string>`g.code || ' · ' || ${day}::text`.as('number'),
      'm.title',
      sql<string>`${day}::text`.as('date'),
      sql<number>`ts_rank(${documentOf(text)}, ${search.query})`.as('rank'),
      sql<string>`ts_headline('simple', ${text}, ${search.query}, ${search.headline})`.as('headline'),
      ...MARKING,
    ])
    .where(sql<SqlBool>`${documentOf(text)} @@ ${search.query}`)
    .orderBy('rank', 'desc')
    .limit(search.limit)
    .execute();
}

/** Sections of the current version of minutes that hold the words: a hit per section. */
export async function minutesHits(db: Db, visible: Expression<SqlBool>, search: WorkingGroupSearch) {
  const day = sql`(m.starts_at at time zone ${search.timeZone})::date`;
  const text = sql<string>`(s.value->>'heading') || ' ' || (s.value->>'text') || ' ' ||
    coalesce((select string_agg(d, ' ') from jsonb_array_elements_text(s.value->'decisions') as d), '')`;
  const level = search.level ? sql`and m.marking_level = ${search.level}` : sql``;
  const from = search.from ? sql`and ${day} >= ${search.from}::date` : sql``;
  const to = search.to ? sql`and ${day} <= ${search.to}::date` : sql``;
  const { rows } = await sql<HitColumns>`
    select m.id::text || ':' || s.ordinality::text as id, m.id as parent_id,
      g.code || ' · ' || ${day}::text as number, m.title, ${day}::text as date,
      ts_rank(${documentOf(text)}, ${search.query}) as rank,
      ts_headline('simple', ${text}, ${search.query}, ${search.headline}) as headline,
      m.marking_level, m.marking_caveats, m.marking_rel_to, m.marking_parties, m.marking_groups
    from meetings as m
      join groups as g on g.id = m.group_id
      join minutes as mi on mi.meeting_id = m.id
      join minutes_versions as v on v.meeting_id = mi.meeting_id and v.version = mi.version
      cross join lateral jsonb_array_elements(v.sections) with ordinality as s
    where ${visible} and ${documentOf(text)} @@ ${search.query} ${level} ${from} ${to}
    order by rank desc
    limit ${search.limit}`.execute(db);
  return rows;
}

/** What a hit of either kind carries. */
export interface HitColumns extends MarkingColumns {
  id: string;
  parent_id: string;
  number: string;
  title: string;
  date: string;
  rank: number;
  headline: string;
}
