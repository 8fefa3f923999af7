import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../../test/support/test-app';

let t: TestApp;
// The coordinator's administrator and a party's (no coordinating role), a party's duty officer, the
// coordinator's duty coordinator, the coordinator's officer.
const USERS = ['admin', 'isf.admin', 'isf.hebron', 'coord.duty', 'ussc.ssr'] as const;
beforeAll(async () => {
  t = await createTestApp();
  await t.app.services.identity.createUser({
    username: 'isf.admin',
    displayName: 'ISF administrator',
    password: DEMO_PASSWORD,
    roles: ['administrator'],
    language: 'en',
    nationality: 'ISR',
    clearance: 'U',
    partyCode: 'ISF',
  });
  await t.signInAll(USERS);
});
afterAll(() => t.close());

const abilitiesOf = async (username: string) => (await t.call(username, 'GET', '/api/me')).json().abilities;

describe('the abilities /api/me sends', () => {
  it('say what each user may do outside any one record', async () => {
    expect(await abilitiesOf('admin')).toMatchObject({
      raiseRequests: false,
      writeReports: false,
      administer: true,
      audit: true,
    });
    expect(await abilitiesOf('isf.admin')).toMatchObject({
      raiseRequests: false,
      receiveRequests: false,
      administer: true,
    });
    expect(await abilitiesOf('isf.hebron')).toMatchObject({
      raiseRequests: true,
      raiseRequestsAsCoordinator: false,
      receiveRequests: true,
      writeReports: false,
      browseReports: false,
      administer: false,
    });
    expect(await abilitiesOf('coord.duty')).toMatchObject({
      raiseRequests: true,
      raiseRequestsAsCoordinator: true,
      writeReports: true,
      openCrisisRooms: true,
    });
  });

  it('agree with what the server accepts: raising a request', async () => {
    const type = (await t.call('admin', 'GET', '/api/request-types')).json()[0].code;
    for (const username of USERS) {
      const { raiseRequests } = await abilitiesOf(username);
      // A district that does not exist: one who may raise requests gets past the role check to 400.
      const response = await t.call(username, 'POST', '/api/requests', {
        type,
        districtId: randomUUID(),
        fields: {},
        draft: true,
      });
      expect({ username, status: response.statusCode }).toEqual({
        username,
        status: raiseRequests ? 400 : 403,
      });
      if (!raiseRequests) expect(response.json().code).toBe('may_not_request');
    }
  });

  it('agree with what the server accepts: writing a report', async () => {
    for (const username of USERS) {
      const { writeReports } = await abilitiesOf(username);
      const response = await t.call(username, 'POST', '/api/reports', {
        title: `Abilities of ${username}`,
        paragraphs: [{ text: 'A line.', marking: { classification: '(U)' } }],
      });
      expect({ username, status: response.statusCode }).toEqual({
        username,
        status: writeReports ? 201 : 403,
      });
    }
  });
});
