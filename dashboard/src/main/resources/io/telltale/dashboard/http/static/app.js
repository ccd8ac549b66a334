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

/** Whether an alert passes the list's filters. */
function wanted(a) {
  const form = document.getElementById('alert-filter');
  return (!form.elements.severity.value || a.severity === form.elements.severity.value)
      && (!form.elements.category.value || a.category === form.elements.category.value);
}

function alertRow(a, atTop) {
  if (shown.has(a.id) || !wanted(a)) return;
  shown.add(a.id);
  const body = document.querySelector('#alerts tbody');
  const row = body.insertRow(atTop ? 0 : -1);
  row.className = 'clickable';
  row.addEventListener('click', () => showAlert(a.id));
  cell(row, time(a.timestampNanos));
  cell(row, a.severity, 'sev-' + a.severity);
  cell(row, a.category);
  cell(row, [a.deviceAddress, a.deviceName].filter(Boolean).join(' '));
  cell(row, a.remoteAddress ? a.remoteAddress + (a.remoteName ? ' (' + a.remoteName + ')' : '') : '');
  cell(row, a.title);
}

/** The alert list as the filters ask, newest first. */
async function listAlerts() {
  document.querySelector('#alerts tbody').replaceChildren();
  shown.clear();
  const form = document.getElementById('alert-filter');
  const filter = (form.elements.severity.value ? '&severity=' + form.elements.severity.value : '')
      + (form.elements.category.value ? '&category=' + encodeURIComponent(form.elements.category.value) : '');
  const {alerts} = await api('/api/alerts?limit=1000' + filter);
  for (const a of alerts) alertRow(a, false);
  document.getElementById('alert-count').textContent = alerts.length + ' alerts';
  return alerts;
}

async function showAlerts() {
  const alerts = await listAlerts();
  const categories = document.getElementById('alert-filter').elements.category;
  for (const c of [...new Set(alerts.map(a => a.category))].sort()) {
    if (![...categories.options].some(o => o.value === c)) categories.add(new Option(c, c));
  }
  showHealth(await api('/api/health'));
  await showOverview(alerts);
  // new alerts as they are indexed (server-sent events), at the top; the health every five seconds
  if (events) events.close();
  events = new EventSource('/api/events');
  events.addEventListener('alert', e => alertRow(JSON.parse(e.data), true));
  events.addEventListener('health', e => showHealth(JSON.parse(e.data)));
}

let lastHealth = null;

