import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import type { ReleaseView } from '../../../core/reports/schemas';
import type { ConsentView, SubmissionSummary, SubmissionView } from '../../../core/submissions/schemas';

/**
 * The life of a submission: a party's officer hands the coordinator
 * portions with release instructions; the coordinator releases what may go,
 * is refused what may not, and waits for the owner's supervisor where
 * consent is needed; every release is an exchange through the coordinator.
 */
let t: TestApp;
const call = (...args: Parameters<TestApp['call']>) => t.call(...args);

const twoPortions = {
  title: 'Movements near Jenin camp',
  subject: 'What the PASF saw and who may hear it',
  portions: [
    {
      heading: 'Source',
      text: 'Our source in the camp says the cell meets at night.',
      marking: { classification: '(C)' },
      release: { instruction: 'not-releasable' },
    },
    {
      text: 'A vehicle with three armed men crossed the Jalameh road at 02:00.',
      marking: { classification: '(U)' },
      release: { instruction: 'releasable-after-consent', toParty: 'ISF' },
    },
    {
      text: 'The road will be closed for repairs on Sunday.',
      marking: { classification: '(U)' },
      release: { instruction: 'releasable-to', toParty: 'ISF' },
    },
  ],
};

let submission: SubmissionView;

beforeAll(async () => {
  t = await createTestApp();
  await t.signInAll([
    'pasf.jenin',
    'pasf.hebron',
    'pasf.supervisor',
    'pasf.police',
    'coord.duty',
    'ussc.ssr',
    'isf.jenin',
    'isf.supervisor',
    'admin',
  ]);
  const created = await call('pasf.jenin', 'POST', '/api/submissions', twoPortions);
  expect(created.statusCode, created.body).toBe(201);
  submission = created.json();
});
afterAll(() => t?.close());

const exchanges = () =>
  t.database.db
    .selectFrom('information_exchanges')
    .selectAll()
    .where('source_id', '=', submission.id)
    .execute();

