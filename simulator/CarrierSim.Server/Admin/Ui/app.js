// CarrierSim dashboard: a plain ES module, no build step. Everything it shows comes from the
// admin API (/__admin/*); the admin token, when the simulator has one, is typed in by the user,
// kept in sessionStorage and sent as Authorization: Bearer. Data is always written with
// textContent, never as HTML: journal paths and account ids are whatever clients sent.

const TOKEN_KEY = 'carriersim.adminToken';
const JOURNAL_ROWS = 500;
const $ = id => document.getElementById(id);

/** Builds an element; children are nodes or text (never parsed as HTML). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const time = iso => (iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '');

/** An admin error: the RFC 9457 problem the API answered, or a transport failure. */
class AdminError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

function headers(extra = {}) {
  const t = token();
  return t ? { ...extra, Authorization: `Bearer ${t}` } : extra;
}

/** Calls the admin API; throws AdminError with the problem's detail on any error status. */
async function api(method, path, body) {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  let response;
  try {
    response = await fetch(`/__admin/${path}`, init);
  } catch (e) {
    throw new AdminError(0, { title: 'Network error', detail: `The simulator did not answer (${e.message}); is it still running?` });
  }
  if (response.status === 401) {
    const problem = await readProblem(response);
    showLogin(problem.detail);
    throw new AdminError(401, problem);
  }
  if (!response.ok) throw new AdminError(response.status, await readProblem(response));
  return response.status === 204 ? null : response.json();
}

async function readProblem(response) {
  try {
    const problem = await response.json();
    return { title: problem.title || response.statusText, detail: problem.detail || '', status: response.status };
  } catch {
    return { title: response.statusText || `HTTP ${response.status}`, detail: '', status: response.status };
  }
}

function showProblem(error) {
  const problem = error instanceof AdminError ? error.problem : { title: 'Error', detail: String(error?.message ?? error) };
  $('problem-title').textContent = `${problem.status ? problem.status + ' ' : ''}${problem.title ?? ''}`;
  $('problem-detail').textContent = problem.detail ?? '';
  $('problem').hidden = false;
}

/** Runs an action, showing its problem (unless it was a refusal that opened the login form). */
async function attempt(action) {
  try {
    $('problem').hidden = true;
    return await action();
  } catch (e) {
    if (!(e instanceof AdminError && e.status === 401)) showProblem(e);
    return undefined;
  }
}

// ---------- login ----------

let started = false;

function showLogin(detail) {
  stopJournal();
  $('app').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  if (token() && detail) {
    showProblem(new AdminError(401, { title: 'Unauthorized', status: 401, detail: `The token was refused: ${detail}` }));
  }
  $('token').focus();
}

async function openDashboard() {
  const info = await attempt(() => api('GET', 'info'));
  if (!info) return;
  $('login').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = !token();
  $('simulator').textContent = `${info.name} ${info.version} · seed ${info.seed} · ${info.dialects.map(d => d.name).join(', ')}`;
  const select = $('numbers-dialect');
  select.replaceChildren(el('option', { value: '' }, 'all'), ...info.dialects.map(d => el('option', { value: d.name }, d.name)));
  if (!started) {
    started = true;
    wire();
  }
  startJournal();
  refresh(currentTab);
}

// ---------- tabs ----------

let currentTab = 'journal';
const loaders = {
  journal: async () => {},
  orders: loadOrders,
  numbers: loadAccounts,
  chaos: loadChaos,
  clock: loadClock,
  inventory: loadStats,
};

function selectTab(name) {
  currentTab = name;
  for (const tab of document.querySelectorAll('[role=tab]')) tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  for (const panel of document.querySelectorAll('[role=tabpanel]')) panel.hidden = panel.id !== `tab-${name}`;
  refresh(name);
}

function refresh(name) {
  return attempt(loaders[name]);
}

// Other tabs change when requests arrive (orders placed, numbers bought, rules injected):
// reload the visible one shortly after the last journal event.
let refreshTimer;
function refreshSoon() {
  if (currentTab === 'journal' || currentTab === 'inventory') return;
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refresh(currentTab), 400);
}

