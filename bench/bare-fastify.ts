import Fastify from 'fastify';

/** The floor for request throughput: a bare Fastify route on this machine. */
const app = Fastify({ logger: false });
app.get('/bare', async () => ({ ok: true }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening ${address}`);