describe('a submission to the coordinator', () => {
  it('belongs to its party, is addressed to the coordinator, and carries each portion’s instruction', () => {
    expect(submission).toMatchObject({
      ownerParty: 'PASF',
      coordinatorParty: 'USSC',
      reference: expect.stringMatching(/^SUB-\d{6,}$/),
      actions: ['edit'],
    });
    expect(submission.portions.map((p) => p.release)).toEqual([
      { instruction: 'not-releasable', toParty: null },
      { instruction: 'releasable-after-consent', toParty: 'ISF' },
      { instruction: 'releasable-to', toParty: 'ISF' },
    ]);
    expect(submission.portions[0]?.portion.parties).toEqual(['PASF', 'USSC']);
  });

  it('is read by its party and the coordinator, and by no one of the other party', async () => {
    for (const reader of ['pasf.hebron', 'pasf.supervisor', 'coord.duty']) {
      expect((await call(reader, 'GET', `/api/submissions/${submission.id}`)).statusCode).toBe(200);
      const list = (await call(reader, 'GET', '/api/submissions')).json() as SubmissionSummary[];
      expect(list.map((s) => s.id)).toContain(submission.id);
    }
    for (const reader of ['isf.jenin', 'isf.supervisor']) {
      const answer = await call(reader, 'GET', `/api/submissions/${submission.id}`);
      expect(answer.statusCode).toBe(404);
      expect(answer.json().code).toBe('submission_not_found');
      expect((await call(reader, 'GET', '/api/submissions')).json()).toEqual([]);
    }
    // The coordinator's unclassified officer sees the unclassified portions only.
    const ssr = (await call('ussc.ssr', 'GET', `/api/submissions/${submission.id}`)).json() as SubmissionView;
    expect(ssr.portions.map((p) => p.position)).toEqual([1, 2]);
    expect(ssr.actions).toEqual(['extract']);
    const coordinator = (await call('coord.duty', 'GET', `/api/submissions/${submission.id}`)).json();
    expect(coordinator.actions).toEqual(['release', 'extract']);
  });

  it('is written only by a party’s officers, with instructions its markings allow', async () => {
    expect((await call('coord.duty', 'POST', '/api/submissions', twoPortions)).json().code).toBe(
      'may_not_write_submissions',
    );
    const noParty = await call('pasf.jenin', 'POST', '/api/submissions', {
      ...twoPortions,
      portions: [
        { text: 'x', marking: { classification: '(U)' }, release: { instruction: 'releasable-to' } },
      ],
    });
    expect(noParty.statusCode).toBe(400);
    expect(noParty.json().code).toBe('instruction_needs_party');
    const own = await call('pasf.jenin', 'POST', '/api/submissions', {
      ...twoPortions,
      portions: [
        {
          text: 'x',
          marking: { classification: '(U)' },
          release: { instruction: 'releasable-to', toParty: 'PASF' },
        },
      ],
    });
    expect(own.json().code).toBe('instruction_names_owner');
    const marked = await call('pasf.jenin', 'POST', '/api/submissions', {
      ...twoPortions,
      portions: [
        {
          text: 'x',
          marking: { classification: '(U//REL TO USA, PSE)' },
          release: { instruction: 'releasable-to', toParty: 'ISF' },
        },
      ],
    });
    expect(marked.statusCode).toBe(400);
    expect(marked.json().code).toBe('instruction_against_marking');
  });

  it('refuses, precisely, a portion kept by its party or meant for another party, and releases nothing', async () => {
    const [source, consented] = submission.portions;
    const kept = await call('coord.duty', 'POST', `/api/submissions/${submission.id}/releases`, {
      toParty: 'ISF',
      portions: [source?.id],
    });
    expect(kept.statusCode).toBe(409);
    expect(kept.json()).toMatchObject({ code: 'portion_kept_back' });
    expect(kept.json().detail).toContain('Portion 1');
    const other = await call('coord.duty', 'POST', `/api/submissions/${submission.id}/releases`, {
      toParty: 'USSC',
      portions: [consented?.id],
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().code).toBe('unknown_party');
    const officer = await call('pasf.jenin', 'POST', `/api/submissions/${submission.id}/releases`, {
      toParty: 'ISF',
      portions: [consented?.id],
    });
    expect(officer.statusCode).toBe(403);
    expect(officer.json().code).toBe('may_not_release_submission');
    const isf = await call('isf.jenin', 'POST', `/api/submissions/${submission.id}/releases`, {
      toParty: 'ISF',
      portions: [consented?.id],
    });
    expect(isf.statusCode).toBe(404);
    expect(await exchanges()).toEqual([]);
  });

  it('releases a portion releasable to the party at once, recording the exchange through the coordinator', async () => {
    const road = submission.portions[2];
    const answer = await call('coord.duty', 'POST', `/api/submissions/${submission.id}/releases`, {
      toParty: 'ISF',
      portions: [road?.id],
      note: 'Road closure',
    });
    expect(answer.statusCode, answer.body).toBe(201);
    const { releaseId, status } = answer.json();
    expect(status).toBe('released');
    const release = (await call('isf.jenin', 'GET', `/api/releases/${releaseId}`)).json() as ReleaseView;
    expect(release).toMatchObject({
      fromParty: 'USSC',
      originParty: 'PASF',
      toParty: 'ISF',
      submissionId: null,
      reportId: null,
    });
    expect(release.paragraphs.map((p) => p.text)).toEqual([road?.text]);
    const rows = await exchanges();
    expect(rows).toMatchObject([
      {
        from_party: 'PASF',
        to_party: 'ISF',
        through_party: 'USSC',
        source_type: 'submission',
        subject_id: releaseId,
      },
    ]);
  });

  it('waits for the owner’s supervisor where consent is needed, and releases on approval', async () => {
    const consented = submission.portions[1];
    const asked = await call('coord.duty', 'POST', `/api/submissions/${submission.id}/releases`, {
      toParty: 'ISF',
      portions: [consented?.id],
    });
    expect(asked.statusCode, asked.body).toBe(202);
    const { consentId, releaseId } = asked.json();
    expect(releaseId).toBeNull();
    expect(await exchanges()).toHaveLength(1);
    // ISF sees nothing of it; no release waits for them yet.
    expect((await call('isf.jenin', 'GET', `/api/consents/${consentId}`)).statusCode).toBe(404);
    expect((await call('isf.jenin', 'GET', '/api/consents')).json()).toEqual([]);
    expect(
      ((await call('isf.jenin', 'GET', '/api/releases')).json() as ReleaseView[]).flatMap((r) =>
        r.paragraphs.map((p) => p.text),
      ),
    ).not.toContain(consented?.text);

    // The supervisor is told, and finds it waiting.
    const bell = (await call('pasf.supervisor', 'GET', '/api/notifications')).json();
    expect(bell.items[0]).toMatchObject({
      kind: 'consent.requested',
      about: 'submission',
      link: `/submissions/${submission.id}`,
    });
    const waiting = (await call('pasf.supervisor', 'GET', '/api/consents')).json() as ConsentView[];
    expect(waiting).toMatchObject([
      { id: consentId, toParty: 'ISF', status: 'pending', actions: ['approve', 'refuse'] },
    ]);
    expect(waiting[0]?.portionTexts.map((p) => p.text)).toEqual([consented?.text]);

    // Only a supervisor of the owner decides.
    for (const reader of ['pasf.jenin', 'coord.duty']) {
      const refused = await call(reader, 'POST', `/api/consents/${consentId}/decision`, {
        decision: 'approve',
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('may_not_decide_consent');
    }
    expect(
      (await call('isf.supervisor', 'POST', `/api/consents/${consentId}/decision`, { decision: 'approve' }))
        .statusCode,
    ).toBe(404);

    const approved = await call('pasf.supervisor', 'POST', `/api/consents/${consentId}/decision`, {
      decision: 'approve',
      note: 'It may go',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const consent = approved.json() as ConsentView;
    expect(consent).toMatchObject({ status: 'approved', actions: [], decision: { note: 'It may go' } });
    const release = (
      await call('isf.jenin', 'GET', `/api/releases/${consent.releaseId}`)
    ).json() as ReleaseView;
    expect(release.paragraphs.map((p) => p.text)).toEqual([consented?.text]);
    expect(JSON.stringify(release)).not.toContain('Our source');

    // The exchange is recorded with it, and the coordinator is told.
    const rows = await exchanges();
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.subject_id === consent.releaseId)).toMatchObject({
      from_party: 'PASF',
      to_party: 'ISF',
      through_party: 'USSC',
    });
    const told = (await call('coord.duty', 'GET', '/api/notifications')).json();
    expect(told.items[0]).toMatchObject({ kind: 'consent.approved', about: 'submission' });

    // The originator sees what of theirs went where, and when.
    const mine = (
      await call('pasf.jenin', 'GET', `/api/submissions/${submission.id}`)
    ).json() as SubmissionView;
    expect(mine.releaseHistory.map((r) => ({ to: r.toParty, portions: r.portions }))).toEqual([
      { to: 'ISF', portions: [submission.portions[2]?.id] },
      { to: 'ISF', portions: [consented?.id] },
    ]);
    expect(mine.releaseHistory[1]?.consentId).toBe(consentId);

    // A decided consent is decided once.
    const again = await call('pasf.supervisor', 'POST', `/api/consents/${consentId}/decision`, {
      decision: 'refuse',
      note: 'Changed my mind',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('consent_decided');
  });

  it('records a refusal, says why, and releases nothing', async () => {
    const consented = submission.portions[1];
    const { consentId } = (
      await call('coord.duty', 'POST', `/api/submissions/${submission.id}/releases`, {
        toParty: 'ISF',
        portions: [consented?.id],
      })
    ).json();
    const silent = await call('pasf.supervisor', 'POST', `/api/consents/${consentId}/decision`, {
      decision: 'refuse',
    });
    expect(silent.statusCode).toBe(400);
    expect(silent.json().code).toBe('say_why');
    const refused = await call('pasf.supervisor', 'POST', `/api/consents/${consentId}/decision`, {
      decision: 'refuse',
      note: 'Not again',
    });
    expect(refused.json()).toMatchObject({
      status: 'refused',
      releaseId: null,
      decision: { note: 'Not again' },
    });
    expect(await exchanges()).toHaveLength(2);
    const told = (await call('coord.duty', 'GET', '/api/notifications')).json() as {
      items: { kind: string }[];
    };
    expect(told.items.map((item) => item.kind).sort()).toEqual(['consent.approved', 'consent.refused']);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'subject_type'])
      .where('subject_id', '=', submission.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'submission.created',
        'submission.released',
        'consent.requested',
        'consent.approved',
        'consent.refused',
      ]),
    );
  });

  it('is extracted into a coordinator report whose releases keep each portion’s instruction and consent', async () => {
    const ids = submission.portions.map((portion) => portion.id);
    expect(
      (await call('pasf.jenin', 'POST', `/api/submissions/${submission.id}/report`, { portions: ids })).json()
        .code,
    ).toBe('may_not_extract_submission');
    expect(
      (await call('isf.jenin', 'POST', `/api/submissions/${submission.id}/report`, { portions: ids }))
        .statusCode,
    ).toBe(404);
    const extracted = await call('coord.duty', 'POST', `/api/submissions/${submission.id}/report`, {
      portions: ids,
      title: 'Jenin camp, from the PASF',
    });
    expect(extracted.statusCode, extracted.body).toBe(201);
    const reportId = extracted.json().reportId as string;
    const report = (await call('coord.duty', 'GET', `/api/reports/${reportId}`)).json();
    expect(report).toMatchObject({
      title: 'Jenin camp, from the PASF',
      status: 'draft',
      authorParty: 'USSC',
    });
    expect(report.paragraphs.map((p: { text: string }) => p.text)).toEqual(
      submission.portions.map((p) => p.text),
    );
    // The owner party does not read the coordinator's report; ISF neither.
    for (const reader of ['pasf.jenin', 'isf.jenin'])
      expect((await call(reader, 'GET', `/api/reports/${reportId}`)).statusCode).toBe(404);
    await t.signIn('ussc.chief');
    expect((await call('coord.duty', 'POST', `/api/reports/${reportId}/submit`, {})).statusCode).toBe(200);
    expect((await call('ussc.chief', 'POST', `/api/reports/${reportId}/approve`, {})).statusCode).toBe(200);
    const [kept, consented, road] = report.paragraphs as { id: string }[];
    const tries: [string | undefined, string][] = [
      [kept?.id, 'paragraph_kept_back'],
      [consented?.id, 'paragraph_needs_consent'],
    ];
    for (const [paragraph, code] of tries) {
      const refused = await call('coord.duty', 'POST', `/api/reports/${reportId}/releases`, {
        toParty: 'ISF',
        note: 'Trying',
        portions: [paragraph],
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe(code);
    }
    const before = (await exchanges()).length;
    // Left to the server, only the portion releasable to ISF without consent goes.
    const released = await call('coord.duty', 'POST', `/api/reports/${reportId}/releases`, {
      toParty: 'ISF',
      note: 'What may go',
    });
    expect(released.statusCode, released.body).toBe(201);
    expect(released.json().paragraphs.map((p: { id: string; text: string }) => p.text)).toEqual([
      submission.portions[2]?.text,
    ]);
    expect(road).toBeDefined();
    const rows = await exchanges();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      from_party: 'PASF',
      to_party: 'ISF',
      through_party: 'USSC',
      subject_id: released.json().id,
    });
  });

  it('checks the submission as it is when the consent is given: an edit since makes the consent outdated', async () => {
    const created = (
      await call('pasf.jenin', 'POST', '/api/submissions', twoPortions)
    ).json() as SubmissionView;
    const consented = created.portions[1];
    const { consentId } = (
      await call('coord.duty', 'POST', `/api/submissions/${created.id}/releases`, {
        toParty: 'ISF',
        portions: [consented?.id],
      })
    ).json();
    const edited = await call('pasf.jenin', 'PATCH', `/api/submissions/${created.id}`, {
      version: created.version,
      portions: created.portions.map((portion) => ({
        id: portion.id,
        text: portion.text,
        marking: {
          classification: portion.id === consented?.id ? '(U//REL TO USA, PSE)' : portion.portion.portion,
        },
        release:
          portion.id === consented?.id
            ? { instruction: 'not-releasable' }
            : {
                instruction: portion.release.instruction,
                ...(portion.release.toParty ? { toParty: portion.release.toParty } : {}),
              },
      })),
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const approved = await call('pasf.supervisor', 'POST', `/api/consents/${consentId}/decision`, {
      decision: 'approve',
    });
    expect(approved.statusCode).toBe(409);
    expect(approved.json().code).toBe('consent_outdated');
    const rows = await t.database.db
      .selectFrom('information_exchanges')
      .select('id')
      .where('source_id', '=', created.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('is edited by its party’s officers, over the version they read', async () => {
    const current = (
      await call('pasf.jenin', 'GET', `/api/submissions/${submission.id}`)
    ).json() as SubmissionView;
    const edited = await call('pasf.jenin', 'PATCH', `/api/submissions/${submission.id}`, {
      version: current.version,
      title: 'Movements near Jenin camp (corrected)',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ title: 'Movements near Jenin camp (corrected)', version: 2 });
    const stale = await call('pasf.jenin', 'PATCH', `/api/submissions/${submission.id}`, {
      version: current.version,
      title: 'Again',
    });
    expect(stale.json().code).toBe('stale_version');
    expect(
      (
        await call('coord.duty', 'PATCH', `/api/submissions/${submission.id}`, { version: 2, title: 'x' })
      ).json().code,
    ).toBe('may_not_edit_submission');
  });
});