// ---------- journal (server-sent events read with fetch, so the token can go in a header) ----------

let journalAbort;
let lastId = 0;

function stopJournal() {
  journalAbort?.abort();
  journalAbort = undefined;
  setConnection('offline');
}

function setConnection(state) {
  const badge = $('connection');
  badge.dataset.state = state;
  badge.textContent = state;
}

async function startJournal() {
  stopJournal();
  const abort = new AbortController();
  journalAbort = abort;
  let delay = 500;
  let reconnecting = false;
  while (!abort.signal.aborted) {
    try {
      if (reconnecting) await resync();
      reconnecting = true;
      const response = await fetch(`/__admin/journal/stream?since=${lastId}`, { headers: headers({ Accept: 'text/event-stream' }), signal: abort.signal });
      if (response.status === 401) {
        showLogin((await readProblem(response)).detail);
        return;
      }
      if (!response.ok) throw new AdminError(response.status, await readProblem(response));
      setConnection('live');
      delay = 500;
      await readEvents(response.body, abort.signal);
    } catch (e) {
      if (abort.signal.aborted) return;
      // A simulator that went away shows as "reconnecting" on the badge, not as a problem.
      if (e instanceof AdminError && e.status !== 0) showProblem(e);
    }
    setConnection('reconnecting');
    await new Promise(resolve => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 10000);
  }
}

/**
 * Before a reconnect: ids only grow while a simulator runs (clearing the journal keeps them), so a newest
 * id below the last one seen means the simulator was restarted; start again from its first entry.
 */
async function resync() {
  const page = await api('GET', 'journal?limit=1');
  const newest = page.entries.length ? page.entries[page.entries.length - 1].id : 0;
  if (newest < lastId) clearJournalRows();
}

function clearJournalRows() {
  lastId = 0;
  $('journal-rows').replaceChildren();
  $('journal-count').textContent = '';
}

/** Parses a text/event-stream body: events end at a blank line; lines starting with ':' are comments. */
async function readEvents(body, signal) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  signal.addEventListener('abort', () => reader.cancel().catch(() => {}), { once: true });
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = { type: 'message', data: [] };
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event.type = value;
        else if (field === 'id') event.id = value;
        else if (field === 'data') event.data.push(value);
      }
      if (event.type === 'request' && event.data.length) onRequest(JSON.parse(event.data.join('\n')));
    }
  }
}

function onRequest(entry) {
  if (entry.id <= lastId) return;
  lastId = entry.id;
  const rows = $('journal-rows');
  const row = el('tr', { dataset: { id: entry.id, search: [entry.dialect, entry.operation, entry.method, entry.path, entry.query, entry.status, entry.account, ...entry.injections].join(' ').toLowerCase() }, class: entry.status >= 500 ? 'error' : entry.status >= 400 ? 'warn' : null },
    el('td', {}, entry.id),
    el('td', {}, time(entry.at)),
    el('td', {}, entry.dialect),
    el('td', {}, entry.operation),
    el('td', { class: 'mono' }, `${entry.method} ${entry.path}${entry.query || ''}`),
    el('td', { class: 'status' }, entry.status),
    el('td', {}, entry.durationMs.toFixed(1)),
    el('td', { class: 'mono' }, entry.account ?? ''),
    el('td', {}, entry.injections.join(', ')));
  applyJournalFilter(row);
  rows.prepend(row);
  while (rows.childElementCount > JOURNAL_ROWS) rows.lastElementChild.remove();
  $('journal-count').textContent = `${rows.childElementCount} shown, newest first`;
  refreshSoon();
}

function applyJournalFilter(row) {
  const filter = $('journal-filter').value.trim().toLowerCase();
  row.hidden = filter !== '' && !row.dataset.search.includes(filter);
}

// ---------- orders ----------

