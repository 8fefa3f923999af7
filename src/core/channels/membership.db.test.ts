import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actorArbitrary,
  markingArbitrary,
  PARTIES,
  storedMarkingArbitrary,
  US_SCHEME,
} from '../../../test/support/marking-fixtures';
import { createTestDatabase, testEngine } from '../../../test/support/test-database';
import type { DatabaseHandle } from '../../server/platform/db/database';
import { AccessRule } from '../access/access-rule';
import type { Marking } from '../marking/marking';
import { MembershipRule } from './membership';

/**
 * The two faces of the membership rule must agree: for generated channels
 * (markings, members drawn from the actors of the run and strangers, and a
 * flag standing for "admitted on other grounds") and generated messages in
 * them, the SQL condition returns exactly the channels and messages `canSee`
 * accepts. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
describe(`the membership rule's two faces agree (${testEngine()})`, () => {
  const rule = new MembershipRule(new AccessRule(US_SCHEME));
  let database: DatabaseHandle;
  // Tables of their own: the probe is about the rule, not about any channel.
  const db = () =>
    database.db.withTables<{
      channel_probe: ProbeChannel;
      member_probe: { channel_id: number; user_id: string };
      message_probe: ProbeMessage;
    }>();

  beforeAll(async () => {
    database = await createTestDatabase();
    const marking = sql`marking_level text not null,
      marking_caveats text[] not null,
      marking_rel_to text[],
      marking_parties text[] not null,
      marking_groups text[] not null`;
    await sql`create temporary table channel_probe (id integer primary key, also boolean not null, ${marking})`.execute(
      database.db,
    );
    await sql`create temporary table member_probe (channel_id integer not null, user_id uuid not null, primary key (channel_id, user_id))`.execute(
      database.db,
    );
    await sql`create temporary table message_probe (id integer primary key, channel_id integer not null, ${marking})`.execute(
      database.db,
    );
  });
  afterAll(() => database?.close());

  // Channels at the lowest level for every party are common in the product and keep the run from
  // being all refusals: without them a run could see about one pair in a hundred.
  const open: Marking = { level: 'U', caveats: [], relTo: null, parties: [...PARTIES], groups: [] };
  const anyMarking = fc.oneof(
    { weight: 1, arbitrary: fc.constant(open) },
    { weight: 2, arbitrary: markingArbitrary },
    { weight: 2, arbitrary: storedMarkingArbitrary },
  );
  const run = fc.record({
    actors: fc.uniqueArray(actorArbitrary, { minLength: 1, maxLength: 4, selector: (actor) => actor.userId }),
    channels: fc.array(
      fc.record({
        marking: anyMarking,
        // Indices into the run's actors (a member who is none of them is a stranger's uuid).
        members: fc.uniqueArray(fc.nat(4)),
        stranger: fc.option(fc.uuid(), { nil: null }),
        also: fc.boolean(),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    messages: fc.array(fc.record({ channel: fc.nat(7), marking: anyMarking }), { maxLength: 12 }),
    orElse: fc.boolean(),
  });

  it('on channels and their messages, for at least 2,000 generated actor/record pairs', async () => {
    let pairs = 0;
    let visible = 0;
    await fc.assert(
      fc.asyncProperty(run, async ({ actors, channels, messages, orElse }) => {
        await db().deleteFrom('message_probe').execute();
        await db().deleteFrom('member_probe').execute();
        await db().deleteFrom('channel_probe').execute();
        const memberIds = channels.map((channel) => [
          ...new Set([
            ...channel.members.flatMap((index) => (actors[index] ? [actors[index].userId] : [])),
            ...(channel.stranger ? [channel.stranger] : []),
          ]),
        ]);
        await db()
          .insertInto('channel_probe')
          .values(channels.map((channel, id) => ({ id, also: channel.also, ...columns(channel.marking) })))
          .execute();
        const members = memberIds.flatMap((ids, channelId) =>
          ids.map((userId) => ({ channel_id: channelId, user_id: userId })),
        );
        if (members.length) await db().insertInto('member_probe').values(members).execute();
        const placed = messages.map((message) => ({
          ...message,
          channel: message.channel % channels.length,
        }));
        if (placed.length)
          await db()
            .insertInto('message_probe')
            .values(
              placed.map((message, id) => ({ id, channel_id: message.channel, ...columns(message.marking) })),
            )
            .execute();
        const tables = { channel: 'c', members: 'member_probe' };
        for (const actor of actors) {
          const facet = (index: number) => ({
            memberIds: memberIds[index] ?? [],
            marking: (channels[index] as (typeof channels)[number]).marking,
          });
          const also = (index: number) => orElse && (channels[index]?.also ?? false);
          const condition = orElse ? { orElse: sql.ref<boolean>('c.also') } : {};

          const expectedChannels = channels.flatMap((_, id) =>
            rule.canSee(actor, facet(id), { orElse: also(id) }) ? [id] : [],
          );
          const seenChannels = await db()
            .selectFrom('channel_probe as c')
            .select('c.id')
            .where(rule.where(actor, tables, condition))
            .orderBy('c.id')
            .execute();
          expect(seenChannels.map((row) => row.id)).toEqual(expectedChannels);

          const expectedMessages = placed.flatMap((message, id) =>
            rule.canSee(actor, facet(message.channel), {
              message: message.marking,
              orElse: also(message.channel),
            })
              ? [id]
              : [],
          );
          const seenMessages = await db()
            .selectFrom('message_probe as m')
            .innerJoin('channel_probe as c', 'c.id', 'm.channel_id')
            .select('m.id')
            .where(rule.where(actor, { ...tables, message: 'm' }, condition))
            .orderBy('m.id')
            .execute();
          expect(seenMessages.map((row) => row.id)).toEqual(expectedMessages);

          pairs += channels.length + placed.length;
          visible += expectedChannels.length + expectedMessages.length;
        }
      }),
      { numRuns: 200 },
    );
    expect(pairs).toBeGreaterThanOrEqual(2000);
    // A generator that made everything (or nothing) visible would prove little.
    expect(visible).toBeGreaterThan(pairs / 100);
    expect(visible).toBeLessThan(pairs / 2);
  });
});

interface ProbeChannel extends MarkingRow {
  id: number;
  also: boolean;
}

interface ProbeMessage extends MarkingRow {
  id: number;
  channel_id: number;
}

interface MarkingRow {
  marking_level: string;
  marking_caveats: string[];
  marking_rel_to: string[] | null;
  marking_parties: string[];
  marking_groups: string[];
}

function columns(marking: Marking): MarkingRow {
  return {
    marking_level: marking.level,
    marking_caveats: marking.caveats,
    marking_rel_to: marking.relTo,
    marking_parties: marking.parties,
    marking_groups: marking.groups,
  };
}