/** The capture's rate (from the change since the last report), drops, flows, the index's lag and the SIEM backlog. */
function showHealth(h) {
  const c = h.capture || {}, ix = h.index || {};
  const seconds = lastHealth ? h.uptime_seconds - lastHealth.uptime_seconds : 0;
  const rate = seconds > 0 ? Math.max(0, (c.packets - lastHealth.capture.packets) / seconds) : null;
  lastHealth = h;
  const figures = [
    ['packets/s', rate == null ? '…' : Math.round(rate).toLocaleString('en')],
    ['packets', (c.packets || 0).toLocaleString('en')],
    ['kernel drops', (c.kernel_drops || 0).toLocaleString('en')],
    ['interface drops', (c.interface_drops || 0).toLocaleString('en')],
    ['shed', (c.shed || 0).toLocaleString('en')],
    ['active flows', (c.flows_active || 0).toLocaleString('en')],
    ['flows indexed', (ix.flows || 0).toLocaleString('en')],
    ['index lag', (ix.lag_seconds || 0).toFixed(1) + ' s'],
    ['index size', ((ix.size_bytes || 0) / 1048576).toFixed(1) + ' MiB'],
    ['alerts', (h.alerts || 0).toLocaleString('en')],
    ['waiting for the SIEM', (h.siem_waiting || 0).toLocaleString('en')],
    ['not writing', (h.not_writing || []).join(', ') || 'none'],
  ];
  const list = document.getElementById('health');
  list.replaceChildren();
  for (const [name, value] of figures) {
    const item = document.createElement('div');
    const term = document.createElement('dt');
    term.textContent = name;
    const data = document.createElement('dd');
    data.textContent = value;
    if ((name.endsWith('drops') || name === 'shed') && value !== '0') data.className = 'undeclared';
    if (name === 'not writing' && value !== 'none') data.className = 'undeclared'; // a full disk: evidence is being lost
    item.append(term, data);
    list.append(item);
  }
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

let deviceGraph = null, deviceTraffic = null;

/** One device: its groups, whom it talked to (declared or not), and the same as a graph with undeclared edges red. */
async function showDevice(address) {
  const d = await api('/api/devices/' + encodeURIComponent(address));
  const section = document.getElementById('device-detail');
  section.hidden = false;
  document.getElementById('device-title').textContent = d.address;
  document.getElementById('device-groups').textContent = 'groups: ' + (d.groups.join(', ') || 'none') + ' · ' + d.flows_total
      + ' flows · ' + d.alerts.length + ' alerts';
  document.getElementById('device-seen').textContent = d.first_seen_nanos == null ? 'never seen'
      : 'first seen ' + time(d.first_seen_nanos) + ' · last seen ' + time(d.last_seen_nanos);
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
  if (deviceTraffic) deviceTraffic.dispose();
  deviceTraffic = echarts.init(document.getElementById('device-traffic'));
  deviceTraffic.setOption({
    tooltip: {trigger: 'axis'}, grid: {left: 50, right: 10, top: 10, bottom: 25},
    xAxis: {type: 'category', data: d.traffic.map(b => time(b.startNanos).slice(5, 16))},
    yAxis: {type: 'value', minInterval: 1, name: 'flows'},
    series: [{type: 'bar', data: d.traffic.map(b => b.count), itemStyle: {color: '#1d5fa7'}}]
  });
  section.scrollIntoView();
}

/** The columns a result table may show: the label, the fields they need, and how a hit becomes the cell's text. */
const COLUMNS = {
  start: {label: 'Start', fields: [], text: hit => time(hit.startNanos)},
  uid: {label: 'uid', fields: [], text: hit => hit.uid},
  source: {label: 'Source', fields: ['ip.src', 'port.src'], text: hit => hit.fields['ip.src'] + ':' + (hit.fields['port.src'] ?? '')},
  destination: {label: 'Destination', fields: ['ip.dst', 'port.dst'],
    text: hit => hit.fields['ip.dst'] + ':' + (hit.fields['port.dst'] ?? '')},
  service: {label: 'Service', fields: ['flow.service'], text: hit => hit.fields['flow.service']},
  bytes_out: {label: 'Bytes out', fields: ['bytes.out'], text: hit => hit.fields['bytes.out']},
  bytes_in: {label: 'Bytes in', fields: ['bytes.in'], text: hit => hit.fields['bytes.in']},
  duration: {label: 'Duration (s)', fields: ['flow.duration'],
    text: hit => hit.fields['flow.duration'] == null ? '' : (hit.fields['flow.duration'] / 1e9).toFixed(3)},
  country: {label: 'Country', fields: ['country.dst'], text: hit => hit.fields['country.dst']},
  device: {label: 'Device', fields: ['device.src'], text: hit => [hit.fields['device.src']].flat().filter(Boolean).join(', ')},
  ja4: {label: 'JA4', fields: ['tls.ja4'], text: hit => hit.fields['tls.ja4']},
  state: {label: 'State', fields: ['flow.state'], text: hit => hit.fields['flow.state']},
  names: {label: 'Names', fields: ['tls.sni', 'dns.query', 'http.host'],
    text: hit => [hit.fields['tls.sni'], hit.fields['dns.query'], hit.fields['http.host']].flat().filter(Boolean).join(' ')},
};
const EVIDENCE_COLUMNS = ['start', 'uid', 'source', 'destination', 'service', 'names'];
let chosenColumns = ['start', 'uid', 'source', 'destination', 'service', 'bytes_out', 'names'];

function flowRows(table, hits, columns) {
  const head = table.tHead.rows[0];
  head.replaceChildren();
  for (const c of columns) {
    const th = document.createElement('th');
    th.textContent = COLUMNS[c].label;
    head.append(th);
  }
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const hit of hits) {
    const row = body.insertRow();
    row.className = 'clickable';
    row.addEventListener('click', () => showFlow(hit.uid));
    for (const c of columns) cell(row, COLUMNS[c].text(hit));
  }
}

/** One flow: every field of its documents, and its packets. */
async function showFlow(uid) {
  const {documents} = await api('/api/flows/' + encodeURIComponent(uid));
  const section = document.getElementById('flow-detail');
  section.hidden = false;
  document.getElementById('flow-title').textContent = 'Flow ' + uid + (documents.length > 1 ? ' (' + documents.length + ' records)' : '');
  document.getElementById('flow-pcap').href = '/api/flows/' + encodeURIComponent(uid) + '/pcap';
  const body = document.querySelector('#flow-fields tbody');
  body.replaceChildren();
  const last = documents[documents.length - 1];
  for (const [name, value] of Object.entries(last.fields).sort(([a], [b]) => a.localeCompare(b))) {
    const row = body.insertRow();
    cell(row, name);
    cell(row, Array.isArray(value) ? value.join(', ') : value);
  }
  section.scrollIntoView();
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
  document.getElementById('detail-evidence').href = '/api/alerts/' + encodeURIComponent(id) + '/evidence';
  const page = await api('/api/search?limit=100&q=' + encodeURIComponent('alert:' + id));
  flowRows(document.getElementById('detail-flows'), page.hits, EVIDENCE_COLUMNS);
  await showSeries(id);
  await showTriage(id);
  detail.scrollIntoView();
}

