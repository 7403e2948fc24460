/**
 * Baseline for `pnpm bench`: the same Fastify version with one route and nothing else, so the
 * API's numbers can be read as a ratio of what this machine does at best.
 */
import { createRequire } from 'node:module';

const requireFromApi = createRequire(new URL('../apps/api/package.json', import.meta.url));
const { default: Fastify } = (await import(requireFromApi.resolve('fastify'))) as typeof import('fastify');

const port = Number(process.argv[2]);
const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port });
process.on('SIGTERM', () => {
  app.close().then(() => process.exit(0));
});
