/* ---------- review workflow (joined after app.js, in the same scope) ----------
 *
 * Every extracted value carries its review state in `_st` (accepted,
 * rejected, edited, added; none = not yet reviewed); every document its
 * status (unreviewed, in progress, reviewed) in WORK. All of it is saved to
 * localStorage under the run's id on each change, so a reload loses nothing,
 * and it leaves the page as corrections.jsonl (one gold record per reviewed
 * document, each value marked) for `communique corrections import`.
 */

  const STORE_KEY = 'communique:' + (DATA.run_id || 'run');
  const VALUE_STATES = ['accepted', 'edited', 'added', 'rejected'];
  const REVIEW_FIELDS = ['date', 'place', 'participant', 'topic'];
  const UNDERLINE = { date: '#c79a00', place: '#2f8a3a', participant: '#2358a6', role: '#7a3cc2', topic: '#c2571b' };
  const CURRENT = { id: null, selected: null, ctx: null };
  const META = { reviewer: '' };
  let restoring = false;

  /* ---------- value and document states ---------- */

  function valueState(obj) { return obj._st || (obj._added ? 'added' : 'unreviewed'); }
  function kept(obj) { return obj._st !== 'rejected'; }

  function docStatus(id) {
    const w = WORK.get(id);
    return (w && w.status) || 'unreviewed';
  }

  function touch() {
    const w = CURRENT.id !== null ? WORK.get(CURRENT.id) : null;
    if (w && docStatus(CURRENT.id) === 'unreviewed') w.status = 'in progress';
  }

  /* An edit by hand: the value is now the reviewer's (unless they added it). */
  function noteEdit(obj) {
    if (valueState(obj) !== 'added') obj._st = 'edited';
    touch();
  }

  /* Every reviewable value of a record, with its field and its ref in the panel. */
  function recordValues(rec) {
    const out = [];
    (rec.events || []).forEach((ev, ei) => {
      const e = 'e' + ei;
      const d = ev.date || {};
      if (!blank(d.start) || !blank(d.text) || d.span) out.push({ field: 'date', ref: e + '.date', obj: d, ei });
      if (ev.location) out.push({ field: 'place', ref: e + '.place', obj: ev.location, ei });
      (ev.participants || []).forEach((p, pi) => out.push({ field: 'participant', ref: e + '.p' + pi, obj: p, ei }));
      (ev.topics || []).forEach((t, ti) => out.push({ field: 'topic', ref: e + '.t' + ti, obj: t, ei }));
    });
    return out;
  }

  function setState(obj, state, ctx) {
    obj._st = state;
    touch();
    ctx.rebuild();
  }

  /* The accept / reject buttons of one value, and its state as a class. */
  function reviewable(el, obj, ctx, field) {
    const state = valueState(obj);
    el.classList.add('rv', 'rv-' + state.replace(' ', '-'));
    el.dataset.review = state;
    el.dataset.field = field;
    el.append(h('div', { class: 'rv-bar' },
      h('span', { class: 'rv-state', text: state }),
      h('button', { type: 'button', class: 'rv-accept', text: '✓ accept', title: 'Accept (a)',
        onclick: () => setState(obj, state === 'added' ? 'added' : 'accepted', ctx) }),
      h('button', { type: 'button', class: 'rv-reject', text: '✗ reject', title: 'Reject (x)',
        onclick: () => setState(obj, 'rejected', ctx) })));
    el.addEventListener('click', (e) => { if (!e.target.closest('button')) selectValue(el); });
    if (el.dataset.ref === CURRENT.selected) el.classList.add('selected');
    return el;
  }

  function selectValue(el) {
    for (const x of document.querySelectorAll('#record .rv.selected')) x.classList.remove('selected');
    el.classList.add('selected');
    CURRENT.selected = el.dataset.ref;
  }

  /* Status, "mark reviewed" and next/previous unreviewed, above the record. */
  function reviewToolbar(id, ctx) {
    CURRENT.id = id;
    CURRENT.ctx = ctx;
    const rec = work(id).rec;
    const counts = {};
    for (const v of recordValues(rec)) { const s = valueState(v.obj); counts[s] = (counts[s] || 0) + 1; }
    const summary = Object.entries(counts).map(([k, n]) => n + ' ' + k).join(', ');
    return h('div', { class: 'toolbar review-bar' },
      h('span', { class: 'doc-status st-' + docStatus(id).replace(' ', '-'), id: 'doc-status', text: docStatus(id) }),
      h('button', { type: 'button', id: 'mark-reviewed', class: 'primary', text: 'Mark reviewed (r)',
        title: 'Accept every value not yet decided and mark the document reviewed',
        onclick: () => markReviewed(id, ctx) }),
      h('button', { type: 'button', id: 'prev-unreviewed', text: '‹ previous unreviewed (p)', onclick: () => gotoUnreviewed(-1) }),
      h('button', { type: 'button', id: 'next-unreviewed', text: 'next unreviewed › (n)', onclick: () => gotoUnreviewed(1) }),
      h('span', { class: 'muted', id: 'value-counts', text: summary || 'no values' }),
      h('span', { class: 'muted', text: 'Press ? for keys.' }));
  }

  function markReviewed(id, ctx) {
    const w = work(id);
    for (const v of recordValues(w.rec)) if (valueState(v.obj) === 'unreviewed') v.obj._st = 'accepted';
    w.status = 'reviewed';
    w.reviewed_at = new Date().toISOString();
    w.reviewer = META.reviewer;
    ctx.rebuild();
  }

  function gotoUnreviewed(step) {
    const ids = RECORDS.map((r) => r.doc_id);
    const at = CURRENT.id === null ? -1 : ids.indexOf(CURRENT.id);
    for (let i = 1; i <= ids.length; i++) {
      const j = ((at + step * i) % ids.length + ids.length) % ids.length;
      if (docStatus(ids[j]) !== 'reviewed' && ids[j] !== CURRENT.id) { location.hash = docHref(ids[j]); return; }
    }
  }

  /* ---------- overlapping spans: one underline per covering value ---------- */

  function stacked(mark, covering) {
    mark.dataset.kinds = covering.map((m) => m.kind).join(' ');
    mark.dataset.refs = covering.map((m) => m.ref).join(' ');
    if (covering.length > 1) {
      mark.classList.add('overlap');
      mark.style.boxShadow = covering.slice(1)
        .map((m, i) => `inset 0 -${2 * (i + 1)}px 0 ${UNDERLINE[m.kind]}`).join(', ');
    }
    return mark;
  }

  /* ---------- spans from a selection ---------- */

  function offsetIn(pre, node, off) {
    const r = document.createRange();
    r.setStart(pre, 0);
    r.setEnd(node, off);
    return r.toString().length;
  }

  /* The selection inside the document text as [start, end) offsets, blanks trimmed. */
  function selectedSpan(pre, text) {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!pre.contains(range.startContainer) || !pre.contains(range.endContainer)) return null;
    let start = offsetIn(pre, range.startContainer, range.startOffset);
    let end = offsetIn(pre, range.endContainer, range.endOffset);
    while (start < end && /\s/.test(text[start])) start += 1;
    while (end > start && /\s/.test(text[end - 1])) end -= 1;
    return end > start ? { start, end, text: text.slice(start, end) } : null;
  }

  function isoFromText(t) {
    const d = new Date(t);
    if (isNaN(d) || !/\d{4}/.test(t)) return null;
    const pad = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  /* Make the span a value of `field` in event `ei` (role: of the selected participant). */
  function addSpan(rec, ei, field, span) {
    rec.events = rec.events || [];
    if (!rec.events.length) {
      rec.events.push({ type: 'other', name: null, date: { start: null, end: null, text: null, year_inferred: false },
        location: null, mode: null, participants: [], topics: [], evidence: [] });
      ei = 0;
    }
    const ev = rec.events[ei];
    ev.participants = ev.participants || [];
    ev.topics = ev.topics || [];
    if (field === 'topic') {
      ev.topics.push({ text: span.text, session: null, span, _st: 'added' });
      return 'e' + ei + '.t' + (ev.topics.length - 1);
    }
    if (field === 'participant') {
      ev.participants.push({ name: span.text, role: null, role_category: null, organization: null,
        country: null, country_code: null, span, _st: 'added' });
      return 'e' + ei + '.p' + (ev.participants.length - 1);
    }
    if (field === 'role') {
      const m = /^e(\d+)\.p(\d+)$/.exec(CURRENT.selected || '');
      const target = m && Number(m[1]) === ei ? ev.participants[Number(m[2])] : null;
      if (target) {
        target.role = span.text;
        target.role_span = span;
        noteEdit(target);
        return CURRENT.selected;
      }
      ev.participants.push({ name: null, role: span.text, role_category: null, organization: null,
        country: null, country_code: null, role_span: span, _st: 'added' });
      return 'e' + ei + '.p' + (ev.participants.length - 1);
    }
    if (field === 'place') {
      ev.location = { city: span.text, country: null, country_code: null, venue: null, text: span.text, span, _st: 'added' };
      return 'e' + ei + '.place';
    }
    const iso = isoFromText(span.text);
    ev.date = { start: iso, end: iso, text: span.text, year_inferred: false, span, _st: 'added' };
    return 'e' + ei + '.date';
  }

  function attachSelection(pre, id, text, rebuild) {
    const bar = h('div', { class: 'span-adder', id: 'span-adder', hidden: true });
    pre.before(bar);
    pre.addEventListener('mouseup', () => {
      const span = selectedSpan(pre, text);
      if (!span) { bar.hidden = true; return; }
      const rec = work(id).rec;
      const events = rec.events || [];
      const which = h('select', { id: 'span-event', 'aria-label': 'Event' },
        events.length ? events.map((ev, ei) => h('option', { value: String(ei), text: 'event ' + (ei + 1) + ' · ' + ev.type }))
          : [h('option', { value: '0', text: 'a new event' })]);
      const m = /^e(\d+)\./.exec(CURRENT.selected || '');
      if (m && Number(m[1]) < events.length) which.value = m[1];
      fill(bar, h('span', { class: 'muted', text: '“' + truncate(span.text, 40) + '” ' + span.start + '–' + span.end + ' as ' }),
        ['participant', 'role', 'place', 'date', 'topic'].map((field) => h('button', {
          type: 'button', class: 'add-as', dataset: { field }, text: field,
          onclick: () => {
            CURRENT.selected = addSpan(rec, Number(which.value), field, span);
            touch();
            bar.hidden = true;
            window.getSelection().removeAllRanges();
            rebuild();
          } })), ' in ', which);
      bar.hidden = false;
    });
  }

  /* ---------- saved work ---------- */

  function stripText(rec) {
    const out = Object.assign({}, rec);
    delete out.text;
    return out;
  }

  function persist() {
    if (restoring) return;
    for (const v of ['documents', 'events']) delete ROWS[v];
    const docs = {};
    for (const [id, w] of WORK) {
      if (docStatus(id) === 'unreviewed' && goldJSON(w.rec) === w.original) continue;
      docs[id] = { rec: stripText(w.rec), status: docStatus(id), reviewed_at: w.reviewed_at || null,
        reviewer: w.reviewer || null };
    }
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify({ version: 1, reviewer: META.reviewer, docs }));
    } catch (e) {
      const badge = document.getElementById('corrections-badge');
      badge.hidden = false;
      badge.textContent = 'could not save in this browser: ' + e.message;
    }
  }

  function restore() {
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(STORE_KEY) || 'null'); } catch (e) { saved = null; }
    if (!saved || typeof saved !== 'object') return;
    META.reviewer = str(saved.reviewer);
    restoring = true;
    for (const [id, d] of Object.entries(saved.docs || {})) {
      if (!BY_ID.has(id) || !d || typeof d.rec !== 'object') continue;
      const w = work(id);
      w.rec = Object.assign(clone(BY_ID.get(id)), d.rec);
      w.status = d.status;
      w.reviewed_at = d.reviewed_at;
      w.reviewer = d.reviewer;
    }
    restoring = false;
  }

  function discardAll() {
    WORK.clear();
    try { localStorage.removeItem(STORE_KEY); } catch (e) { /* nothing saved */ }
    route();
    refreshBadge();
  }

  /* ---------- corrections out ---------- */

  /* The gold record with each kept value marked, and what was rejected. */
  function correction(id) {
    const w = work(id);
    const gold = toGold(w.rec);
    const rejected = [];
    (w.rec.events || []).forEach((ev, ei) => {
      const g = gold.events[ei];
      if (ev._st) g.review = ev._st;
      const d = ev.date || {};
      if (d._st === 'rejected') rejected.push({ event: ei, field: 'date', value: pick(d, ['start', 'end', 'text']) });
      else if (!blank(d.start) || !blank(d.text) || d.span) g.date.review = valueState(d);
      if (ev.location && ev.location._st === 'rejected') {
        rejected.push({ event: ei, field: 'place', value: pick(ev.location, ['city', 'country', 'country_code', 'venue']) });
      } else if (ev.location) g.location.review = valueState(ev.location);
      const mark = (items, golds, field, keys) => {
        let k = 0;
        for (const it of items || []) {
          if (it._st === 'rejected') rejected.push({ event: ei, field, value: pick(it, keys) });
          else { golds[k].review = valueState(it); k += 1; }
        }
      };
      mark(ev.participants, g.participants, 'participant', ['name', 'role', 'organization', 'country', 'country_code']);
      mark(ev.topics, g.topics, 'topic', ['text', 'session']);
    });
    return { doc_id: id, reviewer: w.reviewer || META.reviewer || null, reviewed_at: w.reviewed_at || null,
      record: gold, rejected };
  }

  function reviewedIds() {
    return RECORDS.map((r) => r.doc_id).filter((id) => docStatus(id) === 'reviewed');
  }

  function downloadCorrections() {
    const lines = reviewedIds().map((id) => JSON.stringify(correction(id)));
    download('corrections.jsonl', lines.length ? lines.join('\n') + '\n' : '');
  }

  /* ---------- agreement: the run against the reviewer ---------- */

  function agreement() {
    const rows = {};
    for (const f of REVIEW_FIELDS) rows[f] = { accepted: 0, edited: 0, added: 0, rejected: 0 };
    for (const [id, w] of WORK) {
      if (docStatus(id) === 'unreviewed') continue;
      for (const v of recordValues(w.rec)) {
        const s = valueState(v.obj);
        if (s in rows[v.field]) rows[v.field][s] += 1;
      }
    }
    for (const r of Object.values(rows)) {
      const predicted = r.accepted + r.edited + r.rejected;
      const gold = r.accepted + r.edited + r.added;
      r.precision = predicted ? r.accepted / predicted : null;
      r.recall = gold ? r.accepted / gold : null;
    }
    return rows;
  }

  function showAgreement() {
    const rows = agreement();
    const pct = (x) => (x === null ? '—' : (100 * x).toFixed(1) + '%');
    const done = RECORDS.filter((r) => docStatus(r.doc_id) !== 'unreviewed').length;
    append(APP, [
      h('h1', { text: 'Agreement: the run against the reviewer' }),
      h('p', { class: 'muted', text: fmt(done) + ' of ' + fmt(RECORDS.length) + ' documents reviewed or in progress. ' +
        'Precision: accepted of the values the run extracted (accepted + edited + rejected); ' +
        'recall: accepted of the reviewer’s values (accepted + edited + added).' }),
      h('table', { class: 'data', id: 'table-agreement' },
        h('thead', null, h('tr', null, ['field', ...VALUE_STATES, 'precision', 'recall'].map((x) => h('th', { text: x })))),
        h('tbody', null, REVIEW_FIELDS.map((f) => h('tr', { dataset: { field: f } },
          h('td', { text: f }), VALUE_STATES.map((s) => h('td', { class: 'num', dataset: { key: s }, text: fmt(rows[f][s]) })),
          h('td', { class: 'num', dataset: { key: 'precision' }, text: pct(rows[f].precision) }),
          h('td', { class: 'num', dataset: { key: 'recall' }, text: pct(rows[f].recall) })))))]);
  }

  /* ---------- keyboard ---------- */

  const KEYS = [
    ['j / k', 'select the next / previous value'],
    ['a', 'accept the selected value'],
    ['x', 'reject the selected value'],
    ['e', 'edit the selected value (focus its first field)'],
    ['r', 'mark the document reviewed'],
    ['n / p', 'next / previous unreviewed document'],
    ['?', 'show or hide these keys'],
    ['Esc', 'close this help'],
  ];

  function toggleHelp(show) {
    let box = document.getElementById('shortcuts');
    if (!box) {
      box = h('div', { id: 'shortcuts', class: 'card shortcuts', hidden: true, role: 'dialog', 'aria-label': 'Keyboard shortcuts' },
        h('h2', { text: 'Keyboard shortcuts' }),
        h('table', { class: 'data' }, h('tbody', null, KEYS.map(([k, what]) => h('tr', null,
          h('td', null, h('kbd', { text: k })), h('td', { text: what }))))));
      document.body.append(box);
    }
    box.hidden = show === undefined ? !box.hidden : !show;
  }

  function moveSelection(step) {
    const items = [...document.querySelectorAll('#record .rv')];
    if (!items.length) return;
    const at = items.findIndex((x) => x.dataset.ref === CURRENT.selected);
    const next = items[Math.min(items.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
    selectValue(next);
    next.scrollIntoView({ block: 'nearest' });
  }

  function selectedItem() {
    return CURRENT.selected === null ? null
      : document.querySelector(`#record .rv[data-ref="${CSS.escape(CURRENT.selected)}"]`);
  }

  function onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target.closest && e.target.closest('input, select, textarea')) {
      if (e.key === 'Escape') e.target.blur();
      return;
    }
    if (e.key === '?') { toggleHelp(); return; }
    if (e.key === 'Escape') { toggleHelp(false); return; }
    if (!document.getElementById('record')) return;
    const item = selectedItem();
    const act = {
      j: () => moveSelection(1),
      k: () => moveSelection(-1),
      a: () => item && item.querySelector('.rv-accept').click(),
      x: () => item && item.querySelector('.rv-reject').click(),
      e: () => { const f = item && item.querySelector('input, select'); if (f) { e.preventDefault(); f.focus(); } },
      r: () => document.getElementById('mark-reviewed').click(),
      n: () => gotoUnreviewed(1),
      p: () => gotoUnreviewed(-1),
    }[e.key];
    if (act) act();
  }

  /* ---------- header: reviewer, download, discard ---------- */

  function setupHeader() {
    const who = document.getElementById('reviewer');
    who.value = META.reviewer;
    who.addEventListener('input', () => { META.reviewer = who.value.trim(); persist(); });
    document.getElementById('download-corrections').addEventListener('click', downloadCorrections);
    const discard = document.getElementById('discard');
    let armed = null;
    discard.addEventListener('click', () => {
      if (armed) {
        clearTimeout(armed);
        armed = null;
        discard.textContent = 'Discard my changes';
        discardAll();
        return;
      }
      discard.textContent = 'Click again to discard all';
      armed = setTimeout(() => { armed = null; discard.textContent = 'Discard my changes'; }, 4000);
    });
  }

  /* Review status as a filterable column of the documents and events tables. */
  TABLES.documents.columns.push(col('review', 'review'));
  TABLES.events.columns.push(col('review', 'review'));
  for (const view of ['documents', 'events']) {
    const build = TABLES[view].build;
    TABLES[view].build = () => build().map((row) => Object.assign(row, { review: docStatus(row._doc) }));
  }
  VIEWS.agreement = showAgreement;