let seriesCharts = [];

/** A beacon's interval histogram and timeline, or a DNS tunnel's subdomains, from every flow behind the alert. */
async function showSeries(id) {
  seriesCharts.forEach(c => c.dispose());
  seriesCharts = [];
  const s = await api('/api/alerts/' + encodeURIComponent(id) + '/series');
  const beacon = document.getElementById('detail-beacon'), tunnel = document.getElementById('detail-tunnel');
  beacon.hidden = s.kind !== 'beacon';
  tunnel.hidden = s.kind !== 'dns-tunnel';
  if (s.kind === 'beacon') {
    document.getElementById('beacon-summary').textContent = s.connections + ' connections, one every '
        + Math.round(s.median_interval_seconds) + ' s on the median' + (s.truncated ? ' (the first ' + s.connections + ')' : '');
    const intervals = echarts.init(document.getElementById('beacon-intervals'));
    intervals.setOption({
      tooltip: {trigger: 'axis'}, grid: {left: 40, right: 10, top: 10, bottom: 40},
      xAxis: {type: 'category', name: 's', data: s.intervals.map(b => Math.round(b.from_seconds) + (b.width_seconds > 1
          ? '–' + Math.round(b.from_seconds + b.width_seconds) : ''))},
      yAxis: {type: 'value', minInterval: 1},
      series: [{type: 'bar', data: s.intervals.map(b => b.count), itemStyle: {color: '#b00020'}}]
    });
    const timeline = echarts.init(document.getElementById('beacon-timeline'));
    timeline.setOption({
      tooltip: {trigger: 'item'}, grid: {left: 60, right: 10, top: 10, bottom: 30},
      xAxis: {type: 'time'}, yAxis: {type: 'value', name: 'bytes out'},
      series: [{type: 'scatter', symbolSize: 6, data: s.timeline.map(p => [p.start_nanos / 1e6, p.bytes_out]),
        itemStyle: {color: '#1d5fa7'}}]
    });
    seriesCharts.push(intervals, timeline);
  } else if (s.kind === 'dns-tunnel') {
    document.getElementById('tunnel-summary').textContent = s.unique_subdomains + ' different names under ' + s.domain
        + ' in ' + s.flows + ' flows' + (s.truncated ? ' (the first ' + s.subdomains.length + ' listed)' : '');
    const body = document.querySelector('#tunnel-names tbody');
    body.replaceChildren();
    for (const n of s.subdomains) {
      const row = body.insertRow();
      cell(row, time(n.first_nanos));
      cell(row, n.name, 'machine-name');
      cell(row, n.label.length);
      cell(row, n.count);
    }
  }
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
      body: JSON.stringify({status, comment: document.getElementById('detail-comment').value})});
    document.getElementById('detail-comment').value = '';
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

/** The time picker as the API's since and until: an age (7d) or two UTC times. */
function timeRange() {
  const form = document.getElementById('search');
  const range = form.elements.range.value;
  if (range === 'custom') {
    const since = form.elements.since.value, until = form.elements.until.value;
    return (since ? '&since=' + encodeURIComponent(since + 'Z') : '') + (until ? '&until=' + encodeURIComponent(until + 'Z') : '');
  }
  return range ? '&since=' + range : '';
}

async function search(q) {
  const table = document.getElementById('flows');
  const error = document.getElementById('search-error');
  table.tBodies[0].replaceChildren();
  error.textContent = '';
  try {
    const fields = [...new Set(chosenColumns.flatMap(c => COLUMNS[c].fields))];
    const page = await api('/api/search?limit=100&histogram=48&facets=' + FACETS.join(',') + '&fields=' + fields.join(',')
        + timeRange() + '&q=' + encodeURIComponent(q));
    flowRows(table, page.hits, chosenColumns);
    document.getElementById('search-total').textContent = page.total + ' flows';
    const pcap = document.getElementById('search-pcap');
    pcap.hidden = page.total === 0;
    pcap.href = '/api/pcap?q=' + encodeURIComponent(q) + timeRange();
    showFacets(page.facets);
    showHistogram(page);
  } catch (e) {
    error.textContent = e.message;
  }
}

/** The column choices, as checkboxes; a change shows the result again. */
function showColumnChoices() {
  const box = document.getElementById('columns');
  box.querySelectorAll('label').forEach(l => l.remove());
  for (const [key, column] of Object.entries(COLUMNS)) {
    const label = document.createElement('label');
    const box2 = document.createElement('input');
    box2.type = 'checkbox';
    box2.name = 'column';
    box2.value = key;
    box2.checked = chosenColumns.includes(key);
    box2.addEventListener('change', () => {
      chosenColumns = Object.keys(COLUMNS).filter(k => box.querySelector('input[value="' + k + '"]').checked);
      search(document.querySelector('#search input[name=q]').value);
    });
    label.append(box2, ' ' + column.label);
    box.append(label);
  }
}

