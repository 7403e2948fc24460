// The inbox UI: one static page + one script, no build step. Message HTML is only ever shown in
// a sandboxed iframe (no scripts, opaque origin), text through textContent.

export const INBOX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Inbox · Groundwork dev mail</title>
<link rel="stylesheet" href="/inbox.css">
<script src="/inbox.js" defer></script>
</head>
<body>
<header>
  <h1>Dev inbox</h1>
  <p id="status" role="status">Loading…</p>
  <form id="filter" role="search">
    <label for="to">Recipient</label>
    <input id="to" type="search" placeholder="user@example.com" autocomplete="off">
  </form>
  <button type="button" id="clear">Delete all</button>
</header>
<main>
  <nav aria-label="Messages"><ul id="list"></ul></nav>
  <section id="detail" aria-label="Selected message" tabindex="-1">
    <p class="empty">Select a message. Mail sent by the apps to any address lands here.</p>
  </section>
</main>
</body>
</html>`;

export const INBOX_CSS = `
:root { color-scheme: light dark; --fg: #1b1b1f; --bg: #fff; --muted: #5d5d66; --line: #d9d9de; --accent: #2f5fd0; --sel: #e8eefc; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececf1; --bg: #141417; --muted: #a4a4ae; --line: #34343b; --accent: #8fb0ff; --sel: #232a3d; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); height: 100vh; display: flex; flex-direction: column; }
header { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; padding: .75rem 1rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.1rem; margin: 0; }
#status { margin: 0; color: var(--muted); flex: 1; }
label { color: var(--muted); margin-right: .4rem; }
input, button { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: .35rem .6rem; }
button { cursor: pointer; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
main { flex: 1; display: grid; grid-template-columns: minmax(16rem, 24rem) 1fr; min-height: 0; }
nav { border-right: 1px solid var(--line); overflow: auto; }
ul { list-style: none; margin: 0; padding: 0; }
li button { display: block; width: 100%; text-align: left; border: 0; border-bottom: 1px solid var(--line); border-radius: 0; padding: .6rem 1rem; }
li button[aria-current="true"] { background: var(--sel); }
.subject { font-weight: 600; display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.meta { color: var(--muted); font-size: .85rem; display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
#detail { padding: 1rem; overflow: auto; display: flex; flex-direction: column; gap: .75rem; }
#detail h2 { margin: 0; font-size: 1.2rem; }
dl { display: grid; grid-template-columns: auto 1fr; gap: .2rem .8rem; margin: 0; }
dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
.tabs { display: flex; gap: .5rem; align-items: center; }
.tabs [aria-pressed="true"] { border-color: var(--accent); color: var(--accent); }
iframe { flex: 1; min-height: 24rem; width: 100%; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
pre { white-space: pre-wrap; margin: 0; padding: .75rem; border: 1px solid var(--line); border-radius: 6px; }
.empty { color: var(--muted); }
@media (max-width: 700px) { main { grid-template-columns: 1fr; } nav { max-height: 40vh; border-right: 0; border-bottom: 1px solid var(--line); } }
`;

export const INBOX_JS = `
const $ = (id) => document.getElementById(id);
let messages = [];
let selected = null;
let view = 'html';

function el(tag, props, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}
const when = (iso) => new Date(iso).toLocaleString();

async function refresh() {
  const to = $('to').value.trim();
  try {
    const res = await fetch('/api/messages' + (to ? '?to=' + encodeURIComponent(to) : ''));
    const next = await res.json();
    const changed = next.map((m) => m.id).join() !== messages.map((m) => m.id).join();
    messages = next;
    $('status').textContent = messages.length === 1 ? '1 message' : messages.length + ' messages';
    if (changed) renderList();
  } catch {
    $('status').textContent = 'Mail catcher not reachable — retrying…';
  }
}

function renderList() {
  $('list').replaceChildren(...messages.map((m) => {
    const button = el('button', { type: 'button' },
      el('span', { className: 'subject', textContent: m.subject || '(no subject)' }),
      el('span', { className: 'meta', textContent: 'To ' + m.to.join(', ') }),
      el('span', { className: 'meta', textContent: (m.from || 'unknown sender') + ' · ' + when(m.date) }));
    button.setAttribute('aria-current', String(m.id === selected));
    button.addEventListener('click', () => { selected = m.id; view = m.html ? 'html' : 'text'; renderList(); renderDetail(true); });
    return el('li', {}, button);
  }));
  if (selected && !messages.some((m) => m.id === selected)) { selected = null; renderDetail(false); }
}

function renderDetail(focus) {
  const m = messages.find((x) => x.id === selected);
  const detail = $('detail');
  if (!m) { detail.replaceChildren(el('p', { className: 'empty', textContent: 'Select a message.' })); return; }
  const dl = el('dl');
  for (const [k, v] of [['From', m.from], ['To', m.to.join(', ')], ['Date', when(m.date)]]) dl.append(el('dt', { textContent: k }), el('dd', { textContent: v }));
  const tab = (name, label, disabled) => {
    const b = el('button', { type: 'button', textContent: label, disabled });
    b.setAttribute('aria-pressed', String(view === name));
    b.addEventListener('click', () => { view = name; renderDetail(false); });
    return b;
  };
  const tabs = el('div', { className: 'tabs' }, tab('html', 'HTML', !m.html), tab('text', 'Text', !m.text),
    el('a', { href: '/api/messages/' + m.id + '/raw', textContent: 'Download .eml' }));
  const body = view === 'html' && m.html
    ? el('iframe', { src: '/api/messages/' + m.id + '/html', title: 'HTML body of ' + (m.subject || 'message'), sandbox: '' })
    : el('pre', { textContent: m.text || '(no text part)' });
  detail.replaceChildren(el('h2', { textContent: m.subject || '(no subject)' }), dl, tabs, body);
  if (focus) detail.focus();
}

$('filter').addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
$('to').addEventListener('input', () => refresh());
$('clear').addEventListener('click', async () => {
  if (!confirm('Delete all messages?')) return;
  await fetch('/api/messages', { method: 'DELETE' });
  refresh();
});
refresh();
setInterval(refresh, 2000);
`;
