import type { FastifyInstance } from 'fastify';
import { DemoClient } from './demo-client';

/**
 * What a newcomer finds in the demo (demo mode only, made once on an empty
 * database): the broker's night on the requests side, and the working
 * groups of the seed cable at work. Every record is made through the API as
 * the demo's officers would make it (demo-client.ts).
 */
export async function playDemo(app: FastifyInstance, password: string): Promise<void> {
  const demo = new DemoClient(app, password);
  const places = await demo.call<{ id: string; code: string }[]>('admin', 'GET', '/api/directory/districts');
  const place = (code: string) => places.find((entry) => entry.code === code)?.id as string;
  await requestsAtNight(demo, place);
  await workingGroupsAtWork(demo, new Date());
}

type Request = { id: string };

/** A safe return on its way, an answer waiting for a supervisor, an incident with its crisis room. */
async function requestsAtNight(demo: DemoClient, place: (code: string) => string) {
  const act = (user: string, id: string, body: Record<string, unknown>) =>
    demo.call(user, 'POST', `/api/requests/${id}/transitions`, body);

  const safeReturn = await demo.call<Request>('isf.hebron', 'POST', '/api/requests', {
    type: 'safe-return',
    districtId: place('HEBRON'),
    fields: {
      who: 'Two Israeli civilians, 19 and 20',
      description: 'White Kia Picanto with Israeli plates; took a wrong turn at the Bab al-Zawiya junction',
      lastKnownLocation: 'Bab al-Zawiya, Hebron H1',
      contact: '+972 50 000 0000 (father)',
    },
  });
  await act('pasf.hebron', safeReturn.id, { action: 'acknowledge' });
  await act('pasf.hebron', safeReturn.id, {
    action: 'approve-with-conditions',
    conditions:
      'Handover at the Hebron District Coordination and Liaison Office, escorted by the PASF Civil Police',
  });
  await act('pasf.hebron', safeReturn.id, { action: 'locate' });

  const question = await demo.call<Request>('isf.hebron', 'POST', '/api/requests', {
    type: 'rfi',
    districtId: place('HEBRON'),
    fields: { question: 'Is the road from Hebron to Bani Naim open tonight?', category: 'security' },
  });
  await act('pasf.hebron', question.id, { action: 'acknowledge' });
  await act('pasf.hebron', question.id, {
    action: 'draft-answer',
    answer: 'approve-with-conditions',
    conditions: 'الطريق مفتوح حتى منتصف الليل؛ حاجز للشرطة عند مدخل بني نعيم',
  });

  const incident = await demo.call<Request>('pasf.hebron', 'POST', '/api/requests', {
    type: 'incident',
    districtId: place('HEBRON'),
    fields: {
      location: 'شارع الشهداء قرب الحاجز',
      severity: 'serious',
      description: 'رشق حجارة على دورية؛ إصابتان طفيفتان. نطلب التنسيق لتهدئة الموقف.',
    },
  });
  await demo.call('coord.duty', 'POST', `/api/requests/${incident.id}/crisis-room`);
}

type Group = {
  id: string;
  code: string;
  names: { en: string };
  chairs: { id: string; username: string; party: string | null }[];
  secretary: { username: string } | null;
};

/** The minutes of a past meeting: a section per agenda item, in Arabic, Hebrew and English as the seats wrote them. */
const MINUTES = [
  {
    heading: 'البند 1: السرقات في الخليل H1',
    text: 'عرضت الشرطة المدنية الفلسطينية ملفات السرقة المفتوحة في المنطقة H1. اتفق الطرفان على تبادل الملفات أسبوعياً عبر مكتب التنسيق.',
    decisions: ['تبادل أسبوعي لملفات القضايا المفتوحة'],
  },
  {
    heading: 'סעיף 2: סיורים משותפים',
    text: 'משטרת ישראל הציגה את תוכנית הסיורים ברחוב השוהדא. הוסכם על סיור מתואם פעמיים בשבוע בשעות הערב.',
    decisions: ['סיור מתואם פעמיים בשבוע'],
  },
  {
    heading: 'Item 3: next steps',
    text: 'The secretary will circulate the list of open cases before the next meeting.',
    decisions: [],
  },
];

const DAY = 86_400_000;
/** A calendar date in the deployment's zone, as commitments take it. */
const dateOf = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jerusalem' }).format(at);

/**
 * The four working groups of the seed cable, each with a past meeting whose
 * minutes both chairs signed and an upcoming one both chairs accepted, and
 * commitments of both sides: open, in progress, delivered and confirmed,
 * overdue.
 */
