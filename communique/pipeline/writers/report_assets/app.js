/* Communique review page: overview, tables, document view, corrections.
 *
 * Plain JS, no dependencies, inlined into report/index.html. Every piece of
 * data reaches the DOM through textContent, attribute setters or SVG text
 * nodes, never through innerHTML: release text is untrusted. Routing is by
 * URL hash (#overview, #events?f.type=meeting, #doc/<id>?e=0) so the page
 * works from file:// and the back button restores a table's filters.
 * report.py joins app.js, review.js and start.js inside one function scope.
 */

  const DATA = JSON.parse(document.getElementById('communique-data').textContent);
  const RECORDS = DATA.records || [];
  const BY_ID = new Map(RECORDS.map((r) => [r.doc_id, r]));
  const VOCAB = DATA.vocab;
  const APP = document.getElementById('app');
  const COLLATOR = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const NF = new Intl.NumberFormat('en');
  const KINDS = ['date', 'place', 'participant', 'role', 'topic'];
  const KIND_RANK = { date: 0, place: 1, topic: 2, role: 3, participant: 4 };
  const PAGE_SIZES = [25, 50, 100, 200];
  const SVGNS = 'http://www.w3.org/2000/svg';

  /* ---------- DOM helpers (text only, never HTML) ---------- */

  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    setProps(el, props);
    append(el, children);
    return el;
  }

  function setProps(el, props) {
    if (!props) return;
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k in el && typeof el[k] !== 'object') el[k] = v;
      else el.setAttribute(k, String(v));
    }
  }

  function fill(el, ...children) {
    el.replaceChildren();
    return append(el, children);
  }

  function append(el, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function svg(tag, attrs, ...children) {
    const el = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== undefined && v !== null) el.setAttribute(k, String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  const fmt = (n) => NF.format(n);
  const plural = (n, word) => fmt(n) + ' ' + word + (n === 1 ? '' : 's');
  const clone = (x) => JSON.parse(JSON.stringify(x));
  const blank = (v) => v === null || v === undefined || v === '';
  const str = (v) => (blank(v) ? '' : String(v));

  function docHref(docId, eventIndex) {
    let href = '#doc/' + encodeURIComponent(docId);
    if (eventIndex !== undefined && eventIndex !== null) href += '?e=' + eventIndex;
    return href;
  }

  function tableHref(view, filters) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) params.set('f.' + k, v);
    return '#' + view + '?' + params.toString();
  }

  /* ---------- routing ---------- */

  const VIEWS = {}; // further views by name (review.js adds #agreement)

  function parseHash() {
    const raw = location.hash.slice(1) || 'overview';
    const q = raw.indexOf('?');
    return {
      path: q < 0 ? raw : raw.slice(0, q),
      params: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)),
    };
  }

  function route() {
    const { path, params } = parseHash();
    const view = path.startsWith('doc/') ? 'doc' : path;
    for (const a of document.querySelectorAll('#nav a')) {
      a.classList.toggle('active', a.dataset.view === view);
    }
    APP.replaceChildren();
    if (view === 'doc') {
      let id = null;
      try { id = decodeURIComponent(path.slice(4)); } catch (e) { id = null; }
      showDocument(id, params);
    } else if (TABLES[view]) {
      showTable(view, params);
    } else if (VIEWS[view]) {
      VIEWS[view](params);
    } else {
      showOverview();
    }
    window.scrollTo(0, 0);
  }

  /* ---------- overview ---------- */

  function stat(n, label, bad) {
    return h('div', { class: 'card stat' + (bad ? ' bad' : '') },
      h('div', { class: 'n', text: fmt(n) }), h('div', { class: 'l', text: label }));
  }

  function showOverview() {
    const s = DATA.summary;
    const c = s.counts;
    append(APP, [
      h('h1', { text: 'Overview' }),
      runLine(),
      h('div', { class: 'cards', id: 'counts' },
        stat(c.documents, 'documents'),
        stat(c.events, 'events'),
        stat(c.participants, 'participants'),
        stat(c.named_persons, 'named persons'),
        stat(c.topics, 'topics'),
        stat(c.failed_inputs, 'failed inputs', c.failed_inputs > 0),
        stat(c.with_warnings, 'documents with warnings'),
        stat(c.without_events, 'documents without events')),
    ]);
    if (DATA.problems && DATA.problems.length) {
      append(APP, [h('div', { class: 'card problems' },
        h('h2', { text: 'Records left out (they do not validate)' }),
        h('ul', null, DATA.problems.map((p) => h('li', { text: p }))))]);
    }
    if (c.failed_inputs > 0) APP.append(errorsCard(s));
    const grid = h('div', { class: 'grid2' });
    grid.append(
      chartCard('Events by month', monthChart(s.events_by_month),
        s.undated_events ? plural(s.undated_events, 'event') + ' without a date' : null),
      chartCard('Events by type', barChart(s.events_by_type.map((d) => ({
        label: d.type, count: d.count, href: tableHref('events', { type: '=' + d.type }),
      }))), null),
      chartCard('Most frequent countries (events taking part in)', barChart(s.top_countries.map((d) => ({
        label: d.label, count: d.count, href: tableHref('participants', { country: '=' + d.label }),
      }))), null),
      chartCard('Most frequent persons (events taking part in)', barChart(s.top_persons.map((d) => ({
        label: d.label, count: d.count, href: tableHref('participants', { name: '=' + d.label }),
      }))), null),
    );
    APP.append(grid, h('div', { style: 'height:14px' }),
      chartCard('Who met whom: events shared by two countries', matrixChart(s.matrix),
        'Countries of the participants of the same event; the most involved ' +
        s.matrix.countries.length + ' shown. Click a cell for the events.'));
  }

  function runLine() {
    const parts = [];
    for (const [k, v] of Object.entries(DATA.run || {})) {
      if (v === null || typeof v === 'object') continue;
      parts.push(k + ': ' + v);
    }
    return parts.length ? h('p', { class: 'muted', text: 'Run: ' + parts.join(' · ') }) : null;
  }

  function errorsCard(s) {
    const first = (DATA.errors || []).slice(0, 10);
    return h('div', { class: 'card', id: 'failed', style: 'margin-bottom:14px' },
      h('h2', { text: 'Failed inputs by reason' }),
      h('ul', null, s.errors_by_reason.map((r) => h('li', null,
        h('a', { href: tableHref('errors', { reason: '=' + str(r.reason) }), text: str(r.reason) || '(no reason)' }),
        ' — ' + fmt(r.count)))),
      h('table', { class: 'data' },
        h('thead', null, h('tr', null, ['input', 'reason', 'hint'].map((x) => h('th', { text: x })))),
        h('tbody', null, first.map((e) => h('tr', null,
          h('td', { text: str(e.input) }), h('td', { text: str(e.reason) }),
          h('td', { text: str(e.hint) }))))),
      DATA.errors.length > first.length
        ? h('p', null, h('a', { href: '#errors', text: 'All ' + fmt(DATA.errors.length) + ' failed inputs' }))
        : null);
  }

  function chartCard(title, chart, note) {
    return h('div', { class: 'card chart' }, h('h2', { text: title }), chart,
      note ? h('p', { class: 'muted', text: note }) : null);
  }

  function noData() { return h('p', { class: 'muted', text: 'No data.' }); }

  function truncate(text, n) { return text.length > n ? text.slice(0, n - 1) + '…' : text; }

  function barChart(items) {
    if (!items.length) return noData();
    const W = 520, LW = 190, RH = 20, max = Math.max(...items.map((d) => d.count));
    const bw = W - LW - 50;
    const g = svg('svg', { width: W, height: items.length * RH + 4, viewBox: `0 0 ${W} ${items.length * RH + 4}`, role: 'img' });
    items.forEach((d, i) => {
      const y = i * RH + 2, w = Math.max(1, (d.count / max) * bw);
      g.append(svg('a', { href: d.href },
        svg('title', null, d.label + ': ' + fmt(d.count)),
        svg('text', { x: LW - 6, y: y + 14, 'text-anchor': 'end' }, truncate(d.label, 30)),
        svg('rect', { class: 'bar', x: LW, y: y + 3, width: w, height: RH - 6 }),
        svg('text', { x: LW + w + 4, y: y + 14 }, fmt(d.count))));
    });
    return g;
  }

  function monthChart(series) {
    if (!series.length) return noData();
    const W = 620, H = 200, L = 34, B = 40, T = 10;
    const n = series.length, max = Math.max(1, ...series.map((d) => d.count));
    const step = (W - L - 6) / n, every = Math.ceil(n / 12);
    const g = svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img' });
    g.append(svg('line', { class: 'axis', x1: L, y1: H - B, x2: W, y2: H - B }),
      svg('text', { x: L - 4, y: T + 8, 'text-anchor': 'end' }, fmt(max)),
      svg('text', { x: L - 4, y: H - B, 'text-anchor': 'end' }, '0'));
    series.forEach((d, i) => {
      const bh = (d.count / max) * (H - B - T), x = L + i * step;
      g.append(svg('a', { href: tableHref('events', { date_start: d.month }) },
        svg('title', null, d.month + ': ' + plural(d.count, 'event')),
        svg('rect', { class: 'bar', x: x + 1, y: H - B - bh, width: Math.max(1, step - 2), height: bh }),
        svg('rect', { x, y: T, width: step, height: H - B - T, fill: 'transparent' })));
      if (i % every === 0) {
        g.append(svg('text', { x: x + step / 2, y: H - B + 14, 'text-anchor': 'middle' }, d.month));
      }
    });
    return g;
  }

  function matrixChart(m) {
    const n = m.countries.length;
    if (n < 2) return h('p', { class: 'muted', text: 'No event with participants of two countries.' });
    const C = 26, L = 140, T = 110, max = Math.max(1, ...m.cells.flat());
    const W = L + n * C + 90, H = T + n * C + 4;
    const g = svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img' });
    m.countries.forEach((name, i) => {
      g.append(svg('text', { x: L - 6, y: T + i * C + C / 2 + 4, 'text-anchor': 'end' }, truncate(name, 22)),
        svg('text', { x: 0, y: 0, transform: `translate(${L + i * C + C / 2 + 4},${T - 6}) rotate(-55)` }, truncate(name, 22)));
    });
    m.cells.forEach((row, i) => row.forEach((v, j) => {
      const x = L + j * C, y = T + i * C;
      if (i === j) {
        g.append(svg('rect', { x, y, width: C - 2, height: C - 2, fill: '#f1f2f4' }));
        return;
      }
      const fill = v ? `rgba(35,88,166,${(0.15 + 0.85 * v / max).toFixed(3)})` : '#f7f8fa';
      const a = m.countries[i], b = m.countries[j];
      const cell = [svg('title', null, a + ' – ' + b + ': ' + plural(v, 'event')),
        svg('rect', { x, y, width: C - 2, height: C - 2, fill }),
        v ? svg('text', { class: 'cell-label', x: x + C / 2 - 1, y: y + C / 2 + 3, 'text-anchor': 'middle',
          fill: 0.15 + 0.85 * v / max > 0.45 ? '#fff' : '#1d2330' }, v) : null];
      g.append(v ? svg('a', { href: tableHref('events', { countries: [a, b].sort().join(' | ') }) }, cell)
        : svg('g', null, cell));
    }));
    return g;
  }

  /* ---------- tables ---------- */

  const col = (key, label, extra) => Object.assign({ key, label: label || key }, extra || {});

  function eventCountries(ev) {
    const seen = [];
    for (const p of ev.participants || []) {
      const c = p.country || p.country_code;
      if (c && !seen.includes(c)) seen.push(c);
    }
    return seen;
  }

  function eachEvent(fn) {
    for (const r of RECORDS) (r.events || []).forEach((ev, ei) => fn(r, ev, ei));
  }

  const TABLES = {
    documents: {
      title: 'Documents',
      columns: [col('doc_id', 'document', { link: true }), col('title', null, { long: true }),
        col('published', null, { nowrap: true }), col('source'), col('n_events', 'events', { num: true }),
        col('n_participants', 'participants', { num: true }), col('warnings', null, { long: true })],
      build: () => RECORDS.map((r) => ({
        _doc: r.doc_id, doc_id: r.doc_id, title: r.title, published: r.published, source: r.source,
        n_events: (r.events || []).length,
        n_participants: (r.events || []).reduce((n, e) => n + (e.participants || []).length, 0),
        warnings: (r.warnings || []).join('; '),
      })),
    },
    events: {
      title: 'Events',
      columns: [col('doc_id', 'document', { link: true }), col('title', null, { long: true }),
        col('event_index', '#', { num: true }),
        col('type'), col('date_start', 'start', { nowrap: true }), col('date_end', 'end', { nowrap: true }),
        col('city'), col('country'),
        col('mode'), col('name', null, { long: true }), col('names', 'participants', { long: true }),
        col('countries', 'participant countries'),
        col('n_participants', 'participants (n)', { num: true }), col('n_topics', 'topics', { num: true })],
      build: () => {
        const rows = [];
        eachEvent((r, ev, ei) => {
          const d = ev.date || {}, l = ev.location || {};
          rows.push({ _doc: r.doc_id, _event: ei, doc_id: r.doc_id, title: r.title, event_index: ei + 1, type: ev.type,
            names: (ev.participants || []).map((p) => p.name || p.role).filter((x) => !blank(x)).join('; '),
            date_start: d.start, date_end: d.end, city: l.city, country: l.country, mode: ev.mode,
            name: ev.name, countries: eventCountries(ev).sort().join(' | '),
            n_participants: (ev.participants || []).length, n_topics: (ev.topics || []).length });
        });
        return rows;
      },
    },
    participants: {
      title: 'Participants',
      columns: [col('doc_id', 'document', { link: true }), col('title', null, { long: true }),
        col('event_index', '#', { num: true }),
        col('name'), col('role', null, { long: true }), col('role_category', 'role category'),
        col('organization'), col('country'), col('country_code', 'code'), col('event_type', 'event'),
        col('date', 'date', { nowrap: true })],
      build: () => {
        const rows = [];
        eachEvent((r, ev, ei) => (ev.participants || []).forEach((p) => rows.push({
          _doc: r.doc_id, _event: ei, doc_id: r.doc_id, title: r.title, event_index: ei + 1, name: p.name, role: p.role,
          role_category: p.role_category, organization: p.organization, country: p.country,
          country_code: p.country_code, event_type: ev.type, date: (ev.date || {}).start,
        })));
        return rows;
      },
    },
    topics: {
      title: 'Topics',
      columns: [col('doc_id', 'document', { link: true }), col('title', null, { long: true }),
        col('event_index', '#', { num: true }),
        col('text', 'topic', { long: true }), col('session', null, { num: true }),
        col('event_type', 'event'), col('date', null, { nowrap: true })],
      build: () => {
        const rows = [];
        eachEvent((r, ev, ei) => (ev.topics || []).forEach((t) => rows.push({
          _doc: r.doc_id, _event: ei, doc_id: r.doc_id, title: r.title, event_index: ei + 1, text: t.text,
          session: t.session, event_type: ev.type, date: (ev.date || {}).start,
        })));
        return rows;
      },
    },
    errors: {
      title: 'Failed inputs',
      columns: [col('input'), col('doc_id', 'document'), col('reason'), col('hint', null, { long: true })],
      build: () => (DATA.errors || []).map((e) => ({
        input: e.input, doc_id: e.doc_id, reason: e.reason, hint: e.hint,
      })),
    },
  };

  const ROWS = {}; // view -> rows with lower-cased cells, built on first use

  function tableRows(view) {
    if (!ROWS[view]) {
      const cols = TABLES[view].columns;
      ROWS[view] = TABLES[view].build().map((row) => {
        row._lc = cols.map((c) => str(row[c.key]).toLowerCase());
        return row;
      });
    }
    return ROWS[view];
  }

  function stateFromParams(view, params) {
    const filters = {};
    for (const c of TABLES[view].columns) {
      const v = params.get('f.' + c.key);
      if (v) filters[c.key] = v;
    }
    const size = Number(params.get('size'));
    return {
      filters,
      sort: TABLES[view].columns.some((c) => c.key === params.get('sort')) ? params.get('sort') : null,
      dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
      page: Math.max(0, Number(params.get('page')) || 0),
      size: PAGE_SIZES.includes(size) ? size : 50,
    };
  }

  function stateToHash(view, st) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(st.filters)) if (v) params.set('f.' + k, v);
    if (st.sort) { params.set('sort', st.sort); params.set('dir', st.dir); }
    if (st.page) params.set('page', st.page);
    if (st.size !== 50) params.set('size', st.size);
    const q = params.toString();
    history.replaceState(null, '', '#' + view + (q ? '?' + q : ''));
  }

  /* A filter is words that must all occur in the cell (case-insensitive);
     `=value` asks for the whole cell to equal value. */
  function matcher(text) {
    const t = text.trim().toLowerCase();
    if (t.startsWith('=')) { const want = t.slice(1).trim(); return (cell) => cell === want; }
    const words = t.split(/\s+/).filter(Boolean);
    return (cell) => words.every((w) => cell.includes(w));
  }

  function compareCells(key, num) {
    return (a, b) => {
      const x = a[key], y = b[key];
      if (blank(x) || blank(y)) return blank(x) - blank(y);
      return num ? x - y : COLLATOR.compare(String(x), String(y));
    };
  }

  function showTable(view, params) {
    const def = TABLES[view];
    const all = tableRows(view);
    const st = stateFromParams(view, params);
    let sorted = all, shown = all;

    function resort() {
      sorted = all;
      if (st.sort) {
        const c = def.columns.find((x) => x.key === st.sort);
        const cmp = compareCells(c.key, c.num);
        sorted = all.slice().sort(st.dir === 'asc' ? cmp : (a, b) => {
          const bl = blank(a[c.key]) - blank(b[c.key]);
          return bl || cmp(b, a);
        });
      }
    }
    function refilter() {
      const tests = def.columns.map((c, i) => [i, st.filters[c.key] ? matcher(st.filters[c.key]) : null])
        .filter(([, m]) => m);
      shown = tests.length ? sorted.filter((r) => tests.every(([i, m]) => m(r._lc[i]))) : sorted;
    }

    const status = h('span', { class: 'muted', id: 'table-status' });
    const pager = h('span', { class: 'pager' });
    const tbody = h('tbody');
    const heads = def.columns.map((c) => h('th', { dataset: { key: c.key } },
      h('button', { class: 'sort', type: 'button', title: 'Sort by ' + c.label, text: c.label,
        onclick: () => {
          st.dir = st.sort === c.key && st.dir === 'asc' ? 'desc' : 'asc';
          st.sort = c.key; st.page = 0;
          resort(); refilter(); paint();
        } }),
      h('span', { class: 'arrow' })));
    let timer = null;
    const filters = def.columns.map((c) => h('th', null, h('input', {
      type: 'search', placeholder: 'filter', value: st.filters[c.key] || '',
      'aria-label': 'Filter ' + c.label, dataset: { key: c.key },
      oninput: (e) => {
        st.filters[c.key] = e.target.value;
        clearTimeout(timer);
        timer = setTimeout(() => { st.page = 0; refilter(); paint(); }, 120);
      },
    })));

    function paint() {
      const pages = Math.max(1, Math.ceil(shown.length / st.size));
      st.page = Math.min(st.page, pages - 1);
      const from = st.page * st.size, rows = shown.slice(from, from + st.size);
      tbody.replaceChildren(...rows.map((r) => h('tr', null, def.columns.map((c) => {
        const v = str(r[c.key]);
        const cls = ((c.num ? 'num' : '') + (c.long ? ' long' : '') + (c.nowrap ? ' nowrap' : '')).trim();
        if (c.link && r._doc !== undefined) {
          return h('td', { class: cls }, h('a', { href: docHref(r._doc, r._event), text: v }));
        }
        return h('td', { class: cls || null, text: v });
      }))));
      if (!rows.length) tbody.append(h('tr', null, h('td', { colSpan: def.columns.length, class: 'muted', text: 'No rows.' })));
      status.textContent = shown.length
        ? `Rows ${fmt(from + 1)}–${fmt(from + rows.length)} of ${fmt(shown.length)}` +
          (shown.length !== all.length ? ` (filtered from ${fmt(all.length)})` : '')
        : `0 of ${fmt(all.length)} rows`;
      heads.forEach((th, i) => {
        const on = def.columns[i].key === st.sort;
        th.querySelector('.arrow').textContent = on ? (st.dir === 'asc' ? '▲' : '▼') : '';
        th.setAttribute('aria-sort', on ? (st.dir === 'asc' ? 'ascending' : 'descending') : 'none');
      });
      const go = (p) => () => { st.page = p; paint(); };
      pager.replaceChildren(
        h('button', { type: 'button', text: '«', title: 'First page', disabled: st.page === 0, onclick: go(0) }),
        h('button', { type: 'button', text: '‹', title: 'Previous page', disabled: st.page === 0, onclick: go(st.page - 1) }),
        ` page ${fmt(st.page + 1)} of ${fmt(pages)} `,
        h('button', { type: 'button', text: '›', title: 'Next page', disabled: st.page >= pages - 1, onclick: go(st.page + 1) }),
        h('button', { type: 'button', text: '»', title: 'Last page', disabled: st.page >= pages - 1, onclick: go(pages - 1) }),
        ' ',
        pageSizeSelect());
      stateToHash(view, st);
    }

    function pageSizeSelect() {
      const sel = h('select', { 'aria-label': 'Rows per page',
        onchange: (e) => { st.size = Number(e.target.value); st.page = 0; paint(); } },
      PAGE_SIZES.map((n) => h('option', { value: String(n), text: n + ' / page' })));
      sel.value = String(st.size);
      return sel;
    }

    resort(); refilter();
    append(APP, [
      h('h1', { text: def.title }),
      h('div', { class: 'tablebar' }, status, pager,
        h('button', { type: 'button', text: 'Clear filters', onclick: () => {
          st.filters = {}; st.page = 0;
          filters.forEach((th) => { th.firstChild.value = ''; });
          refilter(); paint();
        } }),
        h('span', { class: 'muted', text: 'Filter: words in any order; =text for an exact value.' })),
      h('table', { class: 'data', id: 'table-' + view },
        h('thead', null, h('tr', { class: 'heads' }, heads), h('tr', { class: 'filters' }, filters)),
        tbody)]);
    paint();
  }

  /* ---------- corrections state ---------- */

  const WORK = new Map(); // doc_id -> { rec, saved } ; saved = gold JSON last downloaded or original

  function work(id) {
    if (!WORK.has(id)) {
      const rec = clone(BY_ID.get(id));
      WORK.set(id, { rec, saved: goldJSON(rec), original: goldJSON(rec) });
    }
    return WORK.get(id);
  }

  function pick(obj, keys) {
    const out = {};
    for (const k of keys) out[k] = obj[k] === undefined ? null : obj[k];
    return out;
  }

  function optional(out, obj, keys) {
    for (const k of keys) if (!blank(obj[k])) out[k] = obj[k];
    return out;
  }

  /* The gold record (records.md): the spec's fields only; pipeline-added fields
     (text, url, warnings ...) dropped; spans kept where present. */
  function toGold(rec) {
    const gold = pick(rec, ['doc_id', 'source', 'title', 'published', 'language']);
    gold.events = (rec.events || []).map((ev) => {
      const e = pick(ev, ['type', 'name']);
      const d = ev.date || {};
      if (d._st === 'rejected') e.date = { start: null, end: null, text: null, year_inferred: false };
      else e.date = optional(Object.assign(pick(d, ['start', 'end', 'text']), { year_inferred: !!d.year_inferred }), d, ['span']);
      e.location = ev.location && ev.location._st !== 'rejected'
        ? optional(pick(ev.location, ['city', 'country', 'country_code', 'venue']), ev.location, ['lat', 'lon', 'text', 'span'])
        : null;
      e.mode = blank(ev.mode) ? null : ev.mode;
      e.participants = (ev.participants || []).filter(kept).map((p) => optional(
        pick(p, ['name', 'role', 'role_category', 'organization', 'country', 'country_code']), p, ['span', 'role_span']));
      e.topics = (ev.topics || []).filter(kept).map((t) => optional(pick(t, ['text', 'session']), t, ['span']));
      if (ev.evidence && ev.evidence.length) e.evidence = ev.evidence;
      return e;
    });
    return gold;
  }

  function goldJSON(rec) { return JSON.stringify(toGold(rec), null, 2) + '\n'; }

  function unsavedCount() {
    let n = 0;
    for (const w of WORK.values()) if (goldJSON(w.rec) !== w.saved) n += 1;
    return n;
  }

  function refreshBadge() {
    persist();
    const n = unsavedCount();
    const badge = document.getElementById('corrections-badge');
    badge.hidden = n === 0;
    badge.textContent = n + (n === 1 ? ' corrected record' : ' corrected records') + ' not downloaded';
  }

  // no beforeunload warning: every change is saved in localStorage (review.js)

  const ISO = /^\d{4}-\d{2}-\d{2}$/;
  function isoDate(v) {
    if (blank(v)) return null;
    if (!ISO.test(v)) return 'use YYYY-MM-DD';
    const d = new Date(v + 'T00:00:00Z');
    return isNaN(d) || d.toISOString().slice(0, 10) !== v ? 'not a real date' : null;
  }
  const code2 = (v) => (blank(v) || /^[A-Z]{2}$/.test(v) ? null : 'two capital letters (ISO 3166-1)');
  const session = (v) => (blank(v) || (Number.isInteger(v) && v >= 0) ? null : 'a whole number ≥ 0');
  const required = (v) => (blank(v) ? 'required' : null);

  /* What keeps the record from validating as a DocumentRecord, in words. */
  function problems(rec) {
    const out = [];
    (rec.events || []).forEach((ev, ei) => {
      const at = 'event ' + (ei + 1) + ': ';
      if (!VOCAB.event_types.includes(ev.type)) out.push(at + 'type must be one of the vocabulary');
      if (!blank(ev.mode) && !VOCAB.modes.includes(ev.mode)) out.push(at + 'mode must be one of the vocabulary');
      const d = ev.date || {};
      for (const k of ['start', 'end']) { const m = isoDate(d[k]); if (m) out.push(at + 'date ' + k + ': ' + m); }
      if (!blank(d.end) && blank(d.start)) out.push(at + 'date has an end but no start');
      if (!blank(d.end) && !blank(d.start) && d.end < d.start) out.push(at + 'date end before start');
      if (ev.location) { const m = code2(ev.location.country_code); if (m) out.push(at + 'place country code: ' + m); }
      (ev.participants || []).forEach((p, pi) => {
        const pat = at + 'participant ' + (pi + 1) + ': ';
        const m = code2(p.country_code); if (m) out.push(pat + 'country code: ' + m);
        if (!blank(p.role_category) && !VOCAB.role_categories.includes(p.role_category)) out.push(pat + 'unknown role category');
        if (['name', 'role', 'organization', 'country', 'country_code'].every((k) => blank(p[k]))) {
          out.push(pat + 'is empty (fill it in or delete it)');
        }
      });
      (ev.topics || []).forEach((t, ti) => {
        if (blank(t.text)) out.push(at + 'topic ' + (ti + 1) + ': text is required');
        const m = session(t.session); if (m) out.push(at + 'topic ' + (ti + 1) + ': session ' + m);
      });
    });
    return out;
  }

  const COUNTRY_CODES = new Map();
  eachEvent((r, ev) => {
    const items = (ev.participants || []).concat(ev.location ? [ev.location] : []);
    for (const it of items) if (it.country && it.country_code) COUNTRY_CODES.set(it.country, it.country_code);
  });

  function safeFileName(id) { return String(id).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_') + '.json'; }

  function download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = h('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  /* ---------- document view ---------- */

  function describeDate(d) {
    const range = blank(d.start) ? 'no date' : d.start + (d.end && d.end !== d.start ? ' – ' + d.end : '');
    return 'date: ' + range + (d.year_inferred ? ' (year inferred)' : '');
  }
  function describePlace(l) {
    const parts = [l.city, l.country && l.country + (l.country_code ? ' (' + l.country_code + ')' : ''), l.venue]
      .filter((x) => !blank(x));
    return 'place: ' + (parts.join(', ') || '—') + (blank(l.lat) ? '' : ` [${l.lat}, ${l.lon}]`);
  }
  function describeParticipant(p) {
    const who = p.name || '(unnamed)';
    const bits = [p.role, p.role_category && '[' + p.role_category + ']', p.organization,
      p.country && p.country + (p.country_code ? ' (' + p.country_code + ')' : '')].filter((x) => !blank(x));
    return 'participant: ' + who + (bits.length ? ' — ' + bits.join(', ') : '');
  }

  /* Where the participant's role is written: the extractor's own role_span
     (none when the role was not read as one phrase; never guessed here). */
  function roleSpan(text, p) {
    return p.role_span || null;
  }

  function collectSpans(rec, text) {
    const spans = [];
    let bad = 0;
    const add = (sp, kind, ref, label, owner) => {
      if (owner && owner._st === 'rejected') return;
      if (!sp || typeof sp.start !== 'number' || typeof sp.end !== 'number' || sp.end <= sp.start) return;
      if (text.slice(sp.start, sp.end) !== sp.text) { bad += 1; return; }
      spans.push({ start: sp.start, end: sp.end, kind, ref, label });
    };
    (rec.events || []).forEach((ev, ei) => {
      const e = 'e' + ei;
      (ev.evidence || []).forEach((sp) => add(sp, 'evidence', e, 'event ' + (ei + 1) + ' (' + ev.type + ')'));
      add((ev.date || {}).span, 'date', e + '.date', describeDate(ev.date || {}), ev.date);
      if (ev.location) add(ev.location.span, 'place', e + '.place', describePlace(ev.location), ev.location);
      (ev.participants || []).forEach((p, pi) => {
        add(p.span, 'participant', e + '.p' + pi, describeParticipant(p), p);
        const rs = roleSpan(text, p);
        if (rs) add(rs, 'role', e + '.p' + pi, 'role: ' + p.role + (p.role_category ? ' [' + p.role_category + ']' : ''), p);
      });
      (ev.topics || []).forEach((t, ti) => add(t.span, 'topic', e + '.t' + ti,
        'topic: ' + t.text + (blank(t.session) ? '' : ' (session ' + t.session + ')'), t));
    });
    return { spans, bad };
  }

  /* The text cut at every span boundary; each piece is a <mark> coloured by the
     innermost span over it, its title listing every value that covers it. */
  function renderText(pre, text, spans) {
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const pts = [...cuts].sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i], b = pts[i + 1], piece = text.slice(a, b);
      const over = spans.filter((s) => s.start <= a && s.end >= b);
      const marks = over.filter((s) => s.kind !== 'evidence');
      if (!marks.length) {
        out.push(over.length ? h('span', { class: 'seg-ev', title: over[0].label, text: piece }) : document.createTextNode(piece));
        continue;
      }
      marks.sort((x, y) => (x.end - x.start) - (y.end - y.start) || KIND_RANK[x.kind] - KIND_RANK[y.kind]);
      const top = marks[0];
      const also = marks.some((m) => m.kind === 'participant') && top.kind !== 'participant';
      const title = marks.slice().reverse().map((m) => m.label).join('\n');
      out.push(stacked(h('mark', { class: 'hl k-' + top.kind + (also ? ' also-participant' : ''), title, text: piece,
        dataset: { kind: top.kind, ref: top.ref } }), marks));
    }
    pre.replaceChildren(...out);
  }

  function showDocument(id, params) {
    if (id === null || !BY_ID.has(id)) {
      append(APP, [h('h1', { text: 'Document not found' }),
        h('p', null, 'No document with id ', h('code', { text: str(id) }), '. ', h('a', { href: '#documents', text: 'All documents' }))]);
      return;
    }
    const w = work(id);
    const rec = w.rec;
    const text = typeof rec.text === 'string' ? rec.text : '';
    const focus = params.has('e') ? Number(params.get('e')) : null;
    const pre = h('pre', { class: 'doctext', id: 'doctext' });
    const legend = h('div', { class: 'legend', id: 'legend' });
    const badSpans = h('p', { class: 'msg' });
    const panel = h('div', { class: 'card record', id: 'record' });

    function paintText() {
      const { spans, bad } = collectSpans(rec, text);
      renderText(pre, text, spans);
      legend.replaceChildren(...KINDS.map((k) => h('span', { class: 'k-' + k,
        text: k + ' ' + spans.filter((s) => s.kind === k).length })),
      h('span', { class: 'seg-ev', text: 'evidence sentence' }));
      badSpans.textContent = bad ? bad + ' span(s) do not match the text and are not shown.' : '';
    }

    const left = h('div', { class: 'card' },
      h('div', { class: 'meta' },
        h('span', { text: 'id: ' + rec.doc_id }),
        h('span', { text: 'source: ' + str(rec.source) }),
        h('span', { text: 'published: ' + (rec.published || '—') }),
        /^https?:\/\//i.test(str(rec.url))
          ? h('a', { href: rec.url, rel: 'noopener noreferrer', target: '_blank', text: 'original' }) : null),
      (rec.warnings && rec.warnings.length)
        ? h('div', { class: 'warnings', id: 'warnings' }, h('strong', { text: 'Warnings' }),
          h('ul', null, rec.warnings.map((x) => h('li', { text: str(x) }))))
        : null,
      legend, badSpans, pre);
    pre.addEventListener('click', (e) => {
      const mark = e.target.closest('mark.hl');
      if (!mark) return;
      const item = panel.querySelector(`[data-ref="${CSS.escape(mark.dataset.ref)}"]`);
      if (item) { selectValue(item); flash(item); }
    });

    append(APP, [
      h('p', { class: 'muted' }, h('a', { href: '#documents', text: 'Documents' }), ' / ' + rec.doc_id),
      h('h1', { id: 'doc-title', text: rec.title || rec.doc_id }),
      h('div', { class: 'docview' }, left, panel)]);
    paintText();
    renderRecord(panel, id, paintText, focus);
    attachSelection(pre, id, text, () => { paintText(); renderRecord(panel, id, paintText, focus); });
    if (focus !== null) {
      const card = panel.querySelector(`[data-event="${focus}"]`);
      if (card) setTimeout(() => card.scrollIntoView({ block: 'nearest' }), 0);
    }
  }

  function flash(el) {
    el.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    el.classList.add('flash');
    setTimeout(() => el.classList.remove('flash'), 1200);
  }

  function renderRecord(panel, id, paintText, focus) {
    const w = work(id);
    const rec = w.rec;
    const status = h('span', { class: 'muted', id: 'record-status' });
    const msgs = h('ul', { class: 'msg', id: 'record-problems' });
    const dl = h('button', { class: 'primary', type: 'button', id: 'download-gold',
      text: 'Download ' + safeFileName(id), title: 'The record in the gold format, for corpus/annotated/',
      onclick: () => {
        if (problems(rec).length) return;
        const json = goldJSON(rec);
        download(safeFileName(id), json);
        w.saved = json;
        update();
      } });
    const reset = h('button', { type: 'button', text: 'Undo all changes', onclick: () => {
      for (const k of Object.keys(rec)) delete rec[k];
      Object.assign(rec, clone(BY_ID.get(id)));
      rebuild();
    } });

    function update() {
      const errs = problems(rec);
      msgs.replaceChildren(...errs.map((m) => h('li', { text: m })));
      dl.disabled = errs.length > 0;
      const edited = goldJSON(rec) !== w.original;
      const unsaved = goldJSON(rec) !== w.saved;
      status.textContent = (edited ? 'edited' : 'no changes') + (edited && !unsaved ? ', downloaded' : '');
      refreshBadge();
    }
    function rebuild() {
      paintText();
      renderRecord(panel, id, paintText, focus);
    }
    const ctx = { update, rebuild, paintText };

    fill(panel,
      reviewToolbar(id, ctx),
      h('div', { class: 'toolbar' }, dl, reset, status),
      h('p', { class: 'muted', text: 'Correct the record, then download it as a gold sample. Empty fields are saved as null.' }),
      msgs,
      (rec.events || []).length ? null : h('p', { class: 'muted', text: 'No event was extracted.' }),
      (rec.events || []).map((ev, ei) => eventCard(rec, ev, ei, ctx, focus)),
      h('button', { type: 'button', id: 'add-event', text: '+ Add event', onclick: () => {
        rec.events = rec.events || [];
        rec.events.push({ type: 'other', name: null, date: { start: null, end: null, text: null, year_inferred: false },
          location: null, mode: null, participants: [], topics: [], evidence: [] });
        rebuild();
      } }));
    update();
  }

  /* One input bound to obj[key]: empty -> null; `after` runs after each edit. */
  function bound(obj, key, opts) {
    const o = opts || {};
    const original = obj[key];
    let input;
    if (o.options) {
      input = h('select', null, (o.nullable ? [h('option', { value: '', text: '—' })] : []),
        o.options.map((v) => h('option', { value: v, text: v })));
      input.value = str(obj[key]);
    } else {
      input = h('input', { type: 'text', value: str(obj[key]), placeholder: o.placeholder || '' });
    }
    input.setAttribute('aria-label', o.label || key);
    input.dataset.field = key;
    const check = () => {
      const msg = o.validate ? o.validate(obj[key]) : null;
      input.classList.toggle('invalid', !!msg);
      input.title = msg || '';
      input.classList.toggle('changed', str(obj[key]) !== str(original));
    };
    input.addEventListener(o.options ? 'change' : 'input', () => {
      let v = input.value.trim();
      if (o.upper) v = v.toUpperCase();
      if (o.int && v !== '') v = /^-?\d+$/.test(v) ? Number(v) : v;
      obj[key] = v === '' ? null : v;
      noteEdit(obj);
      check();
      if (o.after) o.after(obj[key]);
      o.ctx.update();
    });
    input.addEventListener('change', () => o.ctx.paintText());
    check();
    return input;
  }

  function labelled(caption, input) {
    return h('label', { class: 'f' }, h('span', { class: 'muted', text: caption, style: 'display:block;font-size:10px' }), input);
  }

  function eventCard(rec, ev, ei, ctx, focus) {
    ev.date = ev.date || { start: null, end: null, text: null, year_inferred: false };
    ev.participants = ev.participants || [];
    ev.topics = ev.topics || [];
    const b = (obj, key, opts) => bound(obj, key, Object.assign({ ctx }, opts));
    const row = (label, input) => [h('label', { text: label }), input];
    const fields = h('div', { class: 'fields' },
      row('type', b(ev, 'type', { options: VOCAB.event_types })),
      row('name', b(ev, 'name')),
      row('mode', b(ev, 'mode', { options: VOCAB.modes, nullable: true })),
      row('date start', b(ev.date, 'start', { validate: isoDate, placeholder: 'YYYY-MM-DD' })),
      row('date end', b(ev.date, 'end', { validate: isoDate, placeholder: 'YYYY-MM-DD' })),
      row('date as written', b(ev.date, 'text')));
    const place = h('div', { dataset: { ref: 'e' + ei + '.place' } });
    if (ev.location) {
      const loc = ev.location;
      const dropCoords = () => { loc.lat = null; loc.lon = null; };
      const codeInput = b(loc, 'country_code', { upper: true, validate: code2 });
      place.append(h('h3', null, 'Place ', h('button', { class: 'del', type: 'button', text: 'delete place',
        onclick: () => { ev.location = null; ctx.rebuild(); } })),
      h('div', { class: 'fields' },
        row('city', b(loc, 'city', { after: dropCoords })),
        row('country', b(loc, 'country', { after: (v) => {
          dropCoords();
          if (COUNTRY_CODES.has(v)) { loc.country_code = COUNTRY_CODES.get(v); codeInput.value = loc.country_code; }
        } })),
        row('country code', codeInput),
        row('venue', b(loc, 'venue'))));
    } else {
      place.append(h('h3', null, 'Place ', h('button', { type: 'button', text: '+ add place', onclick: () => {
        ev.location = { city: null, country: null, country_code: null, venue: null };
        ctx.rebuild();
      } })));
    }
    const parts = h('div', null, h('h3', { text: 'Participants (' + ev.participants.length + ')' }),
      ev.participants.map((p, pi) => participantItem(ev, p, pi, ei, b, ctx)),
      h('button', { type: 'button', class: 'add-participant', text: '+ Add participant', onclick: () => {
        ev.participants.push({ name: null, role: null, role_category: null, organization: null, country: null, country_code: null, _added: true });
        ctx.rebuild();
      } }));
    const topics = h('div', null, h('h3', { text: 'Topics (' + ev.topics.length + ')' }),
      ev.topics.map((t, ti) => reviewable(h('div', { class: 'item topic' + (t._added ? ' added' : ''), dataset: { ref: 'e' + ei + '.t' + ti } },
        labelled('topic', b(t, 'text', { validate: required })),
        labelled('session', b(t, 'session', { int: true, validate: session })),
        h('button', { class: 'del', type: 'button', text: 'delete', title: 'Delete this topic',
          onclick: () => { ev.topics.splice(ti, 1); ctx.rebuild(); } })), t, ctx, 'topic')),
      h('button', { type: 'button', class: 'add-topic', text: '+ Add topic', onclick: () => {
        ev.topics.push({ text: null, session: null, _added: true });
        ctx.rebuild();
      } }));
    return h('div', { class: 'event' + (focus === ei ? ' focus' : ''), dataset: { event: String(ei), ref: 'e' + ei } },
      h('div', { class: 'head' }, h('h2', { text: 'Event ' + (ei + 1) + ' · ' + ev.type }),
        h('button', { class: 'del', type: 'button', text: 'delete event', onclick: () => {
          rec.events.splice(ei, 1);
          ctx.rebuild();
        } })),
      reviewable(h('div', { dataset: { ref: 'e' + ei + '.date' } }, fields), ev.date, ctx, 'date'),
      ev.location ? reviewable(place, ev.location, ctx, 'place') : place, parts, topics);
  }

  function participantItem(ev, p, pi, ei, b, ctx) {
    const codeInput = b(p, 'country_code', { upper: true, validate: code2, label: 'country code' });
    const mention = p.span ? 'mentioned as “' + p.span.text + '” at ' + p.span.start + '–' + p.span.end
      : (p._added ? 'added by you' : 'no span');
    return reviewable(h('div', { class: 'item participant' + (p._added ? ' added' : ''), dataset: { ref: 'e' + ei + '.p' + pi } },
      h('div', { class: 'swatch', text: 'participant ' + (pi + 1) + ' — ' + mention }),
      labelled('name', b(p, 'name')),
      labelled('role', b(p, 'role')),
      labelled('role category', b(p, 'role_category', { options: VOCAB.role_categories, nullable: true, label: 'role category' })),
      h('button', { class: 'del', type: 'button', text: 'delete', title: 'Delete this participant',
        onclick: () => { ev.participants.splice(pi, 1); ctx.rebuild(); } }),
      labelled('organization', b(p, 'organization')),
      labelled('country', b(p, 'country', { after: (v) => {
        if (COUNTRY_CODES.has(v)) { p.country_code = COUNTRY_CODES.get(v); codeInput.value = p.country_code; }
      } })),
      labelled('country code', codeInput)), p, ctx, 'participant');
  }

