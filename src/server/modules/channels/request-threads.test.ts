import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../../../test/support/live-client';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { ChannelDetail, ChannelDto, MessageDto } from '../../../core/channels/schemas';
import type { LiveEvent } from '../../../core/events/live';
import type { CommentDto, RequestDetail } from '../../../core/requests/schemas';

const USERS = [
  'coord.duty',
  'coord.gbr',
  'isf.hebron',
  'isf.supervisor',
  'pasf.hebron',
  'pasf.supervisor',
] as const;
type User = (typeof USERS)[number];

let t: TestApp;
let hebronId: string;
const ids = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  for (const [user, id] of await t.signInAll(USERS)) ids.set(user, id);
  const districts = (await t.call('isf.hebron', 'GET', '/api/directory/districts')).json();
  hebronId = districts.find((district: { code: string }) => district.code === 'HEBRON').id;
}, 60_000);
afterAll(() => t?.close());

const call = (...args: Parameters<TestApp['call']>) => t.call(...args);

async function request(options: { draft?: boolean; classification?: string } = {}): Promise<RequestDetail> {
  const response = await call('isf.hebron', 'POST', '/api/requests', {
    type: 'safe-return',
    districtId: hebronId,
    draft: options.draft ?? false,
    marking: { classification: options.classification ?? 'UNCLASSIFIED' },
    fields: { who: 'Driver of a lost truck', description: 'Volvo, yellow', lastKnownLocation: 'Route 60' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const detail = async (user: User, id: string): Promise<RequestDetail> => {
  const response = await call(user, 'GET', `/api/requests/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const thread = async (user: User, id: string) => (await detail(user, id)).comments.map((c) => c.body);

async function comment(user: User, id: string, body: Record<string, unknown>): Promise<CommentDto> {
  const response = await call(user, 'POST', `/api/requests/${id}/comments`, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function post(user: User, channelId: string, body: Record<string, unknown>) {
  const response = await call(user, 'POST', `/api/channels/${channelId}/messages`, {
    idempotencyKey: crypto.randomUUID(),
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Promise<MessageDto>;
}

const messages = async (user: User, channelId: string) =>
  ((await call(user, 'GET', `/api/channels/${channelId}/messages`)).json().items as MessageDto[]).map(
    (message) => message.body,
  );

describe("a request's thread", () => {
  it('opens when the request is submitted, with the requester, both desks and the duty coordinator', async () => {
    const draft = await request({ draft: true });
    expect(draft.thread).toBeNull();
    const submitted = await request();
    expect(submitted.thread).toMatchObject({ member: true });
    const channelId = submitted.thread?.channelId as string;
    const channel = (await call('pasf.hebron', 'GET', `/api/channels/${channelId}`)).json() as ChannelDetail;
    expect(channel).toMatchObject({ kind: 'request', requestId: submitted.id, status: 'open' });
    expect(channel.name).toBe(`${submitted.reference} · ${submitted.summary}`);
    expect(channel.members.map((member) => member.username)).toEqual([
      'coord.duty',
      'isf.hebron',
      'pasf.hebron',
    ]);
    const listed = (await call('coord.duty', 'GET', '/api/channels')).json() as ChannelDto[];
    expect(listed.some((listedChannel) => listedChannel.id === channelId)).toBe(true);

    // Followed, not managed: nobody removes another from it, each leaves on their own.
    const removal = await call(
      'coord.duty',
      'DELETE',
      `/api/channels/${channelId}/members/${ids.get('isf.hebron')}`,
    );
    expect([removal.statusCode, removal.json().code]).toEqual([403, 'may_not_remove_member']);
    const leaving = await call(
      'coord.duty',
      'DELETE',
      `/api/channels/${channelId}/members/${ids.get('coord.duty')}`,
    );
    expect(leaving.statusCode, leaving.body).toBe(204);
    expect((await detail('coord.duty', submitted.id)).thread?.member).toBe(false);
  });

  it("holds the request's comments as its messages, whichever way they are written", async () => {
    const { id, thread: link } = await request();
    const channelId = link?.channelId as string;
    const first = await comment('isf.hebron', id, { body: 'השיירה בחברון' });
    expect(first).toMatchObject({ seq: 1, internal: false, authorParty: 'ISF', marking: null });
    expect(await messages('pasf.hebron', channelId)).toEqual(['השיירה בחברון']);
    await post('pasf.hebron', channelId, { body: 'وصلت الشاحنة' });
    expect(await thread('isf.hebron', id)).toEqual(['השיירה בחברון', 'وصلت الشاحنة']);
  });

  it('is read on the request page by whoever may read the request, and writing in it joins it', async () => {
    const { id, thread: link } = await request();
    const channelId = link?.channelId as string;
    await comment('pasf.hebron', id, { body: 'On our way' });
    const supervisor = await detail('isf.supervisor', id);
    expect(supervisor.thread).toEqual({ channelId, member: false });
    expect(supervisor.comments.map((c) => c.body)).toEqual(['On our way']);
    expect((await call('isf.supervisor', 'GET', `/api/channels/${channelId}`)).statusCode).toBe(404);

    await comment('isf.supervisor', id, { body: 'Approved on our side' });
    expect((await detail('isf.supervisor', id)).thread?.member).toBe(true);
    expect(await messages('isf.supervisor', channelId)).toEqual(['On our way', 'Approved on our side']);
  });

  it('keeps internal notes to their party, out of the channel', async () => {
    const { id, thread: link } = await request();
    await comment('isf.hebron', id, { body: 'ISF only: check the plates', internal: true });
    await comment('isf.hebron', id, { body: 'Shared' });
    expect(await thread('isf.supervisor', id)).toEqual(['ISF only: check the plates', 'Shared']);
    expect(await thread('pasf.hebron', id)).toEqual(['Shared']);
    expect(await messages('pasf.hebron', link?.channelId as string)).toEqual(['Shared']);
    expect(await messages('isf.hebron', link?.channelId as string)).toEqual(['Shared']);
  });

  it('shows a message marked above the request only to those cleared for it, with its mark', async () => {
    const { id, thread: link } = await request();
    await post('coord.duty', link?.channelId as string, {
      body: 'Source reporting on the driver',
      marking: { classification: '(S)' },
    });
    await comment('coord.duty', id, { body: 'Crossing open at 14:00' });
    const coordinator = await detail('coord.duty', id);
    expect(coordinator.comments.map((c) => [c.body, c.marking?.portion ?? null])).toEqual([
      ['Source reporting on the driver', '(S)'],
      ['Crossing open at 14:00', null],
    ]);
    expect(await thread('pasf.hebron', id)).toEqual(['Crossing open at 14:00']);
    expect(await thread('isf.hebron', id)).toEqual(['Crossing open at 14:00']);
  });

  it("tells the request's readers, members or not, of each message, edit and deletion; never of a higher-marked one", async () => {
    const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { client } = await LiveClient.connect(baseUrl, { cookie: t.cookieOf('isf.supervisor') });
    try {
      const { id, thread: link } = await request();
      const channelId = link?.channelId as string;
      const secret = await post('coord.duty', channelId, {
        body: 'Source says',
        marking: { classification: '(S)' },
      });
      const first = await comment('pasf.hebron', id, { body: 'Arriving at 14:00' });
      const edited = await call('pasf.hebron', 'PATCH', `/api/channels/${channelId}/messages/${first.seq}`, {
        body: 'Arriving at 14:30',
      });
      expect(edited.statusCode, edited.body).toBe(200);
      const deleted = await call('pasf.hebron', 'DELETE', `/api/channels/${channelId}/messages/${first.seq}`);
      expect(deleted.statusCode, deleted.body).toBe(200);
      const heard = (
        await client.until(
          (message) =>
            message.type === 'request.commented' && 'change' in message && message.change === 'deleted',
        )
      ).filter((message): message is LiveEvent => message.type === 'request.commented');
      expect(heard.map((message) => [message.seq, message.change])).toEqual([
        [first.seq, 'posted'],
        [first.seq, 'edited'],
        [first.seq, 'deleted'],
      ]);
      expect(heard.map((message) => message.seq)).not.toContain(secret.seq);
      const [tombstone] = (await detail('isf.supervisor', id)).comments.filter((c) => c.seq === first.seq);
      expect(tombstone).toMatchObject({
        body: '',
        deletedAt: expect.any(String),
        editedAt: expect.any(String),
      });
    } finally {
      client.close();
    }
  });

  it('is found by search by every reader of the request, following it or not, and the hit opens the request', async () => {
    const open = await request();
    await comment('pasf.hebron', open.id, { body: 'Convoy reaches Tarqumiya checkpoint' });
    const hidden = await request({ classification: '(C//REL TO USA, ISR, PSE)' });
    await comment('pasf.hebron', hidden.id, { body: 'Convoy waits at Tarqumiya checkpoint' });
    const hits = async (user: User) => {
      const response = await call(user, 'GET', '/api/search?q=Tarqumiya&type=message');
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().hits as Array<{ requestId: string | null; snippet: string }>).map(
        (hit) => hit.requestId,
      );
    };
    // isf.supervisor follows neither thread; coord.gbr may read only the first request.
    expect((await hits('isf.supervisor')).sort()).toEqual([open.id, hidden.id].sort());
    expect(await hits('coord.gbr')).toEqual([open.id]);
    expect(await hits('isf.hebron')).toHaveLength(2);
  });

  it('posts a retried comment once when it carries the same key', async () => {
    const { id } = await request();
    const key = crypto.randomUUID();
    const first = await comment('isf.hebron', id, { body: 'Once', idempotencyKey: key });
    const again = await comment('isf.hebron', id, { body: 'Once', idempotencyKey: key });
    expect(again.id).toBe(first.id);
    expect(await thread('pasf.hebron', id)).toEqual(['Once']);
  });

  it('is never shown to someone who may not read the request', async () => {
    const { id, thread: link } = await request({ classification: '(C//REL TO USA, ISR, PSE)' });
    await comment('isf.hebron', id, { body: 'Not for GBR' });
    expect((await call('coord.gbr', 'GET', `/api/requests/${id}`)).statusCode).toBe(404);
    expect((await call('coord.gbr', 'GET', `/api/channels/${link?.channelId}`)).statusCode).toBe(404);
    expect((await call('coord.gbr', 'POST', `/api/requests/${id}/comments`, { body: 'x' })).statusCode).toBe(
      404,
    );
  });

  it('is opened only with its request, never by hand', async () => {
    const response = await call('coord.duty', 'POST', '/api/channels', { kind: 'request', name: 'Mine' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'thread_opens_with_request',
      errors: [{ path: 'body.kind' }],
    });
  });
});
