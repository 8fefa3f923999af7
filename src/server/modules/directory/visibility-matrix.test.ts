import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { testEngine } from '../../../../test/support/test-database';
import { markingToColumns } from '../../platform/marked-records';

/**
 * Issue 3's visibility matrix: users of each party, of the coordinator with
 * USA and GBR nationality, of lower clearance, inside and outside a
 * need-to-know group, against records marked each way. Each sees exactly what
 * the rule allows, through the list, the roster and get-by-id; a record they
 * may not see is indistinguishable from one that does not exist.
 * The expectations are written out by hand: they are the rule as people state it.
 */
const READERS = [
  'isf.hebron', // ISF, ISR, CONFIDENTIAL
  'isf.supervisor', // ISF, ISR, SECRET
  'pasf.hebron', // PASF, PSE, CONFIDENTIAL
  'pasf.supervisor', // PASF, PSE, SECRET, in the need-to-know group
  'coord.duty', // USSC, USA, SECRET
  'coord.gbr', // USSC, GBR, SECRET, in the need-to-know group
  'matrix.can', // USSC, CAN, SECRET (created here)
  'matrix.junior', // USSC, USA, UNCLASSIFIED (created here)
] as const;
type Reader = (typeof READERS)[number];

const RECORDS: {
  name: string;
  level: string;
  caveats?: string[];
  relTo?: string[];
  parties: string[];
  groups?: string[];
  seenBy: Reader[];
}[] = [
  { name: 'U for ISF only', level: 'U', parties: ['ISF'], seenBy: ['isf.hebron', 'isf.supervisor'] },
  {
    name: 'C for all three',
    level: 'C',
    parties: ['ISF', 'PASF', 'USSC'],
    seenBy: [
      'isf.hebron',
      'isf.supervisor',
      'pasf.hebron',
      'pasf.supervisor',
      'coord.duty',
      'coord.gbr',
      'matrix.can',
    ],
  },
  {
    name: 'S for ISF and USSC',
    level: 'S',
    parties: ['ISF', 'USSC'],
    seenBy: ['isf.supervisor', 'coord.duty', 'coord.gbr', 'matrix.can'],
  },
  { name: 'S//NOFORN for USSC', level: 'S', caveats: ['NOFORN'], parties: ['USSC'], seenBy: ['coord.duty'] },
  {
    name: 'S//REL TO USA, GBR for USSC',
    level: 'S',
    relTo: ['USA', 'GBR'],
    parties: ['USSC'],
    seenBy: ['coord.duty', 'coord.gbr'],
  },
  {
    name: 'C//REL TO USA, ISR for all',
    level: 'C',
    relTo: ['USA', 'ISR'],
    parties: ['ISF', 'PASF', 'USSC'],
    seenBy: ['isf.hebron', 'isf.supervisor', 'coord.duty'],
  },
  {
    name: 'C need-to-know for USSC and PASF',
    level: 'C',
    parties: ['USSC', 'PASF'],
    groups: ['NTK-MATRIX'],
    seenBy: ['coord.gbr', 'pasf.supervisor'],
  },
  {
    name: 'U for USSC',
    level: 'U',
    parties: ['USSC'],
    seenBy: ['coord.duty', 'coord.gbr', 'matrix.can', 'matrix.junior'],
  },
  {
    name: 'U for the coordinator only, not released to the parties',
    level: 'U',
    parties: ['USSC'],
    seenBy: ['coord.duty', 'coord.gbr', 'matrix.can', 'matrix.junior'],
  },
];

describe(`the visibility matrix (${testEngine()})`, () => {
  let t: TestApp;
  const cookies = new Map<Reader, string>();
  const recordIds = new Map<string, string>();
  let deskId = '';

  const as = (reader: Reader, url: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(reader) as string } });

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.login('admin');
    const post = async (url: string, payload: object) => {
      const response = await t.app.inject({ method: 'POST', url, payload, headers: { cookie: admin } });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as { id: string };
    };
    for (const [username, nationality, clearance] of [
      ['matrix.can', 'CAN', 'S'],
      ['matrix.junior', 'USA', 'U'],
    ] as const) {
      await post('/api/directory/users', {
        username,
        displayName: username,
        password: 'correct horse battery staple 42',
        nationality,
        clearance,
        partyCode: 'USSC',
        roles: ['coordinator'],
      });
    }
    const people = (
      await t.app.inject({ method: 'GET', url: '/api/directory/users', headers: { cookie: admin } })
    ).json() as { id: string; username: string }[];
    const idOf = (username: string) => people.find((person) => person.username === username)?.id as string;
    await post('/api/directory/groups', {
      code: 'NTK-MATRIX',
      kind: 'need-to-know',
      names: { en: 'Matrix cell', ar: 'خلية', he: 'תא' },
      parties: ['USSC', 'PASF'],
      memberIds: [idOf('coord.gbr'), idOf('pasf.supervisor')],
    });
    deskId = (
      await post('/api/directory/desks', {
        code: 'MATRIX-DESK',
        partyCode: 'USSC',
        names: { en: 'Matrix desk', ar: 'مكتب', he: 'שולחן' },
      })
    ).id;

    for (const record of RECORDS) {
      const row = await t.database.db
        .insertInto('handover_notes')
        .values({
          desk_id: deskId,
          body: record.name,
          ...markingToColumns({
            level: record.level,
            caveats: record.caveats ?? [],
            relTo: record.relTo ?? null,
            parties: record.parties,
            groups: record.groups ?? [],
          }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      recordIds.set(record.name, row.id);
    }
    for (const reader of READERS) {
      cookies.set(
        reader,
        await t.login(reader, reader.startsWith('matrix.') ? 'correct horse battery staple 42' : undefined),
      );
    }
  });
  afterAll(() => t?.close());

  it.each(READERS)(
    '%s sees exactly the records the rule allows, in the list, the roster and by id',
    async (reader) => {
      const expected = RECORDS.filter((record) => record.seenBy.includes(reader))
        .map((record) => record.name)
        .sort();

      const list = await as(reader, `/api/directory/desks/${deskId}/handover-notes`);
      expect(list.statusCode).toBe(200);
      expect((list.json() as { body: string }[]).map((note) => note.body).sort()).toEqual(expected);

      const roster = await as(reader, `/api/directory/desks/${deskId}/roster`);
      expect(
        (roster.json() as { handoverNotes: { body: string }[] }).handoverNotes
          .map((note) => note.body)
          .sort(),
      ).toEqual(expected);

      const missing = await as(reader, '/api/directory/handover-notes/00000000-0000-4000-8000-000000000000');
      expect(missing.statusCode).toBe(404);
      for (const record of RECORDS) {
        const response = await as(reader, `/api/directory/handover-notes/${recordIds.get(record.name)}`);
        if (record.seenBy.includes(reader)) {
          expect(response.statusCode, record.name).toBe(200);
          expect(response.json().body).toBe(record.name);
        } else {
          // Exactly the answer for a record that does not exist: its existence does not leak.
          expect(response.statusCode, record.name).toBe(404);
          expect(response.body).toBe(
            missing.body.replace(
              '00000000-0000-4000-8000-000000000000',
              recordIds.get(record.name) as string,
            ),
          );
        }
      }
    },
  );

  it('answers a delete of a record the caller may not see with 404, and keeps it', async () => {
    const id = recordIds.get('S//NOFORN for USSC') as string;
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/directory/handover-notes/${id}`,
      headers: { cookie: cookies.get('coord.gbr') as string },
    });
    expect(response.statusCode).toBe(404);
    expect((await as('coord.duty', `/api/directory/handover-notes/${id}`)).statusCode).toBe(200);
  });
});
