import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { testEngine } from '../../../../test/support/test-database';

interface Entry {
  id: string;
  code: string;
}

describe(`the directory (${testEngine()})`, () => {
  let t: TestApp;
  let admin = '';
  let officer = '';

  const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const list = async <T = Entry>(path: string, cookie = admin) =>
    (await call(cookie, 'GET', `/api/directory/${path}`)).json() as T[];
  const byCode = async (path: string, code: string) => {
    const found = (await list(path)).find((entry) => entry.code === code);
    if (!found) throw new Error(`no ${path} ${code}`);
    return found;
  };
  const names = (en: string) => ({ en, ar: `${en} (ar)`, he: `${en} (he)` });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    officer = await t.login('isf.hebron');
  });
  afterAll(() => t?.close());

  it('shows everyone the demo deployment: parties, unit trees, the gazetteer with Hebron H1/H2, paired desks', async () => {
    const parties = await list<{ code: string; kind: string }>('parties', officer);
    expect(parties.map((party) => party.code).sort()).toEqual(['ISF', 'PASF', 'USSC']);
    expect(parties.find((party) => party.code === 'USSC')?.kind).toBe('coordinator');

    const districts = await list<Entry & { parentId: string | null; names: { ar: string; he: string } }>(
      'districts',
      officer,
    );
    const hebron = districts.find((district) => district.names.he === 'חברון');
    expect(hebron?.names.ar).toBe('الخليل');
    const areas = districts.filter((district) => district.parentId === hebron?.id);
    expect(areas.map((area) => area.code).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/H1$/), expect.stringMatching(/H2$/)]),
    );
    expect(
      districts.filter((district) => (district as { kind?: string }).kind === 'governorate'),
    ).toHaveLength(15);

    const desks = await list<
      Entry & { counterpartId: string | null; partyCode: string; districtId: string | null }
    >('desks', officer);
    for (const desk of desks.filter((candidate) => candidate.counterpartId)) {
      const counterpart = desks.find((candidate) => candidate.id === desk.counterpartId);
      expect(counterpart?.counterpartId).toBe(desk.id);
      expect(counterpart?.partyCode).not.toBe(desk.partyCode);
      expect(counterpart?.districtId).toBe(desk.districtId);
    }
    const units = await list<Entry & { partyCode: string; parentId: string | null }>('units', officer);
    expect(units.filter((unit) => unit.partyCode === 'PASF').length).toBeGreaterThanOrEqual(5);
  });

  it('tells every signed-in user the classification scheme, languages and ledger categories, and nobody else', async () => {
    const info = (await call(officer, 'GET', '/api/deployment')).json();
    expect(info.classification.levels.map((level: { code: string }) => level.code)).toEqual([
      'U',
      'SBU',
      'C',
      'S',
      'TS',
    ]);
    expect(info.languages).toEqual(['en', 'ar', 'he']);
    expect(info.exchangeCategories).toContainEqual({
      code: 'criminal',
      names: { en: 'Criminal investigations', ar: 'التحقيقات الجنائية', he: 'חקירות פליליות' },
    });
    expect(info.exchangeCategories.map((category: { code: string }) => category.code)).toContain('general');
    expect((await t.app.inject({ method: 'GET', url: '/api/deployment' })).statusCode).toBe(401);
  });

  it('states with each desk what the caller may do there, as the server will enforce it', async () => {
    type Desk = Entry & { partyCode: string; actions: { keepRoster: boolean; writeHandoverNotes: boolean } };
    const people = await list<{ username: string; deskIds: string[] }>('users');
    const ownDesk = people.find((person) => person.username === 'isf.hebron')?.deskIds[0];
    const asOfficer = await list<Desk>('desks', officer);
    expect(asOfficer.find((desk) => desk.id === ownDesk)?.actions).toEqual({
      keepRoster: false,
      writeHandoverNotes: true,
    });
    expect(asOfficer.filter((desk) => desk.actions.writeHandoverNotes).map((desk) => desk.id)).toEqual([
      ownDesk,
    ]);
    const asSupervisor = await list<Desk>('desks', await t.login('isf.supervisor'));
    expect(asSupervisor.every((desk) => desk.actions.keepRoster === (desk.partyCode === 'ISF'))).toBe(true);
  });

  it('states with each entry and person what the caller may do with it, as the server will enforce it', async () => {
    type WithActions = Entry & { username?: string; actions: Record<string, boolean> };
    for (const path of ['parties', 'units', 'districts', 'groups']) {
      expect(
        (await list<WithActions>(path)).every((entry) => entry.actions.update && entry.actions.delete),
      ).toBe(true);
      const asOfficer = await list<WithActions>(path, officer);
      expect(asOfficer.length).toBeGreaterThan(0);
      expect(asOfficer.every((entry) => !entry.actions.update && !entry.actions.delete)).toBe(true);
    }
    const people = await list<WithActions>('users');
    expect(people.find((person) => person.username === 'admin')?.actions).toEqual({
      update: true,
      disable: false,
    });
    expect(people.find((person) => person.username === 'isf.hebron')?.actions).toEqual({
      update: true,
      disable: true,
    });
    const asOfficer = await list<WithActions>('users', officer);
    expect(asOfficer.every((person) => !person.actions.update && !person.actions.disable)).toBe(true);
    // What the actions deny, the server refuses.
    const self = people.find((person) => person.username === 'admin') as WithActions;
    const refused = await call(admin, 'PATCH', `/api/directory/users/${self.id}`, { disabled: true });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('cannot_disable_self');
  });

  it('shows who is on duty now at the demo desks', async () => {
    const desks = await list<{ onDuty: { displayName: string }[] }>('desks', officer);
    const onDuty = desks.flatMap((desk) => desk.onDuty.map((shift) => shift.displayName));
    expect(onDuty).toEqual(expect.arrayContaining(['Capt. Noa Levi', 'Capt. Ahmad Khatib']));
    const people = await list<{ username: string; onDuty: boolean; clearance?: string }>('users', officer);
    expect(people.find((person) => person.username === 'pasf.hebron')?.onDuty).toBe(true);
    // Clearances are administrators' business, not the other party's.
    expect(people.every((person) => person.clearance === undefined)).toBe(true);
    expect((await list<{ clearance?: string }>('users', admin)).every((person) => person.clearance)).toBe(
      true,
    );
  });

  it('answers 404 to non-administrators on every administration endpoint, even with a bad body', async () => {
    const unit = await byCode('units', (await list('units'))[0]?.code as string);
    const attempts: ['POST' | 'PATCH' | 'DELETE', string][] = [
      ['POST', '/api/directory/parties'],
      ['PATCH', '/api/directory/parties/ISF'],
      ['DELETE', '/api/directory/parties/ISF'],
      ['POST', '/api/directory/users'],
      ['DELETE', `/api/directory/users/${unit.id}`],
      ...(['units', 'districts', 'desks', 'groups'] as const).flatMap((path) => [
        ['POST', `/api/directory/${path}`] as ['POST', string],
        ['PATCH', `/api/directory/${path}/${unit.id}`] as ['PATCH', string],
        ['DELETE', `/api/directory/${path}/${unit.id}`] as ['DELETE', string],
      ]),
    ];
    for (const cookie of [officer, await t.login('coord.duty'), await t.login('pasf.supervisor')]) {
      for (const [method, url] of attempts) {
        const response = await call(
          cookie,
          method,
          url,
          method === 'DELETE' ? undefined : { nonsense: true },
        );
        expect(response.statusCode, `${method} ${url}`).toBe(404);
      }
    }
    expect(await list('units')).toContainEqual(expect.objectContaining({ id: unit.id }));
  });

  it('validates at the edge with messages that name the field, and keeps the data', async () => {
    const before = await list('units');
    const response = await call(admin, 'POST', '/api/directory/units', {
      code: 'X1',
      partyCode: 'ISF',
      names: { en: 'Unit', ar: '', he: 'יחידה' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(
      expect.objectContaining({ path: 'body.names.ar', message: 'Arabic name is required' }),
    );
    expect(await list('units')).toEqual(before);
  });

  it('keeps unit trees within a party and free of cycles', async () => {
    const units = await list<Entry & { partyCode: string; parentId: string | null }>('units');
    const isfRoot = units.find((unit) => unit.partyCode === 'ISF' && unit.parentId === null) as Entry;
    const pasfRoot = units.find((unit) => unit.partyCode === 'PASF' && unit.parentId === null) as Entry;
    const crossParty = await call(admin, 'POST', '/api/directory/units', {
      code: 'CROSS-1',
      partyCode: 'PASF',
      parentId: isfRoot.id,
      names: names('Cross'),
    });
    expect(crossParty.statusCode).toBe(400);
    expect(crossParty.json().code).toBe('parent_of_other_party');

    const child = (
      await call(admin, 'POST', '/api/directory/units', {
        code: 'CHILD-1',
        partyCode: 'PASF',
        parentId: pasfRoot.id,
        names: names('Child'),
      })
    ).json() as Entry;
    const cycle = await call(admin, 'PATCH', `/api/directory/units/${pasfRoot.id}`, { parentId: child.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().code).toBe('unit_cycle');
    expect((await call(admin, 'DELETE', `/api/directory/units/${child.id}`)).statusCode).toBe(204);
  });

  it('pairs desks symmetrically, only across parties within one district', async () => {
    const district = (
      await call(admin, 'POST', '/api/directory/districts', {
        code: 'TEST-DISTRICT',
        status: 'Area B',
        names: names('Testville'),
      })
    ).json() as Entry;
    const other = (
      await call(admin, 'POST', '/api/directory/districts', {
        code: 'OTHER-DISTRICT',
        names: names('Elsewhere'),
      })
    ).json() as Entry;
    const isfDesk = (
      await call(admin, 'POST', '/api/directory/desks', {
        code: 'ISF-TEST',
        partyCode: 'ISF',
        districtId: district.id,
        names: names('ISF test desk'),
      })
    ).json() as Entry;
    const sameParty = await call(admin, 'POST', '/api/directory/desks', {
      code: 'ISF-TEST-2',
      partyCode: 'ISF',
      districtId: district.id,
      counterpartId: isfDesk.id,
      names: names('Second'),
    });
    expect(sameParty.json().code).toBe('counterpart_same_party');
    const elsewhere = await call(admin, 'POST', '/api/directory/desks', {
      code: 'PASF-ELSE',
      partyCode: 'PASF',
      districtId: other.id,
      counterpartId: isfDesk.id,
      names: names('Else'),
    });
    expect(elsewhere.json().code).toBe('counterpart_other_district');

    const pasfDesk = (
      await call(admin, 'POST', '/api/directory/desks', {
        code: 'PASF-TEST',
        partyCode: 'PASF',
        districtId: district.id,
        counterpartId: isfDesk.id,
        names: names('PASF test desk'),
      })
    ).json() as Entry & { counterpartId: string };
    expect(pasfDesk.counterpartId).toBe(isfDesk.id);
    expect(
      ((await call(admin, 'GET', `/api/directory/desks/${isfDesk.id}`)).json() as { counterpartId: string })
        .counterpartId,
    ).toBe(pasfDesk.id);

    const inUse = await call(admin, 'DELETE', `/api/directory/districts/${district.id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().code).toBe('in_use');
    expect(await byCode('districts', 'TEST-DISTRICT')).toBeTruthy();

    const duplicate = await call(admin, 'POST', '/api/directory/districts', {
      code: 'TEST-DISTRICT',
      names: names('Again'),
    });
    expect(duplicate.statusCode).toBe(409);

    expect((await call(admin, 'DELETE', `/api/directory/desks/${pasfDesk.id}`)).statusCode).toBe(204);
    expect(
      (
        (await call(admin, 'GET', `/api/directory/desks/${isfDesk.id}`)).json() as {
          counterpartId: string | null;
        }
      ).counterpartId,
    ).toBeNull();
  });

  it('lets supervisors keep their own party’s rosters, and nobody else’s', async () => {
    const desks = await list<Entry & { partyCode: string; onDuty: { userId: string }[] }>('desks');
    const isfDesk =
      desks.find((desk) => desk.partyCode === 'ISF' && desk.code.includes('JENIN')) ??
      (desks.find((desk) => desk.partyCode === 'ISF') as Entry);
    const people = await list<{ id: string; username: string }>('users');
    const supervisorId = people.find((person) => person.username === 'isf.supervisor')?.id as string;
    const shift = {
      userId: supervisorId,
      startsAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
      endsAt: new Date(t.clock.now().getTime() + 30 * 60_000).toISOString(),
    };

    const stranger = await call(
      await t.login('pasf.supervisor'),
      'POST',
      `/api/directory/desks/${isfDesk.id}/shifts`,
      shift,
    );
    expect(stranger.statusCode).toBe(404);
    const backwards = await call(
      await t.login('isf.supervisor'),
      'POST',
      `/api/directory/desks/${isfDesk.id}/shifts`,
      { ...shift, endsAt: shift.startsAt, startsAt: shift.endsAt },
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toContainEqual(expect.objectContaining({ path: 'body.endsAt' }));

    const created = await call(
      await t.login('isf.supervisor'),
      'POST',
      `/api/directory/desks/${isfDesk.id}/shifts`,
      shift,
    );
    expect(created.statusCode, created.body).toBe(201);
    const desk = (await call(officer, 'GET', `/api/directory/desks/${isfDesk.id}`)).json() as {
      onDuty: { userId: string }[];
    };
    expect(desk.onDuty.map((entry) => entry.userId)).toContain(supervisorId);

    t.clock.advance(31 * 60_000); // past the end of the shift, within the session's idle timeout
    const later = (await call(officer, 'GET', `/api/directory/desks/${isfDesk.id}`)).json() as {
      onDuty: { userId: string }[];
    };
    expect(later.onDuty.map((entry) => entry.userId)).not.toContain(supervisorId);
  });

  it('lets a desk officer write marked handover notes that the other party cannot read', async () => {
    const desks = await list<Entry & { partyCode: string }>('desks');
    const people = await list<{ id: string; username: string; deskIds: string[] }>('users');
    const deskId = people.find((person) => person.username === 'isf.hebron')?.deskIds[0] as string;
    const write = (payload: object) =>
      call(officer, 'POST', `/api/directory/desks/${deskId}/handover-notes`, payload);

    const bad = await write({ body: 'x', marking: { classification: 'SECRET//NOFORN/REL TO USA' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/NOFORN and REL TO contradict/);
    const tooHigh = await write({ body: 'x', marking: { classification: 'SECRET' } });
    expect(tooHigh.json().code).toBe('marking_hides_from_author');

    const note = await write({
      body: 'Checkpoint 300 closed until 06:00',
      marking: { classification: '(C)' },
    });
    expect(note.statusCode).toBe(201);
    expect(note.json().marking).toMatchObject({ banner: 'CONFIDENTIAL', portion: '(C)', parties: ['ISF'] });
    expect(note.json().actions).toEqual({ delete: true });

    const pasf = await t.login('pasf.hebron');
    expect((await call(pasf, 'GET', `/api/directory/handover-notes/${note.json().id}`)).statusCode).toBe(404);
    const foreignDesk = desks.find((desk) => desk.partyCode === 'PASF') as Entry;
    const intrusion = await call(officer, 'POST', `/api/directory/desks/${foreignDesk.id}/handover-notes`, {
      body: 'x',
      marking: { classification: 'U' },
    });
    expect(intrusion.statusCode).toBe(403);
  });

  it('creates no half-made account when its placement is refused, and unstaffs desks of a party left behind', async () => {
    const isfDesk = (await list<Entry & { partyCode: string }>('desks')).find(
      (desk) => desk.partyCode === 'ISF',
    ) as Entry;
    const account = {
      username: 'placed.wrongly',
      displayName: 'Placed',
      password: 'correct horse battery staple 42',
      nationality: 'PSE',
      partyCode: 'PASF',
    };
    const refused = await call(admin, 'POST', '/api/directory/users', { ...account, deskIds: [isfDesk.id] });
    expect(refused.json().code).toBe('desk_of_other_party');
    expect((await list<{ username: string }>('users')).map((person) => person.username)).not.toContain(
      'placed.wrongly',
    );

    const moved = (
      await call(admin, 'POST', '/api/directory/users', {
        ...account,
        nationality: 'ISR',
        partyCode: 'ISF',
        deskIds: [isfDesk.id],
      })
    ).json() as { id: string; deskIds: string[] };
    expect(moved.deskIds).toEqual([isfDesk.id]);
    const after = (
      await call(admin, 'PATCH', `/api/directory/users/${moved.id}`, { partyCode: 'PASF' })
    ).json() as { deskIds: string[]; partyCode: string };
    expect(after).toMatchObject({ partyCode: 'PASF', deskIds: [] });
  });

  it('lets administrators place people and disable accounts, which ends their sessions', async () => {
    const people = await list<{ id: string; username: string; deskIds: string[] }>('users');
    const target = people.find((person) => person.username === 'pasf.hebron') as { id: string };
    const session = await t.login('pasf.hebron');
    const wrongDesk = (await list<Entry & { partyCode: string }>('desks')).find(
      (desk) => desk.partyCode === 'ISF',
    ) as Entry;
    const refused = await call(admin, 'PATCH', `/api/directory/users/${target.id}`, {
      deskIds: [wrongDesk.id],
    });
    expect(refused.json().code).toBe('desk_of_other_party');
    const clearance = await call(admin, 'PATCH', `/api/directory/users/${target.id}`, { clearance: 'XX' });
    expect(clearance.json().code).toBe('unknown_clearance');

    expect((await call(admin, 'DELETE', `/api/directory/users/${target.id}`)).statusCode).toBe(204);
    expect((await call(session, 'GET', '/api/me')).statusCode).toBe(401);
    expect(
      (await list<{ username: string }>('users', officer)).map((person) => person.username),
    ).not.toContain('pasf.hebron');
    expect(
      (await call(admin, 'PATCH', `/api/directory/users/${target.id}`, { disabled: false })).statusCode,
    ).toBe(200);
  });
});