async function workingGroupsAtWork(demo: DemoClient, now: Date) {
  const groups = await demo.call<Group[]>('isf.police', 'GET', '/api/working-groups');
  for (const [i, summary] of groups.entries()) {
    const group = await demo.call<Group>('isf.police', 'GET', `/api/working-groups/${summary.id}`);
    const secretary = group.secretary?.username;
    const chair = (party: string) => group.chairs.find((entry) => entry.party === party);
    const isf = chair('ISF');
    const pasf = chair('PASF');
    if (!secretary || !isf || !pasf) continue;
    const past = new Date(now.getTime() - (28 - i) * DAY);
    const meeting = (start: Date) => ({
      title: `${group.names.en}: monthly meeting`,
      startsAt: new Date(Math.floor(start.getTime() / 3_600_000) * 3_600_000).toISOString(),
      endsAt: new Date(Math.floor(start.getTime() / 3_600_000) * 3_600_000 + 2 * 3_600_000).toISOString(),
      place: 'Hebron District Coordination and Liaison Office',
    });
    const held = await demo.call<{ id: string }>(
      secretary,
      'POST',
      `/api/working-groups/${group.id}/meetings`,
      meeting(past),
    );
    await demo.call(secretary, 'PUT', `/api/meetings/${held.id}/agenda`, {
      items: MINUTES.map((section) => ({ title: section.heading })),
    });
    await demo.call(secretary, 'PUT', `/api/meetings/${held.id}/minutes`, {
      baseVersion: 0,
      sections: MINUTES,
    });
    await demo.call(secretary, 'POST', `/api/meetings/${held.id}/minutes/circulate`);
    for (const signer of [isf, pasf])
      await demo.call(signer.username, 'POST', `/api/meetings/${held.id}/minutes/signatures`, { version: 1 });

    const next = await demo.call<{ id: string }>(
      secretary,
      'POST',
      `/api/working-groups/${group.id}/meetings`,
      meeting(new Date(now.getTime() + (7 + i) * DAY)),
    );
    for (const signer of [isf, pasf])
      await demo.call(signer.username, 'POST', `/api/meetings/${next.id}/responses`, {
        response: 'accepted',
      });

    const commit = (owner: Group['chairs'][number], title: string, dueOn: string) =>
      demo.call<{ id: string }>(owner.username, 'POST', '/api/commitments', {
        group: group.id,
        meetingId: held.id,
        title,
        doneMeans: 'The list is handed over at the liaison office and acknowledged in writing',
        ownerParty: owner.party,
        ownerId: owner.id,
        dueOn,
      });
    const delivered = await commit(
      isf,
      'Share the list of open theft cases in H1',
      dateOf(new Date(now.getTime() - 10 * DAY)),
    );
    await demo.call(isf.username, 'POST', `/api/commitments/${delivered.id}/transitions`, {
      action: 'complete',
      evidence: { text: 'Handed over at the Hebron DCO on time; 14 cases' },
    });
    await demo.call(pasf.username, 'POST', `/api/commitments/${delivered.id}/transitions`, {
      action: 'confirm',
    });
    await commit(pasf, 'قائمة المطلوبين في قضايا السرقة', dateOf(new Date(now.getTime() - 5 * DAY)));
    const started = await commit(
      isf,
      'Evening patrol plan for Shuhada Street',
      dateOf(new Date(now.getTime() + 6 * DAY)),
    );
    await demo.call(isf.username, 'POST', `/api/commitments/${started.id}/transitions`, { action: 'start' });
    await commit(pasf, 'تعيين ضابط ارتباط للدوريات المسائية', dateOf(new Date(now.getTime() + 12 * DAY)));
    // The other way round too: PASF delivered on time and ISF confirmed; ISF owes one overdue; PASF
    // completed one that waits for ISF's confirmation.
    const forensic = await commit(
      pasf,
      'تسليم تقرير الطب الشرعي في قضية باب الزاوية',
      dateOf(new Date(now.getTime() + 3 * DAY)),
    );
    await demo.call(pasf.username, 'POST', `/api/commitments/${forensic.id}/transitions`, {
      action: 'complete',
      evidence: { text: 'سُلّم التقرير عبر مكتب الارتباط في الخليل مع ملحقاته' },
    });
    await demo.call(isf.username, 'POST', `/api/commitments/${forensic.id}/transitions`, {
      action: 'confirm',
    });
    await commit(isf, 'העברת צילומי מצלמות האבטחה מצומת הגיא', dateOf(new Date(now.getTime() - 3 * DAY)));
    const awaiting = await commit(
      pasf,
      'تحديث أرقام هواتف الضباط المناوبين',
      dateOf(new Date(now.getTime() + 9 * DAY)),
    );
    await demo.call(pasf.username, 'POST', `/api/commitments/${awaiting.id}/transitions`, {
      action: 'complete',
      evidence: { text: 'أُرسلت القائمة المحدثة إلى منسق المجموعة' },
    });
  }
}
