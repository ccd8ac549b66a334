// The dashboard's page. Every string from the API goes into the page as text (textContent), never
// as markup: an SNI of <img src=x onerror=alert(1)> shows as those characters.
'use strict';
let csrf = null;

async function api(path, options = {}) {
  const headers = Object.assign({'Accept': 'application/json'}, options.headers || {});
  if (options.method && options.method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const response = await fetch(path, Object.assign({}, options, {headers, credentials: 'same-origin'}));
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(body.error || response.statusText), {status: response.status});
  return body;
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text == null ? '' : String(text);
  if (className) td.className = className;
}

function time(nanos) {
  return new Date(nanos / 1e6).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

const shown = new Set();
let events = null;

function alertRow(a, atTop) {
  if (shown.has(a.id)) return;
  shown.add(a.id);
  const body = document.querySelector('#alerts tbody');
  const row = body.insertRow(atTop ? 0 : -1);
  cell(row, time(a.timestampNanos));
  cell(row, a.severity, 'sev-' + a.severity);
  cell(row, a.category);
  cell(row, a.deviceAddress + (a.deviceName ? ' ' + a.deviceName : ''));
  cell(row, a.remoteAddress ? a.remoteAddress + (a.remoteName ? ' (' + a.remoteName + ')' : '') : '');
  cell(row, a.title);
}

async function showAlerts() {
  document.querySelector('#alerts tbody').replaceChildren();
  shown.clear();
  const {alerts} = await api('/api/alerts?limit=200');
  for (const a of alerts) alertRow(a, false);
  // new alerts as they are indexed (server-sent events), at the top
  if (events) events.close();
  events = new EventSource('/api/events');
  events.addEventListener('alert', e => alertRow(JSON.parse(e.data), true));
}

async function search(q) {
  const body = document.querySelector('#flows tbody');
  const error = document.getElementById('search-error');
  body.replaceChildren();
  error.textContent = '';
  try {
    const page = await api('/api/search?limit=100&q=' + encodeURIComponent(q));
    for (const hit of page.hits) {
      const f = hit.fields, row = body.insertRow();
      cell(row, time(hit.startNanos));
      cell(row, hit.uid);
      cell(row, f['ip.src'] + ':' + (f['port.src'] ?? ''));
      cell(row, f['ip.dst'] + ':' + (f['port.dst'] ?? ''));
      cell(row, f['flow.service']);
      cell(row, [f['tls.sni'], f['dns.query'], f['http.host']].flat().filter(Boolean).join(' '));
    }
  } catch (e) {
    error.textContent = e.message;
  }
}

async function start() {
  try {
    const me = await api('/api/me');
    csrf = me.csrf;
    document.getElementById('who').textContent = me.name + ' (' + me.role + ')';
    document.getElementById('login').hidden = true;
    document.getElementById('app').hidden = false;
    document.getElementById('logout').hidden = false;
    await showAlerts();
  } catch (e) {
    document.getElementById('login').hidden = false;
    document.getElementById('app').hidden = true;
  }
}

document.getElementById('login').addEventListener('submit', async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const me = await api('/api/login', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({name: form.get('name'), password: form.get('password')})});
    csrf = me.csrf;
    await start();
  } catch (e) {
    document.getElementById('login-error').textContent = e.message;
  }
});
document.getElementById('logout').addEventListener('click', async () => {
  await api('/api/logout', {method: 'POST'}).catch(() => {});
  if (events) events.close();
  csrf = null;
  await start();
});
document.getElementById('search').addEventListener('submit', event => {
  event.preventDefault();
  search(new FormData(event.target).get('q'));
});
start();