async function loadOrders() {
  const status = $('orders-status').value;
  const orders = await api('GET', `orders${status ? `?status=${encodeURIComponent(status)}` : ''}`);
  orders.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  $('orders-rows').replaceChildren(...orders.map(o => el('tr', { dataset: { order: o.id }, class: 'clickable', onclick: () => attempt(() => showOrder(o.id)) },
    el('td', { class: 'mono' }, o.id),
    el('td', {}, o.dialect),
    el('td', { class: 'mono' }, o.account ?? ''),
    el('td', {}, o.type),
    el('td', {}, el('span', { class: `badge order-${o.status}` }, o.status)),
    el('td', {}, `${o.completed.length}/${o.requested.length}${o.failed.length ? ` (${o.failed.length} failed)` : ''}`),
    el('td', {}, time(o.createdAt)),
    el('td', {}, time(o.dueAt)),
    el('td', {}, time(o.updatedAt)))));
  const open = $('order-detail').dataset.order;
  if (open && !$('order-detail').hidden) await showOrder(open);
}

async function showOrder(id) {
  const [order, journal] = await Promise.all([api('GET', `orders/${encodeURIComponent(id)}`), api('GET', 'journal?limit=10000')]);
  // The order's timeline: when it was placed, when it falls due, when it settled, and every request that named it.
  const events = [{ at: order.createdAt, what: `placed (${order.type}, ${order.requested.length} number${order.requested.length === 1 ? '' : 's'}${order.partialAllowed ? ', partial allowed' : ''})` }];
  if (order.status === 'pending') events.push({ at: order.dueAt, what: order.dueAt ? 'due to settle' : 'pending until forced' });
  else events.push({ at: order.updatedAt, what: `${order.status}${order.errorMessage ? `: ${order.errorMessage}` : ''}` });
  for (const entry of journal.entries.filter(e => e.path.includes(order.id))) {
    events.push({ at: entry.at, what: `${entry.method} ${entry.path} → ${entry.status} (${entry.operation})` });
  }
  events.sort((a, b) => ((a.at ?? '9') < (b.at ?? '9') ? -1 : 1));
  const detail = $('order-detail');
  detail.dataset.order = order.id;
  detail.hidden = false;
  detail.replaceChildren(
    el('h2', {}, 'Order ', el('span', { class: 'mono' }, order.id), ' ', el('span', { class: `badge order-${order.status}`, id: 'order-status' }, order.status)),
    el('ol', { class: 'timeline' }, events.map(e => el('li', {}, el('time', {}, e.at ? time(e.at) : '—'), ' ', e.what))),
    el('p', {}, 'Requested: ', el('span', { class: 'mono' }, order.requested.join(', ') || '—')),
    el('p', {}, 'Completed: ', el('span', { class: 'mono' }, order.completed.join(', ') || '—')),
    el('p', {}, 'Failed: ', el('span', { class: 'mono' }, order.failed.join(', ') || '—')),
    order.status === 'pending'
      ? el('div', { class: 'toolbar' }, 'Force: ', ['complete', 'partial', 'failed'].map(to =>
        el('button', { type: 'button', onclick: () => attempt(async () => { await api('POST', `orders/${encodeURIComponent(order.id)}/transition`, { status: to }); await loadOrders(); }) }, to)))
      : '',
    el('button', { type: 'button', onclick: () => { detail.hidden = true; } }, 'Close'));
}

// ---------- numbers per tenant ----------

async function loadAccounts() {
  const dialect = $('numbers-dialect').value;
  const accounts = await api('GET', `accounts${dialect ? `?dialect=${encodeURIComponent(dialect)}` : ''}`);
  $('accounts').replaceChildren(accounts.length === 0 ? el('p', { class: 'muted' }, 'No tenants yet: a tenant appears when a client first calls a dialect with its credentials.') : '',
    ...accounts.map(a => el('article', { class: 'account', dataset: { dialect: a.dialect, account: a.id } },
      el('h3', {}, el('span', { class: 'badge' }, a.dialect), ' ', el('span', { class: 'mono' }, a.id)),
      el('p', { class: 'muted' }, `credit ${a.credit} · ${a.numbers.length} number${a.numbers.length === 1 ? '' : 's'} owned`),
      el('ul', { class: 'numbers mono' }, a.numbers.map(n => el('li', {}, n))))));
}

