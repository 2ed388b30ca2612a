// bulletin search page. Every piece of text from the index goes into the page through
// textContent or createTextNode (no HTML parsing of data anywhere), so a bulletin cannot inject markup.
'use strict';

(function () {
  const PAGE = 10;
  const FACETS = ['country', 'type', 'year', 'source', 'weapon', 'person'];
  // Facets that filter through a repeatable API parameter of the same name.
  const LIST_FACETS = ['country', 'type', 'source', 'weapon', 'person'];
  const $ = (id) => document.getElementById(id);

  // The page state, mirrored in the URL (/?q=...&country=BY&doc=ID).
  let state = emptyState();
  // Russian names of country codes and types seen in facet lists.
  const names = { country: {}, type: {} };
  let lastResponse = null;
  let requestSeq = 0;

  function emptyState() {
    return { q: '', country: [], type: [], source: [], weapon: [], person: [], from: '', to: '', sort: '', by: '', offset: 0, doc: '' };
  }

  function readURL() {
    const p = new URLSearchParams(location.search);
    const s = emptyState();
    s.q = p.get('q') || '';
    for (const f of LIST_FACETS) s[f] = p.getAll(f);
    s.by = ['month', 'quarter'].includes(p.get('by')) ? p.get('by') : '';
    s.from = p.get('from') || '';
    s.to = p.get('to') || '';
    s.sort = p.get('sort') || '';
    s.offset = Math.max(0, parseInt(p.get('offset') || '0', 10) || 0);
    s.doc = p.get('doc') || '';
    return s;
  }

  // Search parameters (shared by the page URL and the API URL).
  function searchParams(s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    for (const f of LIST_FACETS) for (const v of s[f]) p.append(f, v);
    if (s.from) p.set('from', s.from);
    if (s.to) p.set('to', s.to);
    if (s.sort) p.set('sort', s.sort);
    return p;
  }

  function pageURL(s) {
    const p = searchParams(s);
    if (s.by) p.set('by', s.by);
    if (s.offset) p.set('offset', String(s.offset));
    if (s.doc) p.set('doc', s.doc);
    const q = p.toString();
    return q ? '/?' + q : '/';
  }

  function navigate(s, replace) {
    state = s;
    const url = pageURL(s);
    if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
    render();
  }

  function hasSearch(s) {
    return !!(s.q.trim() || LIST_FACETS.some((f) => s[f].length) || s.from || s.to);
  }

  async function api(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const message = body && body.error ? body.error : 'HTTP ' + response.status;
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function showMessage(text, kind) {
    const m = $('message');
    m.textContent = text;
    m.className = 'message ' + (kind || '');
    m.hidden = !text;
  }

  // ---- rendering the state ----

  async function render() {
    $('q').value = state.q;
    $('from').value = state.from;
    $('to').value = state.to;
    $('sort').value = state.sort;
    if (state.doc) {
      await renderDocument(state.doc);
    } else if (hasSearch(state)) {
      await renderSearch();
    } else {
      $('results').hidden = true;
      $('doc').hidden = true;
      $('welcome').hidden = false;
      showMessage('');
      clearFacets();
      document.title = 'bulletin — поиск по бюллетеням';
      renderStats();
    }
  }

  async function renderSearch() {
    const seq = ++requestSeq;
    const p = searchParams(state);
    p.set('offset', String(state.offset));
    p.set('limit', String(PAGE));
    p.set('facet', 'country,type,year,source,weapon,person');
    p.set('facet_limit', '100');
    let response;
    try {
      response = await api('/api/search?' + p.toString());
    } catch (e) {
      if (seq !== requestSeq) return;
      $('results').hidden = true;
      $('doc').hidden = true;
      $('welcome').hidden = true;
      showMessage(e.message, 'error');
      return;
    }
    if (seq !== requestSeq) return;
    lastResponse = response;
    showMessage('');
    $('welcome').hidden = true;
    $('doc').hidden = true;
    $('results').hidden = false;
    document.title = (state.q || 'фильтры') + ' — bulletin';
    rememberNames(response.facets);
    renderFacets(response.facets);
    renderSummary(response);
    renderTimeline(seq);
    renderHits($('hits'), response.hits);
    renderPager(response);
  }

  function rememberNames(facets) {
    if (!facets) return;
    for (const f of ['country', 'type']) {
      for (const v of facets[f] || []) names[f][v.value] = v.name;
    }
  }

  function clearFacets() {
    for (const f of FACETS) {
      const panel = document.querySelector('[data-facet="' + f + '"]');
      panel.querySelector('.facet').replaceChildren();
      panel.hidden = true;
    }
  }

  // Facet panels: every value with its count over all matches; ticked values stay listed
  // (with 0) so they can be unticked.
  function renderFacets(facets) {
    for (const f of FACETS) {
      const list = document.querySelector('[data-facet="' + f + '"] .facet');
      const values = (facets && facets[f]) ? facets[f].slice() : [];
      const ticked = tickedValues(f);
      for (const t of ticked) {
        if (!values.some((v) => v.value === t)) values.push({ value: t, name: names[f][t] || t, count: 0 });
      }
      if (f === 'year') values.sort((a, b) => b.value.localeCompare(a.value));
      const items = values.map((v) => facetItem(f, v, ticked.includes(v.value)));
      list.replaceChildren(...items);
      list.parentElement.hidden = !items.length;
    }
  }

  function tickedValues(f) {
    if (f === 'year') {
      const from = state.from, to = state.to;
      if (/^\d{4}$/.test(from) && /^\d{4}$/.test(to)) {
        const out = [];
        for (let y = parseInt(from, 10); y <= parseInt(to, 10); y++) out.push(String(y));
        return out;
      }
      return [];
    }
    return state[f];
  }

  function facetItem(f, v, checked) {
    const li = el('li');
    const label = el('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = checked;
    box.value = v.value;
    box.dataset.facet = f;
    box.addEventListener('change', () => toggleFacet(f, v.value, box.checked));
    label.append(box, el('span', 'name', v.name || v.value), el('span', 'count', String(v.count)));
    li.append(label);
    return li;
  }

  function toggleFacet(f, value, on) {
    const s = Object.assign({}, state, { offset: 0, doc: '' });
    if (f === 'year') {
      // Years become a date range from the first ticked year to the last.
      const years = new Set(tickedValues('year'));
      if (on) years.add(value); else years.delete(value);
      const sorted = Array.from(years).sort();
      s.from = sorted.length ? sorted[0] : '';
      s.to = sorted.length ? sorted[sorted.length - 1] : '';
    } else {
      const values = state[f].filter((x) => x !== value);
      if (on) values.push(value);
      s[f] = values;
    }
    navigate(s);
  }

  function documentsWord(n) {
    const tens = n % 100, units = n % 10;
    if (tens >= 11 && tens <= 14) return 'документов';
    if (units === 1) return 'документ';
    if (units >= 2 && units <= 4) return 'документа';
    return 'документов';
  }

  function renderSummary(r) {
    const total = (r.total_exact ? '' : '≈') + r.total.toLocaleString('ru-RU');
    let text = total + ' ' + documentsWord(r.total);
    if (r.hits.length) text += ', показаны ' + (r.offset + 1) + '–' + (r.offset + r.hits.length);
    $('summary').textContent = text;
    const corrected = $('corrected');
    if (r.corrected_query) {
      corrected.hidden = false;
      const link = $('corrected-link');
      link.textContent = r.corrected_query;
      link.href = pageURL(Object.assign({}, state, { q: r.corrected_query, offset: 0 }));
    } else {
      corrected.hidden = true;
    }
  }

  // "…text **word** text…" → text nodes and <mark> elements.
  function highlighted(snippet) {
    const frag = document.createDocumentFragment();
    const parts = snippet.split('**');
    parts.forEach((part, i) => {
      if (!part) return;
      const marked = i % 2 === 1 && i < parts.length - 1;
      frag.append(marked ? el('mark', null, part) : document.createTextNode(part));
    });
    return frag;
  }

  function docLink(id, text) {
    const a = el('a', 'title', text);
    a.href = pageURL(Object.assign({}, state, { doc: id }));
    a.addEventListener('click', (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(Object.assign({}, state, { doc: id }));
      window.scrollTo(0, 0);
    });
    return a;
  }

  function renderHits(list, hits) {
    const items = hits.map((h) => {
      const li = el('li', 'hit');
      const head = el('div', 'head');
      head.append(el('span', 'date', h.date || 'без даты'));
      if (h.source) head.append(el('span', 'source', h.source));
      for (const c of h.countries) {
        const tag = el('span', 'tag country', names.country[c] || c);
        tag.title = c;
        head.append(tag);
      }
      for (const t of h.types) head.append(el('span', 'tag type', names.type[t] || t));
      if (!h.matched_all) head.append(el('span', 'tag partial', 'не все слова'));
      li.append(head);
      li.append(docLink(h.id, h.title || h.id));
      if (h.snippet) {
        const p = el('p', 'snippet');
        p.append(highlighted(h.snippet));
        li.append(p);
      }
      const foot = el('div', 'foot');
      if (h.weapons.length) foot.append(el('span', 'weapons', h.weapons.join(', ')));
      if (h.persons.length) foot.append(el('span', 'persons', h.persons.slice(0, 3).join(', ')));
      if (h.duplicates && h.duplicates.length) foot.append(el('span', 'dups', '+' + h.duplicates.length + ' похожих'));
      const sim = el('a', 'similar-link', 'похожие');
      sim.href = pageURL(Object.assign({}, state, { doc: h.id })) + '#similar';
      sim.addEventListener('click', (e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(Object.assign({}, state, { doc: h.id }));
        setTimeout(() => $('similar').scrollIntoView(), 50);
      });
      foot.append(sim);
      li.append(foot);
      return li;
    });
    list.replaceChildren(...items);
  }

  function renderPager(r) {
    $('prev').disabled = r.offset === 0;
    $('next').disabled = r.offset + r.hits.length >= r.total;
    const pages = Math.max(1, Math.ceil(r.total / PAGE));
    $('page').textContent = 'страница ' + (Math.floor(r.offset / PAGE) + 1) + ' из ' + pages;
  }

  // ---- timeline of the current query (/api/timeline, as `bulletin timeline --json`) ----

  const SVG = 'http://www.w3.org/2000/svg';
  const PERIOD_NAMES = { '': 'по годам', quarter: 'по кварталам', month: 'по месяцам' };

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const k in attrs) node.setAttribute(k, String(attrs[k]));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  async function renderTimeline(seq) {
    const p = searchParams(state);
    p.delete('sort');
    p.set('by', state.by || 'year');
    let t;
    try {
      t = await api('/api/timeline?' + p.toString());
    } catch (e) {
      if (seq === requestSeq) $('timeline').parentElement.hidden = true;
      return;
    }
    if (seq !== requestSeq) return;
    const chart = $('timeline');
    $('timeline-title').textContent = 'Документы ' + PERIOD_NAMES[state.by || ''];
    $('timeline-by').value = state.by || '';
    if (!t.periods.length) { chart.replaceChildren(); chart.parentElement.hidden = true; return; }
    chart.parentElement.hidden = false;
    const max = Math.max(...t.totals, 1);
    const W = 800, H = 140, top = 16, bottom = 22;
    const slot = W / t.periods.length;
    const bar = Math.max(1, Math.min(60, slot * 0.72));
    // Label every period when they fit, else every k-th.
    const every = Math.max(1, Math.ceil(t.periods.length / (W / 56)));
    const nodes = [svg('line', { x1: 0, y1: H - bottom, x2: W, y2: H - bottom, class: 'axis' })];
    t.periods.forEach((period, i) => {
      const count = t.totals[i];
      const h = (H - top - bottom) * count / max;
      const x = i * slot + (slot - bar) / 2;
      const rect = svg('rect', { x: x, y: H - bottom - h, width: bar, height: Math.max(h, count ? 1 : 0), class: 'bar' });
      rect.append(svg('title', {}, period + ': ' + count));
      rect.addEventListener('click', () => navigate(Object.assign({}, state, periodRange(period), { offset: 0, doc: '' })));
      nodes.push(rect);
      if (i % every === 0) nodes.push(svg('text', { x: i * slot + slot / 2, y: H - 6, class: 'label' }, period));
      if (count && slot >= 18) nodes.push(svg('text', { x: i * slot + slot / 2, y: H - bottom - h - 4, class: 'value' }, String(count)));
    });
    chart.replaceChildren(...nodes);
  }

  // `2019`, `2019-Q3`, `2019-07` → the date range of that period.
  function periodRange(period) {
    const q = /^(\d{4})-Q([1-4])$/.exec(period);
    if (q) {
      const first = (parseInt(q[2], 10) - 1) * 3 + 1, last = first + 2;
      return { from: q[1] + '-' + String(first).padStart(2, '0'), to: q[1] + '-' + String(last).padStart(2, '0') };
    }
    return { from: period, to: period };
  }

  // ---- the start page: what the index holds (/api/stats) ----

  async function renderStats() {
    const box = $('stats');
    let st;
    try { st = await api('/api/stats?top=12'); } catch (e) { box.textContent = e.message; return; }
    const parts = [st.documents.toLocaleString('ru-RU') + ' ' + documentsWord(st.documents)];
    if (st.first_date && st.last_date) parts.push('с ' + st.first_date + ' по ' + st.last_date);
    if (st.last_indexed) parts.push('индекс обновлён ' + st.last_indexed.replace('T', ' ').replace('Z', ' UTC'));
    const line = el('p', null, 'В индексе ' + parts.join(', ') + '.');
    const lists = [];
    for (const [facet, label] of [['country', 'Страны'], ['type', 'Типы'], ['source', 'Источники']]) {
      const values = (st.facets && st.facets[facet]) || [];
      if (!values.length) continue;
      const p = el('p', 'top-values');
      p.append(el('span', 'label', label + ': '));
      values.forEach((v, i) => {
        if (i) p.append(document.createTextNode(' · '));
        const a = el('a', null, v.name + ' ' + v.count);
        const next = Object.assign(emptyState(), { [facet]: [v.value] });
        a.href = pageURL(next);
        a.addEventListener('click', (e) => { e.preventDefault(); navigate(next); });
        p.append(a);
      });
      lists.push(p);
    }
    box.replaceChildren(line, ...lists);
  }

  // ---- document view ----

  async function renderDocument(id) {
    const seq = ++requestSeq;
    let d;
    try {
      // Without q: `show --query` (issue 13) trims list dashes and end punctuation from
      // paragraphs, and the document view must show the text exactly.
      d = await api('/api/doc/' + encodeURIComponent(id));
    } catch (e) {
      if (seq !== requestSeq) return;
      $('results').hidden = true; $('welcome').hidden = true; $('doc').hidden = true;
      showMessage(e.message, 'error');
      return;
    }
    if (seq !== requestSeq) return;
    showMessage('');
    $('results').hidden = true;
    $('welcome').hidden = true;
    $('doc').hidden = false;
    document.title = d.title + ' — bulletin';
    $('doc-title').textContent = d.title;
    $('back').hidden = !hasSearch(state);
    const meta = $('doc-meta');
    const rows = [];
    const row = (label, value) => {
      if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return;
      rows.push(el('dt', null, label), el('dd', null, Array.isArray(value) ? value.join(', ') : value));
    };
    row('Дата', d.date ? d.date + ' (' + d.date_source + ')' : 'не определена');
    row('Источник', d.source);
    row('Страны', d.countries.map((c) => c.name));
    row('Место', d.venue ? d.venue.name : null);
    row('Типы', d.types.map((t) => t.name));
    row('Пары', d.pairs);
    row('Персоны', d.persons);
    row('Организации', d.organisations);
    row('Вооружение', d.weapons);
    row('Id', d.id);
    row('Файл', d.path);
    row('Адрес', d.url);
    if (d.duplicates.length) {
      const dd = el('dd');
      d.duplicates.forEach((other, i) => { if (i) dd.append(document.createTextNode(', ')); dd.append(docLink(other, other)); });
      rows.push(el('dt', null, 'Пересказы'), dd);
    }
    meta.replaceChildren(...rows);
    const paragraphs = d.text.split('\n').filter((p) => p.trim());
    $('doc-text').replaceChildren(...paragraphs.map((p) => { const node = el('p'); node.append(highlighted(p)); return node; }));
    $('similar').replaceChildren(el('li', 'muted', 'ищем…'));
    try {
      const similar = await api('/api/similar/' + encodeURIComponent(id) + '?limit=5&snippet_chars=120');
      if (seq !== requestSeq) return;
      renderHits($('similar'), similar.hits);
      if (!similar.hits.length) $('similar').replaceChildren(el('li', 'muted', 'ничего похожего'));
    } catch (e) {
      $('similar').replaceChildren(el('li', 'muted', e.message));
    }
  }

  // ---- copy as Markdown: the same note as `bulletin search --format md` ----

  async function copyMarkdown() {
    const button = $('copy-md');
    const p = searchParams(state);
    p.set('offset', String(state.offset));
    p.set('limit', String(PAGE));
    p.set('format', 'md');
    let text;
    try {
      const response = await fetch('/api/search?' + p.toString());
      text = await response.text();
      if (!response.ok) throw new Error(text);
    } catch (e) {
      showMessage('Не удалось получить Markdown: ' + e.message, 'error');
      return;
    }
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) { await navigator.clipboard.writeText(text); ok = true; }
    } catch (e) { ok = false; }
    if (!ok) {
      const area = $('clipboard');
      area.value = text;
      area.select();
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    }
    button.dataset.markdown = text;
    button.textContent = ok ? 'Скопировано ✓' : 'Markdown выделен — Ctrl-C';
    setTimeout(() => { button.textContent = 'Копировать как Markdown'; }, 2000);
  }

  // ---- wiring ----

  function init() {
    state = readURL();
    $('search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      navigate(Object.assign({}, state, { q: $('q').value.trim(), offset: 0, doc: '' }));
    });
    $('sort').addEventListener('change', () => navigate(Object.assign({}, state, { sort: $('sort').value, offset: 0 })));
    const dateChanged = () => navigate(Object.assign({}, state, { from: $('from').value.trim(), to: $('to').value.trim(), offset: 0, doc: '' }));
    $('from').addEventListener('change', dateChanged);
    $('to').addEventListener('change', dateChanged);
    $('clear-dates').addEventListener('click', () => navigate(Object.assign({}, state, { from: '', to: '', offset: 0 })));
    $('prev').addEventListener('click', () => { navigate(Object.assign({}, state, { offset: Math.max(0, state.offset - PAGE) })); window.scrollTo(0, 0); });
    $('next').addEventListener('click', () => { navigate(Object.assign({}, state, { offset: state.offset + PAGE })); window.scrollTo(0, 0); });
    $('back').addEventListener('click', (e) => { e.preventDefault(); navigate(Object.assign({}, state, { doc: '' })); });
    $('home').addEventListener('click', (e) => { e.preventDefault(); navigate(emptyState()); });
    $('copy-md').addEventListener('click', copyMarkdown);
    $('timeline-by').addEventListener('change', () => navigate(Object.assign({}, state, { by: $('timeline-by').value }), true));
    window.addEventListener('popstate', () => { state = readURL(); render(); });
    render();
  }

  init();
})();
