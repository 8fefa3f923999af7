import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { ChannelDetail, ChannelDto, MessageDto } from '../../../core/channels/schemas';

const USERS = ['coord.duty', 'isf.hebron', 'isf.supervisor', 'pasf.hebron', 'pasf.supervisor'] as const;

let t: TestApp;
const ids = new Map<string, string>();
const idOf = (user: string) => ids.get(user) as string;
let room: ChannelDetail;
let url: string;
let keys = 0;

beforeAll(async () => {
  t = await createTestApp();
  for (const [user, id] of await t.signInAll(USERS)) ids.set(user, id);
  const response = await call('coord.duty', 'POST', '/api/channels', {
    kind: 'crisis',
    name: 'Hebron',
    memberIds: ['isf.hebron', 'isf.supervisor', 'pasf.hebron'].map(idOf),
    marking: { classification: 'CONFIDENTIAL' },
  });
  expect(response.statusCode, response.body).toBe(201);
  room = response.json();
  url = `/api/channels/${room.id}`;
}, 60_000);
afterAll(() => t?.close());

const call = (...args: Parameters<TestApp['call']>) => t.call(...args);
const key = () => {
  keys += 1;
  return `key-${keys.toString().padStart(6, '0')}`;
};

async function post(user: string, body: Record<string, unknown>): Promise<MessageDto> {
  const response = await call(user, 'POST', `${url}/messages`, { idempotencyKey: key(), ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}
const page = async (user: string, query = '') => {
  const response = await call(user, 'GET', `${url}/messages${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: MessageDto[]; lastSeq: number };
};
const channelOf = async (user: string) =>
  ((await call(user, 'GET', '/api/channels')).json() as ChannelDto[]).find(
    (c) => c.id === room.id,
  ) as ChannelDto;

describe('posting and reading', () => {
  it('numbers messages per channel, inheriting the channel marking, and pages with after/limit', async () => {
    const first = await post('isf.hebron', { body: 'Patrol at Bab al-Zawiya' });
    const second = await post('pasf.hebron', { body: 'دورية في باب الزاوية' });
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(first.marking).toMatchObject({ level: 'C', parties: ['ISF', 'PASF', 'USSC'] });
    const all = await page('coord.duty');
    expect(all.items.map((m) => [m.seq, m.body])).toEqual([
      [1, 'Patrol at Bab al-Zawiya'],
      [2, 'دورية في باب الزاوية'],
    ]);
    expect(all.lastSeq).toBe(2);
    expect((await page('coord.duty', '?after=1&limit=1')).items.map((m) => m.seq)).toEqual([2]);
    // Reads above the lowest level are audited, as for every marked record.
    await call('pasf.hebron', 'GET', `${url}/messages/1`);
    const reads = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_username', 'details', 'marking_level'])
      .where('subject_id', '=', room.id)
      .where('action', 'in', ['record.read', 'record.listed'])
      .orderBy('seq')
      .execute();
    expect(reads.map((r) => [r.action, r.actor_username, r.details, r.marking_level])).toEqual([
      ['record.listed', 'coord.duty', { seqs: [1, 2], count: 2 }, 'C'],
      ['record.listed', 'coord.duty', { seqs: [2], count: 1 }, 'C'],
      ['record.read', 'pasf.hebron', { seqs: [1], count: 1 }, 'C'],
    ]);
  });

  it('posts once per idempotency key: the retry answers 200 with the same message', async () => {
    const body = { body: 'sent from a bad link', idempotencyKey: 'offline-0001' };
    const first = await call('isf.hebron', 'POST', `${url}/messages`, body);
    const retry = await call('isf.hebron', 'POST', `${url}/messages`, body);
    expect([first.statusCode, retry.statusCode]).toEqual([201, 200]);
    expect(retry.json().seq).toBe(first.json().seq);
    const same = (await page('isf.hebron')).items.filter((m) => m.body === 'sent from a bad link');
    expect(same).toHaveLength(1);
    // Another author's key is theirs alone.
    expect((await call('pasf.hebron', 'POST', `${url}/messages`, body)).statusCode).toBe(201);
  });

  it('posts once when the same key arrives twice at the same moment', async () => {
    const body = { body: 'double tap', idempotencyKey: 'concurrent-0001' };
    const answers = await Promise.all([
      call('pasf.hebron', 'POST', `${url}/messages`, body),
      call('pasf.hebron', 'POST', `${url}/messages`, body),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 201]);
    expect(new Set(answers.map((answer) => answer.json().seq)).size).toBe(1);
    expect((await page('pasf.hebron')).items.filter((m) => m.body === 'double tap')).toHaveLength(1);
  });

  it('refuses malformed input precisely', async () => {
    const cases: Array<[string, string, Record<string, unknown> | undefined, string]> = [
      ['POST', `${url}/messages`, { body: 'x', idempotencyKey: key(), extra: true }, 'validation_failed'],
      ['POST', `${url}/messages`, { body: '   ', idempotencyKey: key() }, 'validation_failed'],
      ['POST', `${url}/messages`, { body: 'x', idempotencyKey: 'short' }, 'validation_failed'],
      ['POST', `${url}/messages`, { body: 'x' }, 'validation_failed'],
      ['POST', `${url}/messages`, { body: 'x', idempotencyKey: key(), replyTo: 9999 }, 'unknown_reply'],
      [
        'POST',
        `${url}/messages`,
        { body: 'x', idempotencyKey: key(), marking: { classification: 'PINK' } },
        'invalid_marking',
      ],
      ['GET', `${url}/messages?limit=501`, undefined, 'validation_failed'],
      ['GET', `${url}/messages?after=-1`, undefined, 'validation_failed'],
      ['GET', `${url}/messages?since=3`, undefined, 'validation_failed'],
      ['GET', `${url}/messages/zero`, undefined, 'validation_failed'],
      ['POST', `${url}/read`, { seq: 'x' }, 'validation_failed'],
    ];
    for (const [method, path, body, code] of cases) {
      const response = await call('isf.hebron', method as 'GET', path, body);
      expect(
        [response.statusCode, response.json().code],
        `${method} ${path} ${JSON.stringify(body)}`,
      ).toEqual([400, code]);
    }
    const missing = await call('isf.hebron', 'GET', `${url}/messages/9999`);
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'message_not_found']);
  });
});

describe('markings above the channel', () => {
  let secret: MessageDto;
  beforeAll(async () => {
    secret = await post('coord.duty', {
      body: 'SECRET: source reporting, @isf.supervisor and @isf.hebron take note',
      marking: { classification: 'SECRET' },
    });
  });

  it('reaches only the members cleared for it, and never goes below the channel', async () => {
    expect(secret.marking.level).toBe('S');
    expect(secret.marking.parties).toEqual(['ISF', 'PASF', 'USSC']);
    expect((await page('isf.supervisor')).items.map((m) => m.seq)).toContain(secret.seq);
    for (const user of ['isf.hebron', 'pasf.hebron']) {
      expect((await page(user)).items.map((m) => m.seq)).not.toContain(secret.seq);
      expect((await call(user, 'GET', `${url}/messages/${secret.seq}`)).statusCode).toBe(404);
      expect(JSON.stringify(await page(user))).not.toContain('source reporting');
    }
    const lower = await post('isf.hebron', { body: 'lower?', marking: { classification: 'UNCLASSIFIED' } });
    expect(lower.marking.level).toBe('C');
  });

  it('stores a mention only of a member who may read the message', async () => {
    expect(secret.mentions).toEqual(['isf.supervisor']);
    expect((await channelOf('isf.supervisor')).mentions).toBe(1);
    expect((await channelOf('isf.hebron')).mentions).toBe(0);
    const plain = await post('pasf.hebron', {
      body: 'شكرا @isf.hebron، and @pasf.supervisor (not a member)',
    });
    expect(plain.mentions).toEqual(['isf.hebron']);
  });

  it('counts unread messages the caller may read, after their read position', async () => {
    const before = await channelOf('isf.hebron');
    const visible = (await page('isf.hebron')).items.filter((m) => m.author.username !== 'isf.hebron');
    expect(before.unread).toBe(visible.length);
    const read = await call('isf.hebron', 'POST', `${url}/read`, { seq: before.lastSeq });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ unread: 0, mentions: 0, lastReadSeq: before.lastSeq });
    await post('pasf.hebron', { body: 'one more' });
    expect((await channelOf('isf.hebron')).unread).toBe(1);
    // Never backwards.
    await call('isf.hebron', 'POST', `${url}/read`, { seq: 1 });
    expect((await channelOf('isf.hebron')).lastReadSeq).toBe(before.lastSeq);
  });
});

describe('edits, deletion, replies', () => {
  it('keeps the history of edits; only the author edits; a deletion leaves a tombstone', async () => {
    const message = await post('isf.hebron', { body: 'Checkpoint 56 closed' });
    const reply = await post('pasf.hebron', { body: 'Understood', replyTo: message.seq });
    expect(reply.replyTo).toBe(message.seq);
    const edited = await call('isf.hebron', 'PATCH', `${url}/messages/${message.seq}`, {
      body: 'Checkpoint 56 open',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ body: 'Checkpoint 56 open' });
    expect(edited.json().editedAt).not.toBeNull();
    const history = (await call('pasf.hebron', 'GET', `${url}/messages/${message.seq}/history`)).json();
    expect(history.map((version: { body: string }) => version.body)).toEqual([
      'Checkpoint 56 closed',
      'Checkpoint 56 open',
    ]);

    const notYours = await call('pasf.hebron', 'PATCH', `${url}/messages/${message.seq}`, { body: 'x' });
    expect([notYours.statusCode, notYours.json().code]).toEqual([403, 'not_your_message']);
    expect((await call('pasf.hebron', 'DELETE', `${url}/messages/${message.seq}`)).statusCode).toBe(403);

    const deleted = await call('isf.hebron', 'DELETE', `${url}/messages/${message.seq}`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toMatchObject({ seq: message.seq, body: null });
    expect(deleted.json().deletedAt).not.toBeNull();
    const again = await call('isf.hebron', 'PATCH', `${url}/messages/${message.seq}`, { body: 'x' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'message_deleted']);
    const tombstone = (await page('pasf.hebron')).items.find((m) => m.seq === message.seq);
    expect(tombstone).toMatchObject({ body: null });
    expect(JSON.stringify(await page('pasf.hebron'))).not.toContain('Checkpoint 56');
  });
});

describe('attachments', () => {
  const upload = (user: string, seq: number, bytes: Buffer, filename = 'route.txt') =>
    t.app.inject({
      method: 'POST',
      url: `${url}/messages/${seq}/attachments?filename=${encodeURIComponent(filename)}`,
      headers: { cookie: t.cookieOf(user), 'content-type': 'application/octet-stream' },
      payload: bytes,
    });

  it("attaches a file to the author's message, sniffed, read by whoever may read the message", async () => {
    const message = await post('isf.hebron', { body: 'The route, attached' });
    const attached = await upload(
      'isf.hebron',
      message.seq,
      Buffer.from('Route 60 → Bab al-Zawiya\n'),
      'מסלול.txt',
    );
    expect(attached.statusCode, attached.body).toBe(201);
    const [file] = (attached.json() as MessageDto).attachments;
    expect(file).toMatchObject({ filename: 'מסלול.txt', mediaType: 'text/plain', size: 27 });
    const download = await call(
      'pasf.hebron',
      'GET',
      `${url}/messages/${message.seq}/attachments/${file?.id}`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('text/plain');
    expect(download.body).toBe('Route 60 → Bab al-Zawiya\n');

    expect((await upload('pasf.hebron', message.seq, Buffer.from('x'))).statusCode).toBe(403);
    const binary = await upload('isf.hebron', message.seq, Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]));
    expect([binary.statusCode, binary.json().code]).toEqual([415, 'attachment_type_not_allowed']);
    expect((await upload('isf.hebron', message.seq, Buffer.alloc(0))).statusCode).toBe(400);

    await call('isf.hebron', 'DELETE', `${url}/messages/${message.seq}`);
    expect(
      (await call('pasf.hebron', 'GET', `${url}/messages/${message.seq}/attachments/${file?.id}`)).statusCode,
    ).toBe(404);
  });

  it('keeps the file of a higher-marked message from members not cleared for it', async () => {
    const secret = await post('isf.supervisor', { body: 'map', marking: { classification: 'SECRET' } });
    const attached = await upload('isf.supervisor', secret.seq, Buffer.from('grid 123 456'));
    const fileId = (attached.json() as MessageDto).attachments[0]?.id;
    expect(
      (await call('coord.duty', 'GET', `${url}/messages/${secret.seq}/attachments/${fileId}`)).statusCode,
    ).toBe(200);
    for (const user of ['isf.hebron', 'pasf.hebron'])
      expect(
        (await call(user, 'GET', `${url}/messages/${secret.seq}/attachments/${fileId}`)).statusCode,
      ).toBe(404);
  });
});

describe('urgent messages', () => {
  it('shows the sender who has and who has not acknowledged', async () => {
    const urgent = await post('coord.duty', { body: 'All units hold position', urgent: true });
    expect(urgent.acknowledgements).toEqual({
      acknowledged: [],
      pending: ['isf.hebron', 'isf.supervisor', 'pasf.hebron'].map((username) =>
        expect.objectContaining({ username }),
      ),
    });
    const ack = await call('isf.hebron', 'POST', `${url}/messages/${urgent.seq}/acknowledgements`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ acknowledgedByMe: true, acknowledgements: null });
    expect(
      (await call('isf.hebron', 'POST', `${url}/messages/${urgent.seq}/acknowledgements`)).statusCode,
    ).toBe(200);
    const seen = (await call('coord.duty', 'GET', `${url}/messages/${urgent.seq}`)).json() as MessageDto;
    expect(seen.acknowledgements?.acknowledged.map((a) => a.username)).toEqual(['isf.hebron']);
    expect(seen.acknowledgements?.pending.map((p) => p.username)).toEqual(['isf.supervisor', 'pasf.hebron']);

    const own = await call('coord.duty', 'POST', `${url}/messages/${urgent.seq}/acknowledgements`);
    expect([own.statusCode, own.json().code]).toEqual([409, 'own_message']);
    const plain = await post('coord.duty', { body: 'not urgent' });
    const notUrgent = await call('isf.hebron', 'POST', `${url}/messages/${plain.seq}/acknowledgements`);
    expect([notUrgent.statusCode, notUrgent.json().code]).toEqual([409, 'not_urgent']);
  });
});

describe('what a reader may do with a message, as the server says', () => {
  it('carries on each message the actions the server then accepts, and no more', async () => {
    const none = { edit: false, delete: false, attach: false, acknowledge: false, share: false };
    const urgent = await post('isf.hebron', { body: 'Checkpoint 56 closed', urgent: true });
    expect(urgent.actions).toEqual({
      edit: true,
      delete: true,
      attach: true,
      acknowledge: false,
      share: false,
    });
    const seen = (await call('pasf.hebron', 'GET', `${url}/messages/${urgent.seq}`)).json() as MessageDto;
    expect(seen.actions).toEqual({ ...none, acknowledge: true });
    expect(
      (await call('pasf.hebron', 'PATCH', `${url}/messages/${urgent.seq}`, { body: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await call('isf.hebron', 'POST', `${url}/messages/${urgent.seq}/acknowledgements`)).statusCode,
    ).toBe(409);
    expect(
      (await call('pasf.hebron', 'POST', `${url}/messages/${urgent.seq}/acknowledgements`)).statusCode,
    ).toBe(200);
    const deleted = await call('isf.hebron', 'DELETE', `${url}/messages/${urgent.seq}`);
    expect((deleted.json() as MessageDto).actions).toEqual(none);
    const listed = (await page('pasf.hebron')).items.find((m) => m.seq === urgent.seq);
    expect(listed?.actions).toEqual(none);
  });
});

describe('a closed crisis room', () => {
  it('answers 409 to posting, editing and acknowledging, and still reads', async () => {
    const last = await post('isf.hebron', { body: 'last words' });
    expect((await call('coord.duty', 'POST', `${url}/close`)).statusCode).toBe(200);
    const posting = await call('isf.hebron', 'POST', `${url}/messages`, {
      body: 'late',
      idempotencyKey: key(),
    });
    expect([posting.statusCode, posting.json().code]).toEqual([409, 'channel_closed']);
    expect((await call('isf.hebron', 'PATCH', `${url}/messages/${last.seq}`, { body: 'x' })).statusCode).toBe(
      409,
    );
    expect((await page('pasf.hebron')).items.at(-1)?.body).toBe('last words');
    // Nothing is offered that the closed room would refuse.
    const { items } = await page('isf.hebron');
    expect(items.every((m) => !m.actions.edit && !m.actions.acknowledge && !m.actions.attach)).toBe(true);
    expect((await channelOf('isf.hebron')).actions).toMatchObject({ post: false, addMember: false });
  });
});