let queryFields = [];
let completionAt = -1;

/** The word being typed, where it starts, and the operator before it (-, !, +) that stays. */
function currentWord(input) {
  const upTo = input.value.slice(0, input.selectionStart);
  const start = Math.max(upTo.lastIndexOf(' '), upTo.lastIndexOf('(')) + 1;
  const prefix = /^[-!+]/.test(upTo.slice(start)) ? 1 : 0;
  return {start: start + prefix, word: upTo.slice(start + prefix)};
}

/** Completion of field names from the catalog: the names that start with what is typed, with their type. */
function complete() {
  const input = document.querySelector('#search input[name=q]');
  const list = document.getElementById('completions');
  const hint = document.getElementById('field-hint');
  const {word} = currentWord(input);
  const colon = word.indexOf(':');
  if (colon > 0) {
    const field = queryFields.find(f => f.name === word.slice(0, colon));
    hint.textContent = field ? field.name + ' (' + field.type + '): ' + field.description : '';
    list.hidden = true;
    return;
  }
  hint.textContent = '';
  const matches = word ? queryFields.filter(f => f.name.startsWith(word.toLowerCase())).slice(0, 12) : [];
  list.replaceChildren();
  completionAt = matches.length ? 0 : -1;
  matches.forEach((f, i) => {
    const item = document.createElement('li');
    item.textContent = f.name;
    const type = document.createElement('span');
    type.className = 'type';
    type.textContent = ' ' + f.type;
    item.append(type);
    item.dataset.name = f.name;
    if (i === 0) item.className = 'chosen';
    item.addEventListener('mousedown', e => { e.preventDefault(); accept(f.name); });
    list.append(item);
  });
  list.hidden = matches.length === 0;
}

function accept(name) {
  const input = document.querySelector('#search input[name=q]');
  const {start} = currentWord(input);
  const rest = input.value.slice(input.selectionStart);
  input.value = input.value.slice(0, start) + name + ':' + rest;
  const caret = start + name.length + 1;
  input.setSelectionRange(caret, caret);
  input.focus();
  complete();
}

function completionKeys(event) {
  const list = document.getElementById('completions');
  if (list.hidden) return;
  const items = [...list.children];
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    completionAt = (completionAt + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
    items.forEach((item, i) => item.className = i === completionAt ? 'chosen' : '');
  } else if (event.key === 'Tab' || (event.key === 'Enter' && completionAt >= 0)) {
    event.preventDefault();
    accept(items[completionAt].dataset.name);
  } else if (event.key === 'Escape') {
    list.hidden = true;
  }
}

/** The API's routes from its OpenAPI document, for a person to read. */
async function showApi() {
  const doc = await api('/api/openapi.json');
  const body = document.querySelector('#api tbody');
  body.replaceChildren();
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/') && path !== '/metrics') continue;
    for (const [method, op] of Object.entries(item)) {
      const row = body.insertRow();
      cell(row, method.toUpperCase());
      cell(row, path, 'code');
      cell(row, op['x-telltale-role']);
      cell(row, (op.parameters || []).map(p => p.name + (p.in === 'path' ? ' (path)' : '') + (p.description ? ': ' + p.description : ''))
          .join('\n'), 'parameters');
      cell(row, op.summary);
    }
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
    if (!queryFields.length) queryFields = (await api('/api/fields')).fields;
    showColumnChoices();
    await showAlerts();
    await showApi();
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
  // nothing of the last user's session stays on the page
  for (const id of ['alerts', 'devices', 'flows', 'device-peers', 'detail-flows', 'flow-fields', 'tunnel-names']) {
    document.querySelector('#' + id + ' tbody').replaceChildren();
  }
  for (const id of ['alert-detail', 'device-detail', 'flow-detail']) document.getElementById(id).hidden = true;
  shown.clear();
  await start();
});
document.getElementById('alert-filter').addEventListener('change', () => listAlerts());
document.getElementById('search').addEventListener('submit', event => {
  event.preventDefault();
  document.getElementById('completions').hidden = true;
  search(new FormData(event.target).get('q'));
});
document.querySelector('#search input[name=q]').addEventListener('input', complete);
document.querySelector('#search input[name=q]').addEventListener('keydown', completionKeys);
document.querySelector('#search input[name=q]').addEventListener('blur', () => document.getElementById('completions').hidden = true);
document.querySelector('#search select[name=range]').addEventListener('change', event => {
  document.getElementById('custom-range').hidden = event.target.value !== 'custom';
});
start();
