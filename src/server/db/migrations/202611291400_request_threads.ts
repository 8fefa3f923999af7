import { type Kysely, sql } from 'kysely';
import { hebrewVariants } from '../../../core/search/search-text';

/**
 * A request's conversation becomes a channel of kind `request` (issue #5):
 * one per request, linked by `request_id`, opened when the request is
 * submitted. Its shared comments move into that channel as numbered
 * messages, in the order they were written; internal notes stay in
 * `request_comments`, where only their party reads them. The people who
 * wrote in a thread (and the requester) become its members, already read up
 * to its end, so an upgrade raises no unread counts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('channels')
    .addColumn('request_id', 'uuid', (c) => c.unique().references('requests.id').onDelete('cascade'))
    .execute();

  await sql`
    insert into channels (kind, name, status, last_seq, created_by, created_at, request_id,
      marking_level, marking_caveats, marking_rel_to, marking_parties, marking_groups)
    select 'request', 'REQ-' || lpad(r.number::text, 6, '0') || ' · ' || r.summary, 'open', 0, r.requested_by,
      coalesce(r.submitted_at, r.created_at), r.id,
      r.marking_level, r.marking_caveats, r.marking_rel_to, r.marking_parties, r.marking_groups
    from requests r where r.status <> 'draft'`.execute(db);

  await sql`
    insert into channel_messages (channel_id, seq, author_id, idempotency_key, body, urgent, created_at,
      marking_level, marking_caveats, marking_rel_to, marking_parties, marking_groups)
    select c.id, row_number() over (partition by rc.request_id order by rc.created_at, rc.seq),
      rc.author_id, 'comment:' || rc.id, rc.body, false, rc.created_at,
      c.marking_level, c.marking_caveats, c.marking_rel_to, c.marking_parties, c.marking_groups
    from request_comments rc join channels c on c.request_id = rc.request_id
    where rc.internal_party is null`.execute(db);

  await sql`
    update channels c set last_seq = (select count(*) from channel_messages m where m.channel_id = c.id)
    where c.request_id is not null`.execute(db);

  await sql`
    insert into channel_members (channel_id, user_id, added_at, last_read_seq)
    select distinct c.id, who.user_id, c.created_at, c.last_seq
    from channels c
    join lateral (
      select r.requested_by as user_id from requests r where r.id = c.request_id
      union select m.author_id from channel_messages m where m.channel_id = c.id
    ) who on true
    where c.request_id is not null`.execute(db);

  await sql`
    delete from request_comments rc
    where rc.internal_party is null and exists (select 1 from channels c where c.request_id = rc.request_id)`.execute(
    db,
  );

  // Hebrew words are also found without their prefixes, as in messages written since.
  const moved = await sql<{ id: string; body: string }>`
    select m.id, m.body from channel_messages m join channels c on c.id = m.channel_id
    where c.request_id is not null and m.body is not null`.execute(db);
  for (const message of moved.rows) {
    const extra = hebrewVariants(message.body);
    if (extra)
      await sql`update channel_messages set search_extra = ${extra} where id = ${message.id}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    insert into request_comments (request_id, author_id, author_party, body, created_at)
    select c.request_id, m.author_id, coalesce(p.code, ''), m.body, m.created_at
    from channel_messages m
    join channels c on c.id = m.channel_id
    join users u on u.id = m.author_id
    left join parties p on p.id = u.party_id
    where c.request_id is not null and m.body is not null
    order by m.channel_id, m.seq`.execute(db);
  await sql`delete from channels where request_id is not null`.execute(db);
  await db.schema.alterTable('channels').dropColumn('request_id').execute();
}
