/**
 * The receiving end of the webhook bench, in a process of its own: answers 204 (or 500 for
 * every FAIL_EVERY-th request) and counts what it got, so the bench can check that nothing was
 * lost and nothing extra arrived. GET /stats answers the counts; POST /reset clears them.
 */
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
let failEvery = Number(process.argv[3] ?? 0);
let received = 0;
const ids = new Set<string>();

createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ received, distinct: ids.size }));
    return;
  }
  if (req.method === 'POST' && req.url?.startsWith('/reset')) {
    received = 0;
    ids.clear();
    failEvery = Number(new URL(req.url, 'http://x').searchParams.get('failEvery') ?? 0);
    res.writeHead(204).end();
    return;
  }
  req.resume();
  req.on('end', () => {
    received += 1;
    const id = req.headers['webhook-id'];
    if (typeof id === 'string') ids.add(`${id} ${req.url}`);
    if (failEvery > 0 && received % failEvery === 0) res.writeHead(500).end();
    else res.writeHead(204).end();
  });
}).listen(port, '127.0.0.1');