// ---------- chaos ----------

const RULE_FIELDS = ['fault', 'distribution', 'delayMs', 'minMs', 'maxMs', 'medianMs', 'sigma', 'statusCode', 'retryAfterSeconds', 'message', 'fillRatio', 'pendingSeconds', 'loss'];

async function loadChaos() {
  const [rules, scenarios, injections] = await Promise.all([api('GET', 'chaos/rules'), api('GET', 'scenarios'), api('GET', 'chaos/injections?limit=50')]);
  $('rules-rows').replaceChildren(
    rules.length === 0 ? el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No chaos rules: the simulator behaves like a healthy vendor.')) : '',
    ...rules.map(rule => {
      const target = Object.entries(rule.target ?? {}).filter(([, v]) => v != null).map(([k, v]) => `${k}=${v}`).join(' ') || 'everything';
      const settings = RULE_FIELDS.filter(f => rule[f] != null).map(f => `${f}=${rule[f]}`).join(' ');
      return el('tr', { dataset: { rule: rule.name } },
        el('td', {}, el('input', {
          type: 'checkbox', class: 'rule-enabled', 'aria-label': `enable ${rule.name}`, checked: rule.enabled,
          onchange: e => attempt(async () => {
            try {
              await api('PATCH', `chaos/rules/${encodeURIComponent(rule.name)}`, { enabled: e.target.checked });
            } finally {
              await loadChaos();
            }
          }),
        })),
        el('td', { class: 'mono' }, rule.name),
        el('td', {}, rule.kind),
        el('td', { class: 'mono' }, target),
        el('td', {}, `${rule.injectionRate}${rule.maxInjections != null ? ` (max ${rule.maxInjections})` : ''}`),
        el('td', {}, rule.injected ?? 0),
        el('td', { class: 'mono' }, settings),
        el('td', {}, el('button', { type: 'button', onclick: () => attempt(async () => { await api('DELETE', `chaos/rules/${encodeURIComponent(rule.name)}`); await loadChaos(); }) }, 'Delete')));
    }));

  $('scenario-current').textContent = scenarios.current ?? 'none';
  const select = $('scenario-select');
  const chosen = select.value || scenarios.current || '';
  select.replaceChildren(...scenarios.builtIn.map(s => el('option', { value: s.name }, s.name)));
  if (scenarios.builtIn.some(s => s.name === chosen)) select.value = chosen;
  describeScenario(scenarios.builtIn);
  select.onchange = () => describeScenario(scenarios.builtIn);

  $('injections-rows').replaceChildren(...injections.reverse().map(i => el('tr', {},
    el('td', {}, time(i.at)), el('td', { class: 'mono' }, i.rule), el('td', {}, i.kind), el('td', {}, i.dialect),
    el('td', {}, i.operation), el('td', { class: 'mono' }, i.account ?? ''), el('td', {}, i.detail))));
}

function describeScenario(builtIn) {
  const s = builtIn.find(x => x.name === $('scenario-select').value);
  $('scenario-description').textContent = s ? `${s.description ?? ''} (${s.rules.length} rule${s.rules.length === 1 ? '' : 's'})` : '';
}

// ---------- clock ----------

function showClock(clock) {
  $('clock-now').textContent = time(clock.now);
  $('clock-frozen').textContent = clock.frozen ? 'frozen' : 'running';
  $('clock-frozen').dataset.state = clock.frozen ? 'frozen' : 'running';
}

async function loadClock() {
  showClock(await api('GET', 'clock'));
}

async function advance(text) {
  const seconds = Number(text);
  const body = text.trim() !== '' && Number.isFinite(seconds) ? { seconds } : { duration: text.trim() };
  showClock(await api('POST', 'clock/advance', body));
}

// ---------- inventory ----------

