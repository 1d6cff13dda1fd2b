/**
 * The console's browser script (served as /_console/assets/console.js): vanilla JS, no framework.
 * Each page says what it is in `<body data-page>`; every value shown goes in through textContent.
 */
export const CONSOLE_SCRIPT = String.raw`'use strict';
(function () {
  const page = document.body.dataset.page;
  const el = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  };
  const getJson = async (url) => {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(url + ' answered ' + response.status);
    return response.json();
  };
  const clock = (ms) => new Date(ms).toISOString().slice(11, 23);
  const statusClass = (status) => (status >= 500 ? 's5' : status >= 400 ? 's4' : 's2');

  async function requestsPage() {
    const form = document.getElementById('filters');
    const body = document.getElementById('requests');
    const params = new URLSearchParams(location.search);
    for (const name of ['service', 'status', 'correlationId']) {
      if (params.has(name)) form.elements[name].value = params.get(name);
    }
    async function refresh() {
      const query = new URLSearchParams();
      for (const name of ['service', 'status', 'correlationId']) {
        const value = form.elements[name].value.trim();
        if (value) query.set(name, value);
      }
      try {
        const { requests } = await getJson('/_console/api/requests?' + query);
        body.replaceChildren(
          ...requests.map((record) => {
            const row = el('tr');
            row.dataset.correlationId = record.correlationId;
            const link = el('a', record.correlationId);
            link.href = '/_console/trace/' + encodeURIComponent(record.correlationId);
            const cid = el('td');
            cid.append(link);
            row.append(
              el('td', clock(record.startedAt)),
              el('td', record.service),
              el('td', record.method),
              el('td', record.path),
              el('td', record.status, statusClass(record.status)),
              el('td', record.durationMs + ' ms', 'num'),
              cid,
            );
            return row;
          }),
        );
        document.getElementById('count').textContent = requests.length + ' requests';
      } catch (error) {
        document.getElementById('count').textContent = String(error);
      }
    }
    form.addEventListener('input', refresh);
    form.addEventListener('submit', (event) => { event.preventDefault(); refresh(); });
    await refresh();
    setInterval(refresh, 1500);
  }

  async function logsPage() {
    const service = document.body.dataset.service;
    const out = document.getElementById('log');
    async function refresh() {
      try {
        const { lines } = await getJson('/_console/api/logs/' + encodeURIComponent(service));
        const atBottom = out.scrollTop + out.clientHeight >= out.scrollHeight - 8;
        out.textContent = lines.map((line) => line.line).join('\n');
        if (atBottom) out.scrollTop = out.scrollHeight;
      } catch (error) {
        out.textContent = String(error);
      }
    }
    await refresh();
    setInterval(refresh, 2000);
  }

  async function metricsPage() {
    const holder = document.getElementById('charts');
    const charts = new Map();
    async function refresh() {
      let series;
      try {
        ({ series } = await getJson('/_console/api/metrics'));
      } catch (error) {
        holder.textContent = String(error);
        return;
      }
      const byMetric = new Map();
      for (const entry of series) {
        const list = byMetric.get(entry.metric) || [];
        list.push(entry);
        byMetric.set(entry.metric, list);
      }
      document.getElementById('empty').hidden = byMetric.size > 0;
      for (const [metric, list] of byMetric) {
        const seconds = [...new Set(list.flatMap((entry) => entry.times))].sort((a, b) => a - b);
        const data = [seconds, ...list.map((entry) => {
          const at = new Map(entry.times.map((time, index) => [time, entry.values[index]]));
          return seconds.map((time) => (at.has(time) ? at.get(time) : null));
        })];
        const key = metric + ':' + list.map((entry) => entry.service).join(',');
        const known = charts.get(metric);
        if (known && known.key === key) {
          known.chart.setData(data);
          continue;
        }
        if (known) known.box.remove();
        const box = el('section', undefined, 'chart');
        box.dataset.metric = metric;
        box.append(el('h2', metric + ' (' + list[0].unit + (list[0].unit === 'Count' ? ' per second' : ', mean per second') + ')'));
        holder.append(box);
        const colours = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
        const chart = new uPlot({
          width: Math.min(900, holder.clientWidth || 900),
          height: 220,
          series: [{}, ...list.map((entry, index) => ({ label: entry.service, stroke: colours[index % colours.length], points: { show: true } }))],
        }, data, box);
        charts.set(metric, { key, chart, box });
      }
    }
    await refresh();
    setInterval(refresh, 3000);
  }

  function invokePage() {
    const form = document.getElementById('invoke');
    const out = document.getElementById('result');
    const catalog = JSON.parse(document.getElementById('functions').textContent);
    const templates = JSON.parse(document.getElementById('templates').textContent);
    const fillFunctions = () => {
      const service = form.elements.service.value;
      const entry = catalog.find((item) => item.service === service);
      form.elements.function.replaceChildren(...(entry ? entry.functions : []).map((fn) => {
        const option = el('option', fn.name + ' — ' + fn.triggers.join(', '));
        option.value = fn.name;
        return option;
      }));
    };
    form.elements.service.addEventListener('change', fillFunctions);
    fillFunctions();
    form.elements.template.addEventListener('change', () => {
      const chosen = templates.find((item) => item.name === form.elements.template.value);
      form.elements.event.value = chosen ? JSON.stringify(chosen.event, null, 2) : '{}';
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      out.textContent = 'invoking…';
      let parsed;
      try {
        parsed = JSON.parse(form.elements.event.value || '{}');
      } catch (error) {
        out.textContent = 'the event is not JSON: ' + error.message;
        return;
      }
      const response = await fetch('/_console/api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ service: form.elements.service.value, function: form.elements.function.value, event: parsed, tenant: form.elements.tenant.value }),
      });
      out.textContent = 'HTTP ' + response.status + '\n' + JSON.stringify(await response.json(), null, 2);
    });
  }

  function tokenPage() {
    const form = document.getElementById('token');
    const out = document.getElementById('minted');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const response = await fetch('/_dev/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub: form.elements.sub.value, tenant: form.elements.tenant.value, scope: form.elements.scope.value }),
      });
      const answer = await response.json();
      out.textContent = response.ok ? answer.access_token : JSON.stringify(answer, null, 2);
    });
  }

  function openapiPage() {
    SwaggerUIBundle({ url: document.body.dataset.spec, dom_id: '#swagger', deepLinking: false });
  }

  const pages = { requests: requestsPage, logs: logsPage, metrics: metricsPage, invoke: invokePage, token: tokenPage, openapi: openapiPage };
  if (pages[page]) pages[page]();
})();
`;

