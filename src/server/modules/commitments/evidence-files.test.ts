import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { CommitmentDetail } from '../../../core/commitments/schemas';
import type { WorkingGroupSummary } from '../../../core/working-groups/schemas';

/**
 * Files as evidence that a commitment was kept (issue 16, item 4): the
 * owner's side adds them while the delivery is owed or waits for
 * confirmation; they are typed by their bytes, count as evidence to
 * complete, and are read by whoever may read the commitment and nobody else.
 *
 * WG-CID: ISF (isf.supervisor chair, isf.police), PASF (pasf.supervisor chair,
 * pasf.police), USSC (coord.gbr secretary). Outsider: isf.hebron.
 */

let t: TestApp;
const ids = new Map<string, string>();
let cid = '';
const USERS = ['isf.supervisor', 'pasf.supervisor', 'pasf.police', 'coord.gbr', 'isf.hebron'] as const;
type User = (typeof USERS)[number];

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2027-03-01T10:00:00Z'));
  for (const [username, id] of await t.signInAll(USERS)) ids.set(username, id);
  const groups = (await t.call('pasf.police', 'GET', '/api/working-groups')).json() as WorkingGroupSummary[];
  cid = groups.find((group) => group.code === 'WG-CID')?.id as string;
}, 60_000);
afterAll(() => t?.close());

const raised = async () => {
  const response = await t.call('coord.gbr', 'POST', '/api/commitments', {
    group: cid,
    title: 'Hand over the traffic camera footage of Route 35',
    doneMeans: 'The footage is with the ISF traffic unit',
    ownerParty: 'PASF',
    ownerId: ids.get('pasf.police'),
    dueOn: '2027-03-10',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as CommitmentDetail;
};

const upload = (user: User, commitmentId: string, bytes: Buffer, filename = 'محضر التسليم.pdf') =>
  t.app.inject({
    method: 'POST',
    url: `/api/commitments/${commitmentId}/files?filename=${encodeURIComponent(filename)}`,
    headers: { cookie: t.cookieOf(user), 'content-type': 'application/octet-stream' },
    payload: bytes,
  });

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const stored = async () =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from commitment_files`.execute(t.database.db)).rows[0]?.n,
  );

describe('files of evidence', () => {
  it("are added by the owner's side, count as evidence to complete, and are read by the group", async () => {
    const commitment = await raised();
    expect(commitment.canAttach).toBe(false); // the secretary raised it; PASF owns it

    const added = await upload('pasf.police', commitment.id, PDF);
    expect(added.statusCode, added.body).toBe(201);
    const detail = added.json() as CommitmentDetail;
    expect(detail.canAttach).toBe(true);
    const [file] = detail.evidence?.files ?? [];
    expect(file).toMatchObject({
      filename: 'محضر التسليم.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
      uploadedBy: { id: ids.get('pasf.police'), party: 'PASF' },
    });

    // Completing with no text and no link: the file is the evidence.
    const done = await t.call('pasf.police', 'POST', `/api/commitments/${commitment.id}/transitions`, {
      action: 'complete',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as CommitmentDetail).status).toBe('done');

    // The other side reads the file it is asked to confirm, byte for byte, under the sniffed type.
    const download = await t.call(
      'isf.supervisor',
      'GET',
      `/api/commitments/${commitment.id}/files/${file?.id}`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(download.rawPayload.equals(PDF)).toBe(true);

    // Once confirmed, the delivery is closed: no more files.
    const confirmed = await t.call(
      'isf.supervisor',
      'POST',
      `/api/commitments/${commitment.id}/transitions`,
      {
        action: 'confirm',
      },
    );
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((confirmed.json() as CommitmentDetail).canAttach).toBe(false);
    const late = await upload('pasf.police', commitment.id, PDF, 'late.pdf');
    expect([late.statusCode, late.json().code]).toEqual([409, 'commitment_wrong_state']);
  });

  it('are refused from the other side, from outsiders, and when they are not an allowed kind, storing nothing', async () => {
    const commitment = await raised();
    const before = await stored();
    const otherSide = await upload('isf.supervisor', commitment.id, PDF);
    expect([otherSide.statusCode, otherSide.json().code]).toEqual([403, 'commitment_not_yours']);
    const outsider = await upload('isf.hebron', commitment.id, PDF);
    expect([outsider.statusCode, outsider.json().code]).toEqual([404, 'commitment_not_found']);
    const program = await upload(
      'pasf.police',
      commitment.id,
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90)]),
      'photo.png',
    );
    expect([program.statusCode, program.json().code]).toEqual([415, 'attachment_type_not_allowed']);
    const empty = await upload('pasf.police', commitment.id, Buffer.alloc(0));
    expect([empty.statusCode, empty.json().code]).toEqual([400, 'empty_attachment']);
    const unnamed = await t.app.inject({
      method: 'POST',
      url: `/api/commitments/${commitment.id}/files`,
      headers: { cookie: t.cookieOf('pasf.police'), 'content-type': 'application/octet-stream' },
      payload: PDF,
    });
    expect(unnamed.statusCode).toBe(400);
    expect(await stored()).toBe(before);
  });

  it('are not read by anyone outside the group, nor under another commitment', async () => {
    const commitment = await raised();
    const fileId = ((await upload('pasf.police', commitment.id, PDF)).json() as CommitmentDetail).evidence
      ?.files[0]?.id;
    const outsider = await t.call('isf.hebron', 'GET', `/api/commitments/${commitment.id}/files/${fileId}`);
    expect([outsider.statusCode, outsider.json().code]).toEqual([404, 'commitment_not_found']);
    const other = await raised();
    const elsewhere = await t.call('isf.supervisor', 'GET', `/api/commitments/${other.id}/files/${fileId}`);
    expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([404, 'commitment_file_not_found']);
  });
});