async function loadStats() {
  const stats = await api('GET', 'inventory/stats');
  $('inventory-stats').textContent = `${stats.exchanges} exchanges in ${stats.ranges} ranges · ${stats.owned} owned · ${stats.takenByCompetitors} taken by competitors · ${stats.quarantined} quarantined`;
}

async function search(form) {
  const query = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (String(value).trim() !== '') query.set(name, String(value).trim());
  const numbers = await api('GET', `inventory/search?${query}`);
  $('inventory-summary').textContent = `${numbers.length} number${numbers.length === 1 ? '' : 's'} found`;
  // Rate centers in the results, with counts: choosing one narrows the search to it.
  const centers = new Map();
  for (const n of numbers) if (n.rateCenter) centers.set(`${n.rateCenter}|${n.region ?? ''}`, (centers.get(`${n.rateCenter}|${n.region ?? ''}`) ?? 0) + 1);
  $('rate-centers').replaceChildren(...[...centers].map(([key, count]) => {
    const [center, region] = key.split('|');
    return el('button', { type: 'button', class: 'chip', onclick: () => { form.elements.rateCenter.value = center; if (region) form.elements.state.value = region; attempt(() => search(form)); } }, `${center}${region ? `, ${region}` : ''} (${count})`);
  }));
  $('inventory-rows').replaceChildren(...numbers.map(n => el('tr', { dataset: { number: n.phoneNumber } },
    el('td', { class: 'mono' }, n.phoneNumber), el('td', {}, n.type), el('td', {}, n.rateCenter ?? ''), el('td', {}, n.lata ?? ''),
    el('td', {}, n.locality ?? ''), el('td', {}, n.region ?? ''), el('td', {}, n.country), el('td', {}, n.state))));
}

// ---------- wiring ----------

function wire() {
  for (const tab of document.querySelectorAll('[role=tab]')) tab.addEventListener('click', () => selectTab(tab.dataset.tab));
  $('journal-filter').addEventListener('input', () => { for (const row of $('journal-rows').children) applyJournalFilter(row); });
  $('journal-clear').addEventListener('click', () => attempt(async () => { await api('DELETE', 'journal'); $('journal-rows').replaceChildren(); $('journal-count').textContent = ''; }));
  $('orders-status').addEventListener('change', () => refresh('orders'));
  $('orders-refresh').addEventListener('click', () => refresh('orders'));
  $('numbers-dialect').addEventListener('change', () => refresh('numbers'));
  $('numbers-refresh').addEventListener('click', () => refresh('numbers'));
  $('scenario-form').addEventListener('submit', e => {
    e.preventDefault();
    attempt(async () => { await api('POST', `scenarios/${encodeURIComponent($('scenario-select').value)}/apply`); await loadChaos(); });
  });
  $('rule-form').addEventListener('submit', e => {
    e.preventDefault();
    attempt(async () => { await api('POST', 'chaos/rules', $('rule-json').value); await loadChaos(); });
  });
  $('advance-form').addEventListener('submit', e => {
    e.preventDefault();
    attempt(() => advance($('advance-by').value));
  });
  for (const button of document.querySelectorAll('button.advance')) button.addEventListener('click', () => attempt(() => advance(button.dataset.seconds)));
  $('clock-freeze').addEventListener('click', () => attempt(async () => showClock(await api('POST', 'clock/freeze'))));
  $('clock-unfreeze').addEventListener('click', () => attempt(async () => showClock(await api('POST', 'clock/unfreeze'))));
  $('inventory-form').addEventListener('submit', e => {
    e.preventDefault();
    attempt(() => search(e.target));
  });
}

$('problem-close').addEventListener('click', () => { $('problem').hidden = true; });
$('login-form').addEventListener('submit', e => {
  e.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token').value);
  $('token').value = '';
  openDashboard();
});
$('logout').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  showLogin();
  // Nothing read with the token stays on the page.
  clearJournalRows();
  for (const id of ['orders-rows', 'accounts', 'rules-rows', 'injections-rows', 'inventory-rows', 'rate-centers']) $(id).replaceChildren();
  $('order-detail').hidden = true;
});

openDashboard();
