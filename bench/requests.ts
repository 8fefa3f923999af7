import { LiveClient } from '../test/support/live-client';
import { createTestApp } from '../test/support/test-app';
import { createTestDatabase } from '../test/support/test-database';

type Report = (name: string, value: string) => void;

const INBOX_REQUESTS = 2_000;
const DELIVERIES = 100;

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor((p / 100) * values.length))
  ] as number;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * Coordination requests, in process: how long a submission takes to reach the
 * receiving desk's open WebSocket, and how fast a desk's inbox answers when
 * the deployment holds thousands of requests. Uses the demo deployment on the
 * engine `TEST_DATABASE_URL` selects (the caller sets it).
 */
export async function requestsBench(engine: string, report: Report): Promise<void> {
  const t = await createTestApp({ database: await createTestDatabase(), demo: true });
  try {
    const isf = await t.login('isf.hebron');
    const pasf = await t.login('pasf.hebron');
    const districts = (
      await t.app.inject({ url: '/api/directory/districts', headers: { cookie: isf } })
    ).json();
    const hebron = districts.find((district: { code: string }) => district.code === 'HEBRON').id;
    const submit = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/requests',
        headers: { cookie: isf },
        payload: {
          type: 'rfi',
          districtId: hebron,
          fields: { question: 'Is the road to Yatta open tonight?', category: 'civil' },
        },
      });

    const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { client } = await LiveClient.connect(baseUrl, { cookie: pasf });
    const submitMs: number[] = [];
    const deliveredMs: number[] = [];
    for (let i = 0; i < DELIVERIES; i++) {
      const startedAt = performance.now();
      const response = await submit();
      submitMs.push(performance.now() - startedAt);
      const id = response.json().id as string;
      await client.until(
        (message) => message.type === 'request.submitted' && 'id' in message && message.id === id,
      );
      deliveredMs.push(performance.now() - startedAt);
    }
    client.close();
    report(
      `POST /api/requests p50 / p99 (${engine})`,
      `${ms(percentile(submitMs, 50))} / ${ms(percentile(submitMs, 99))}`,
    );
    report(
      `submitted → on the desk's WebSocket p50 / p99 (${engine})`,
      `${ms(percentile(deliveredMs, 50))} / ${ms(percentile(deliveredMs, 99))}`,
    );

    for (let i = DELIVERIES; i < INBOX_REQUESTS; i++) await submit();
    const inboxMs: number[] = [];
    for (let i = 0; i < 50; i++) {
      const startedAt = performance.now();
      const response = await t.app.inject({
        url: '/api/requests?box=received&state=open&limit=50',
        headers: { cookie: pasf },
      });
      if (response.statusCode !== 200) throw new Error(`inbox answered ${response.statusCode}`);
      inboxMs.push(performance.now() - startedAt);
    }
    report(
      `desk inbox, 50 most urgent of ${INBOX_REQUESTS} p50 / p99 (${engine})`,
      `${ms(percentile(inboxMs, 50))} / ${ms(percentile(inboxMs, 99))}`,
    );
  } finally {
    await t.close();
  }
}