/** The console's stylesheet (served as /_console/assets/console.css). */
export const CONSOLE_STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d232a; }
nav { background: #1d232a; padding: 8px 16px; display: flex; gap: 16px; flex-wrap: wrap; }
nav a { color: #e6edf3; text-decoration: none; }
nav a:hover { text-decoration: underline; }
main { padding: 12px 16px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e1e4e8; vertical-align: top; }
td.num { text-align: right; }
.s2 { color: #1a7f37; } .s4 { color: #9a6700; } .s5 { color: #cf222e; font-weight: bold; }
.ok { color: #1a7f37; } .down { color: #cf222e; }
pre, code, textarea { font: 12px/1.4 ui-monospace, monospace; }
pre.log { background: #f6f8fa; padding: 8px; max-height: 70vh; overflow: auto; white-space: pre-wrap; }
form.inline { display: flex; gap: 8px; align-items: end; flex-wrap: wrap; margin-bottom: 8px; }
label { display: flex; flex-direction: column; font-size: 12px; }
textarea { width: 100%; min-height: 260px; }
.hop { margin: 12px 0; border-left: 4px solid #0969da; padding-left: 8px; }
.hop.invoke { border-color: #8250df; }
.bar { position: relative; height: 14px; background: #f0f3f6; margin: 4px 0; }
.bar span { position: absolute; top: 0; bottom: 0; background: #0969da; min-width: 2px; }
.hop.invoke .bar span { background: #8250df; }
.chart { margin-bottom: 16px; }
`;
