// The throughput baseline: a bare Fastify route returning a constant, in its own process
// like the real server, so the load generator and the server do not share an event loop.
// Prints its URL on the first line of stdout; stops on SIGTERM.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => 'ok');
const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(url);
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
