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
