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
  row.className = 'clickable';
  row.addEventListener('click', () => showAlert(a.id));
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
  const {alerts} = await api('/api/alerts?limit=1000');
  for (const a of alerts) alertRow(a, false);
  await showOverview(alerts);
  // new alerts as they are indexed (server-sent events), at the top
  if (events) events.close();
  events = new EventSource('/api/events');
  events.addEventListener('alert', e => alertRow(JSON.parse(e.data), true));
}

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const COLOURS = {critical: '#b00020', high: '#e8710a', medium: '#f9ab00', low: '#7cb342', info: '#9e9e9e'};
let charts = [];

/** Alerts by severity per hour of packet time, stacked; external destinations by country; the devices. */
async function showOverview(alerts) {
  charts.forEach(c => c.dispose());
  charts = [];
  const hours = [...new Set(alerts.map(a => Math.floor(a.timestampNanos / 3.6e12)))].sort((a, b) => a - b);
  const perHour = sev => hours.map(h => alerts.filter(a => a.severity === sev && Math.floor(a.timestampNanos / 3.6e12) === h).length);
  const bySeverity = echarts.init(document.getElementById('chart-alerts'));
  bySeverity.setOption({
    tooltip: {trigger: 'axis'}, legend: {data: SEVERITIES}, grid: {left: 40, right: 10, bottom: 30},
    xAxis: {type: 'category', data: hours.map(h => new Date(h * 3.6e6).toISOString().slice(5, 13) + 'h')},
    yAxis: {type: 'value', minInterval: 1},
    series: SEVERITIES.map(s => ({name: s, type: 'bar', stack: 'alerts', data: perHour(s), itemStyle: {color: COLOURS[s]}}))
  });
  charts.push(bySeverity);
  // flows to addresses outside the private and special ranges, by the country the bundled database gives
  const external = 'NOT ip.dst:10.0.0.0/8 AND NOT ip.dst:172.16.0.0/12 AND NOT ip.dst:192.168.0.0/16 AND NOT ip.dst:224.0.0.0/4'
      + ' AND NOT ip.dst:255.255.255.255 AND NOT ip.dst:fe80::/10 AND NOT ip.dst:ff00::/8 AND NOT ip.dst:127.0.0.0/8';
  const page = await api('/api/search?limit=0&facets=country.dst&facet_size=15&q=' + encodeURIComponent(external));
  const known = page.facets['country.dst'] || [];
  const unknown = page.total - known.reduce((sum, c) => sum + c.count, 0);
  const countries = known.map(c => ({value: c.value.toUpperCase(), count: c.count}))
      .concat(unknown > 0 ? [{value: 'unknown', count: unknown}] : []).reverse();
  const byCountry = echarts.init(document.getElementById('chart-countries'));
  byCountry.setOption({
    tooltip: {}, grid: {left: 80, right: 30, bottom: 30},
    xAxis: {type: 'value', name: 'flows'}, yAxis: {type: 'category', data: countries.map(c => c.value)},
    series: [{type: 'bar', data: countries.map(c => c.count), itemStyle: {color: '#1d5fa7'}}]
  });
  charts.push(byCountry);
  const body = document.querySelector('#devices tbody');
  body.replaceChildren();
  const {devices} = await api('/api/devices');
  for (const d of devices) {
    const row = body.insertRow();
    row.className = 'clickable';
    row.addEventListener('click', () => showDevice(d.address));
    const mark = document.createElement('span');
    mark.className = 'mark' + (d.alerts > 0 ? ' outside' : '');
    mark.title = d.alerts > 0 ? 'talked outside its declaration' : 'within its declaration';
    row.insertCell().append(mark);
    cell(row, d.address);
    cell(row, d.groups.join(', '));
    cell(row, d.flows);
    cell(row, d.alerts);
  }
}

let deviceGraph = null;

/** One device: its groups, whom it talked to (declared or not), and the same as a graph with undeclared edges red. */
async function showDevice(address) {
  const d = await api('/api/devices/' + encodeURIComponent(address));
  const section = document.getElementById('device-detail');
  section.hidden = false;
  document.getElementById('device-title').textContent = d.address;
  document.getElementById('device-groups').textContent = 'groups: ' + (d.groups.join(', ') || 'none') + ' · ' + d.flows_seen
      + ' flows · ' + d.alerts.length + ' alerts';
  const body = document.querySelector('#device-peers tbody');
  body.replaceChildren();
  for (const p of d.peers) {
    const row = body.insertRow();
    cell(row, p.address + (p.port >= 0 ? ':' + p.port : ''));
    cell(row, p.transport);
    cell(row, p.flows);
    cell(row, p.bytes_out);
    cell(row, p.declared === null ? '?' : p.declared ? 'yes' : 'no', p.declared === false ? 'undeclared' : '');
  }
  if (deviceGraph) deviceGraph.dispose();
  deviceGraph = echarts.init(document.getElementById('device-graph'));
  const peers = [...new Map(d.peers.map(p => [p.address, p])).values()];
  const undeclared = new Set(d.peers.filter(p => p.declared === false).map(p => p.address));
  deviceGraph.setOption({
    tooltip: {},
    series: [{type: 'graph', layout: 'force', roam: true, force: {repulsion: 200, edgeLength: 90}, label: {show: true},
      data: [{name: d.address, symbolSize: 40, itemStyle: {color: '#1d2330'}}]
          .concat(peers.map(p => ({name: p.address, symbolSize: 18,
            itemStyle: {color: undeclared.has(p.address) ? '#b00020' : '#3c8d3c'}}))),
      links: peers.map(p => ({source: d.address, target: p.address,
        lineStyle: {color: undeclared.has(p.address) ? '#b00020' : '#9e9e9e', width: undeclared.has(p.address) ? 2 : 1}}))}]
  });
  section.scrollIntoView();
}

