// The receiver's inbox UI: one static page + one script, no build step. Everything a sender
// controls (headers, body, path) is shown through textContent only.

export const RECEIVER_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Webhooks · Groundwork dev receiver</title>
<link rel="stylesheet" href="/receiver.css">
<script src="/receiver.js" defer></script>
</head>
<body>
<header>
  <h1>Dev webhook receiver</h1>
  <p id="status" role="status">Loading…</p>
  <button type="button" id="clear">Delete all</button>
</header>
<main>
  <nav aria-label="Deliveries"><ul id="list"></ul></nav>
  <section id="detail" aria-label="Selected delivery" tabindex="-1">
    <p class="empty">Select a delivery. Webhooks POSTed to /hooks/&lt;name&gt; on this server land here.</p>
  </section>
</main>
</body>
</html>`;

export const RECEIVER_CSS = `
:root { color-scheme: light dark; --fg: #1b1b1f; --bg: #fff; --muted: #5d5d66; --line: #d9d9de; --accent: #2f5fd0; --sel: #e8eefc;
  --ok-fg: #0b5a2a; --ok-bg: #dcf5e4; --bad-fg: #8a1020; --bad-bg: #fbe0e3; --unk-fg: #4d4d57; --unk-bg: #ececf0; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececf1; --bg: #141417; --muted: #a4a4ae; --line: #34343b; --accent: #8fb0ff; --sel: #232a3d;
  --ok-fg: #9be8b4; --ok-bg: #163823; --bad-fg: #ffb3bc; --bad-bg: #471820; --unk-fg: #d0d0d8; --unk-bg: #2b2b31; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); height: 100vh; display: flex; flex-direction: column; }
header { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; padding: .75rem 1rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.1rem; margin: 0; }
#status { margin: 0; color: var(--muted); flex: 1; }
button { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: .35rem .6rem; cursor: pointer; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
main { flex: 1; display: grid; grid-template-columns: minmax(16rem, 26rem) 1fr; min-height: 0; }
nav { border-right: 1px solid var(--line); overflow: auto; }
ul { list-style: none; margin: 0; padding: 0; }
li button { display: block; width: 100%; text-align: left; border: 0; border-bottom: 1px solid var(--line); border-radius: 0; padding: .6rem 1rem; }
li button[aria-current="true"] { background: var(--sel); }
.type { font-weight: 600; overflow-wrap: anywhere; }
.meta { color: var(--muted); font-size: .85rem; display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.badge { display: inline-block; font-size: .8rem; padding: 0 .45rem; border-radius: 999px; margin-left: .4rem; white-space: nowrap; }
.badge.valid { color: var(--ok-fg); background: var(--ok-bg); }
.badge.invalid { color: var(--bad-fg); background: var(--bad-bg); }
.badge.unknown { color: var(--unk-fg); background: var(--unk-bg); }
#detail { padding: 1rem; overflow: auto; display: flex; flex-direction: column; gap: .75rem; min-width: 0; }
#detail h2 { margin: 0; font-size: 1.2rem; overflow-wrap: anywhere; }
#detail p { margin: 0; }
h3 { margin: 0; font-size: 1rem; }
dl { display: grid; grid-template-columns: auto 1fr; gap: .2rem .8rem; margin: 0; }
dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; padding: .75rem; border: 1px solid var(--line); border-radius: 6px; }
.empty { color: var(--muted); }
@media (max-width: 700px) { main { grid-template-columns: 1fr; } nav { max-height: 40vh; border-right: 0; border-bottom: 1px solid var(--line); } }
`;

export const RECEIVER_JS = `
const $ = (id) => document.getElementById(id);
let deliveries = [];
let selected = null;

function el(tag, props, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}
const when = (iso) => new Date(iso).toLocaleString();
const badge = (verdict) => el('span', { className: 'badge ' + verdict, textContent: 'signature: ' + verdict });
const pretty = (body) => { try { return JSON.stringify(JSON.parse(body), null, 2); } catch { return body; } };

async function refresh() {
  try {
    const res = await fetch('/api/deliveries');
    const next = await res.json();
    const key = (list) => list.map((d) => d.id + d.signature).join();
    const changed = key(next) !== key(deliveries);
    deliveries = next;
    $('status').textContent = deliveries.length === 1 ? '1 delivery' : deliveries.length + ' deliveries';
    if (changed) { renderList(); renderDetail(false); }
  } catch {
    $('status').textContent = 'Receiver not reachable — retrying…';
  }
}

function renderList() {
  $('list').replaceChildren(...deliveries.map((d) => {
    const button = el('button', { type: 'button' },
      el('span', { className: 'type', textContent: d.eventType || '(not an event)' }), badge(d.signature),
      el('span', { className: 'meta', textContent: d.webhookId || '(no webhook-id)' }),
      el('span', { className: 'meta', textContent: d.path + ' · ' + d.status + ' · ' + when(d.receivedAt) }));
    button.setAttribute('aria-current', String(d.id === selected));
    button.addEventListener('click', () => { selected = d.id; renderList(); renderDetail(true); });
    return el('li', {}, button);
  }));
  if (selected && !deliveries.some((d) => d.id === selected)) { selected = null; renderDetail(false); }
}

function renderDetail(focus) {
  const d = deliveries.find((x) => x.id === selected);
  const detail = $('detail');
  if (!d) { detail.replaceChildren(el('p', { className: 'empty', textContent: 'Select a delivery.' })); return; }
  const dl = el('dl');
  const rows = [['Path', d.path], ['Received', when(d.receivedAt)], ['Answered', String(d.status)], ['webhook-id', d.webhookId || '—']];
  for (const [k, v] of rows) dl.append(el('dt', { textContent: k }), el('dd', { textContent: v }));
  const headers = Object.entries(d.headers).map(([k, v]) => k + ': ' + v).join('\\n');
  const note = d.signature === 'unknown'
    ? 'No secret is registered for ' + d.path + ', so the signature was not checked (POST /api/secrets).'
    : d.signature === 'valid' ? 'Verified with a secret registered for this path.' : 'No secret registered for this path matches.';
  detail.replaceChildren(
    el('h2', {}, d.eventType || '(not an event)', badge(d.signature)),
    el('p', { className: 'empty', textContent: note }), dl,
    el('h3', { textContent: 'Body' }), el('pre', { textContent: pretty(d.body) }),
    el('h3', { textContent: 'Headers' }), el('pre', { textContent: headers }));
  if (focus) detail.focus();
}

$('clear').addEventListener('click', async () => {
  if (!confirm('Delete all deliveries?')) return;
  await fetch('/api/deliveries', { method: 'DELETE' });
  refresh();
});
refresh();
setInterval(refresh, 2000);
`;