function flowRows(body, hits) {
  body.replaceChildren();
  for (const hit of hits) {
    const f = hit.fields, row = body.insertRow();
    cell(row, time(hit.startNanos));
    cell(row, hit.uid);
    cell(row, f['ip.src'] + ':' + (f['port.src'] ?? ''));
    cell(row, f['ip.dst'] + ':' + (f['port.dst'] ?? ''));
    cell(row, f['flow.service']);
    cell(row, [f['tls.sni'], f['dns.query'], f['http.host']].flat().filter(Boolean).join(' '));
  }
}

/** One alert: the why, the evidence flows (the query alert:ID), its packets, triage and acceptance. */
async function showAlert(id) {
  const a = await api('/api/alerts/' + encodeURIComponent(id));
  const detail = document.getElementById('alert-detail');
  detail.hidden = false;
  detail.dataset.alert = id;
  document.getElementById('detail-title').textContent = a.title;
  document.getElementById('detail-severity').textContent = a.severity;
  document.getElementById('detail-category').textContent = a.category;
  document.getElementById('detail-attack').textContent = (a.attack || []).join(', ');
  document.getElementById('detail-why').textContent = a.why;
  document.getElementById('detail-error').textContent = '';
  document.getElementById('detail-pcap').href = '/api/alerts/' + encodeURIComponent(id) + '/pcap';
  const page = await api('/api/search?limit=100&q=' + encodeURIComponent('alert:' + id));
  flowRows(document.querySelector('#detail-flows tbody'), page.hits);
  await showTriage(id);
  detail.scrollIntoView();
}

async function showTriage(id) {
  const list = document.getElementById('detail-triage');
  list.replaceChildren();
  for (const t of (await api('/api/alerts/' + encodeURIComponent(id) + '/triage')).triage) {
    const item = document.createElement('li');
    item.textContent = t.ts + ' ' + t.status + ' by ' + t.user + (t.comment ? ': ' + t.comment : '');
    list.append(item);
  }
}

async function triage(status) {
  const id = document.getElementById('alert-detail').dataset.alert;
  try {
    await api('/api/alerts/' + encodeURIComponent(id) + '/triage', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({status, comment: ''})});
    await showTriage(id);
  } catch (e) {
    document.getElementById('detail-error').textContent = e.message;
  }
}

document.getElementById('detail-ack').addEventListener('click', () => triage('acknowledged'));
document.getElementById('detail-fp').addEventListener('click', () => triage('false-positive'));
document.getElementById('detail-accept').addEventListener('click', async () => {
  const id = document.getElementById('alert-detail').dataset.alert;
  try {
    await api('/api/alerts/' + encodeURIComponent(id) + '/accept', {method: 'POST'});
    document.getElementById('detail-error').textContent = 'accepted into the policy';
  } catch (e) {
    document.getElementById('detail-error').textContent = e.message;
  }
});

const FACETS = ['ip.dst', 'port.dst', 'flow.service', 'country.dst'];
let histogram = null;

/** A value clicked in a facet narrows the query to it. */
function narrow(field, value) {
  const input = document.querySelector('#search input[name=q]');
  const term = field + ':' + (/^[\w.:\/-]+$/.test(value) ? value : '"' + value.replace(/["\\]/g, '\\$&') + '"');
  input.value = input.value.trim() ? input.value.trim() + ' AND ' + term : term;
  search(input.value);
}

function showFacets(facets) {
  const box = document.getElementById('facets');
  box.replaceChildren();
  for (const field of FACETS) {
    const column = document.createElement('div');
    const title = document.createElement('h3');
    title.textContent = field;
    const list = document.createElement('ul');
    list.dataset.field = field;
    for (const f of facets[field] || []) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = f.value + ' (' + f.count + ')';
      button.addEventListener('click', () => narrow(field, f.value));
      item.append(button);
      list.append(item);
    }
    column.append(title, list);
    box.append(column);
  }
}

function showHistogram(page) {
  if (histogram) histogram.dispose();
  histogram = echarts.init(document.getElementById('search-histogram'));
  histogram.setOption({
    tooltip: {trigger: 'axis'}, grid: {left: 50, right: 10, top: 10, bottom: 25},
    xAxis: {type: 'category', data: page.histogram.map(b => time(b.startNanos).slice(5, 16))},
    yAxis: {type: 'value', minInterval: 1},
    series: [{type: 'bar', data: page.histogram.map(b => b.count), itemStyle: {color: '#1d5fa7'}}]
  });
}

async function search(q) {
  const body = document.querySelector('#flows tbody');
  const error = document.getElementById('search-error');
  body.replaceChildren();
  error.textContent = '';
  try {
    const page = await api('/api/search?limit=100&histogram=48&facets=' + FACETS.join(',') + '&q=' + encodeURIComponent(q));
    flowRows(body, page.hits);
    document.getElementById('search-total').textContent = page.total + ' flows';
    showFacets(page.facets);
    showHistogram(page);
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
