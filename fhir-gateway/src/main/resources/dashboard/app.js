// Gemensam uppföljning: the managers' dashboard of the joint follow-up indicators and the payment
// liability per kommun. Everything comes from the gateway's FHIR API (same origin, ../fhir) with the
// manager's bearer token: Measure, MeasureReport?period=yyyy-MM and MeasureReport/$liability. Only
// aggregates: a suppressed (masked) cell is shown as "dold" (<5 or protecting one), never as a number or zero.
// Data is put into the page as text only (never as HTML); the charts are inline SVG drawn here.
'use strict';

(function () {
  const FHIR = new URL('../fhir/', document.baseURI).href;
  const SESSION_KEY = 'naravard.dashboard.session';
  const EXT_KOMMUN = 'https://naravard.se/fhir/StructureDefinition/kommun';
  const ABSENT = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
  const SVG = 'http://www.w3.org/2000/svg';
  // A masked cell: fewer than five (1–4), or hidden so that such a cell cannot be worked out from the others.
  const HIDDEN = '<5 eller skyddad';

  // ---- Login: as the citizen page, a session {accessToken} in this tab's sessionStorage only -------
  const login = {
    current() {
      try {
        const s = JSON.parse(sessionStorage.getItem(SESSION_KEY));
        return s && typeof s.accessToken === 'string' ? s : null;
      } catch (e) {
        return null;
      }
    },
    start(session) {
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    },
    end() {
      sessionStorage.removeItem(SESSION_KEY);
    },
  };

  class HttpError extends Error {
    constructor(status) {
      super('HTTP ' + status);
      this.status = status;
    }
  }

  async function fhir(session, path) {
    const response = await fetch(FHIR + path, {
      headers: { Authorization: 'Bearer ' + session.accessToken, Accept: 'application/fhir+json' },
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    if (!response.ok) {
      throw new HttpError(response.status);
    }
    return response.json();
  }

  // ---- Helpers -------------------------------------------------------------------------------------
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v !== undefined && v !== null) {
        node.setAttribute(k, v);
      }
    });
    children.flat().forEach((c) => {
      if (c !== undefined && c !== null && c !== false) {
        node.append(c instanceof Node ? c : document.createTextNode(String(c)));
      }
    });
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  const say = (text) => { $('status').textContent = text; };
  const state = (s) => { document.body.dataset.state = s; };
  const code = (concept) => (concept && concept.coding && concept.coding[0] ? concept.coding[0].code : null);
  const masked = (element) => !!element && (element.extension || []).some((e) => e.url === ABSENT);
  const resources = (bundle) => (bundle.entry || []).map((e) => e.resource).filter((r) => r);

  // The last n months, oldest first, in Swedish time.
  function months(n) {
    const parts = new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', timeZone: 'Europe/Stockholm' })
      .formatToParts(new Date());
    let y = Number(parts.find((p) => p.type === 'year').value);
    let m = Number(parts.find((p) => p.type === 'month').value);
    const out = [];
    for (let i = 0; i < n; i++) {
      out.unshift(y + '-' + String(m).padStart(2, '0'));
      m -= 1;
      if (m === 0) {
        m = 12;
        y -= 1;
      }
    }
    return out;
  }

  function monthName(month) {
    const [y, m] = month.split('-').map(Number);
    return new Intl.DateTimeFormat('sv-SE', { month: 'short', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(Date.UTC(y, m - 1, 1)));
  }

  const number = (v, digits) => new Intl.NumberFormat('sv-SE', { maximumFractionDigits: digits }).format(v);

  // ---- Reading a MeasureReport --------------------------------------------------------------------
  // A cell: {value (number or null), text (what the table says), masked}.
  function cell(measure, group, populations) {
    const pop = (c) => (populations || []).find((p) => code(p.code) === c);
    if (measure.scoring === 'proportion') {
      const den = pop('denominator');
      const num = pop('numerator');
      if (!den) {
        return { value: null, text: '–', note: '' };
      }
      if (masked(den.count)) {
        return { value: null, text: 'dold', masked: true, note: HIDDEN };
      }
      if (den.count === 0) {
        return { value: null, text: '–', note: 'inga fall' };
      }
      if (!num || masked(num.count) || masked(group.score)) {
        return { value: null, text: 'dold', masked: true, note: 'av ' + den.count + '; ' + HIDDEN };
      }
      const v = (100 * num.count) / den.count;
      return { value: v, text: number(v, 0) + ' %', note: num.count + ' av ' + den.count };
    }
    const population = pop('measure-population');
    if (!population) {
      return { value: null, text: '–', note: '' };
    }
    if (masked(population.count)) {
      return { value: null, text: 'dold', masked: true, note: HIDDEN };
    }
    if (population.count === 0 || !group.score || group.score.value === undefined) {
      return { value: null, text: '–', note: 'inga fall' };
    }
    return {
      value: group.score.value,
      text: number(group.score.value, 1) + ' ' + (group.score.unit === 'min' ? 'min' : group.score.unit === 'd' ? 'dygn' : group.score.unit || ''),
      note: 'median, ' + population.count + ' fall',
    };
  }

  // Every stratum of a report at one level (and the total): {key, label, parent, cell}.
  function strata(measure, report) {
    const group = (report.group || [])[0] || {};
    const out = [{ key: 'total', level: 'total', label: 'Hela länet', cell: cell(measure, { score: group.measureScore }, group.population) }];
    (group.stratifier || []).forEach((s) => {
      const level = code((s.code || [])[0]);
      (s.stratum || []).forEach((st) => {
        const key = st.value ? code(st.value) : null;
        const kommun = (st.extension || []).find((e) => e.url === EXT_KOMMUN);
        const display = st.value && st.value.coding && st.value.coding[0].display;
        out.push({
          key: key,
          level: level,
          parent: level === 'micro' ? (kommun ? kommun.valueCode : null) : level === 'meso' ? key.substring(0, 2) : null,
          label: label(level, key, display),
          cell: cell(measure, { score: st.measureScore }, st.population),
        });
      });
    });
    return out;
  }

  function label(level, key, display) {
    if (key === 'unknown') {
      return 'Okänd';
    }
    if (level === 'macro') {
      return 'Län ' + key;
    }
    if (level === 'meso') {
      return display ? display + ' (' + key + ')' : 'Kommun ' + key;
    }
    return 'Enhet ' + key;
  }

  // ---- The view: level and what was drilled into --------------------------------------------------
  const view = {
    measures: [],
    reports: {}, // month → [MeasureReport]
    months: [],
    level: 'macro', // macro → meso (of a county) → micro (of a kommun)
    county: null,
    kommun: null,
    kommunLabel: null,
  };

  function selectedMeasure() {
    return view.measures.find((m) => m.id === $('indicator').value) || view.measures[0];
  }

  // The series of the current view: one per stratum, a cell per month.
  function series(measure) {
    const byKey = new Map();
    view.months.forEach((month, i) => {
      const report = (view.reports[month] || []).find((r) => r.measure === measure.url);
      if (!report) {
        return;
      }
      strata(measure, report)
        .filter((s) => inView(s))
        .forEach((s) => {
          const id = s.level + ':' + s.key + ':' + (s.parent || '');
          if (!byKey.has(id)) {
            byKey.set(id, { key: s.key, label: s.label, level: s.level, cells: view.months.map(() => null) });
          }
          byKey.get(id).cells[i] = s.cell;
        });
    });
    view.months.forEach((m, i) => byKey.forEach((s) => {
      if (!s.cells[i]) {
        s.cells[i] = { value: null, text: '–', note: 'inga fall' };
      }
    }));
    return [...byKey.values()].sort((a, b) => a.label.localeCompare(b.label, 'sv'));
  }

  function inView(s) {
    if (view.level === 'macro') {
      return s.level === 'macro';
    }
    if (view.level === 'meso') {
      return s.level === 'meso' && s.parent === view.county;
    }
    return s.level === 'micro' && s.parent === view.kommun;
  }

  // ---- Chart: inline SVG, a line per stratum, masked months marked "<5" -----------------------------
  function chart(measure, all) {
    const shown = all.slice(0, 8);
    const width = 720;
    const height = 300;
    const left = 56;
    const right = 20;
    const top = 16;
    const bottom = 48;
    const values = shown.flatMap((s) => s.cells.map((c) => c.value)).filter((v) => v !== null);
    const max = measure.scoring === 'proportion' ? 100 : Math.max(1, ...values) * 1.1;
    const x = (i) => left + (view.months.length === 1 ? 0 : (i * (width - left - right)) / (view.months.length - 1));
    const y = (v) => top + (height - top - bottom) * (1 - v / max);
    const title = measure.title + ', ' + levelText() + ', ' + monthName(view.months[0]) + ' – '
      + monthName(view.months[view.months.length - 1]);
    const root = svg('svg', {
      viewBox: '0 0 ' + width + ' ' + height,
      role: 'img',
      'aria-labelledby': 'chart-title chart-desc',
    });
    root.append(svg('title', { id: 'chart-title' }, 'Diagram: ' + title));
    root.append(svg('desc', { id: 'chart-desc' },
      'Samma siffror finns i tabellen under diagrammet. ' + shown.length + ' linjer.'));
    for (let t = 0; t <= 4; t++) {
      const v = (max * t) / 4;
      root.append(svg('line', { class: 'grid', x1: left, x2: width - right, y1: y(v), y2: y(v) }));
      root.append(svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end' },
        measure.scoring === 'proportion' ? number(v, 0) + ' %' : number(v, 1)));
    }
    root.append(svg('line', { class: 'axis', x1: left, x2: width - right, y1: y(0), y2: y(0) }));
    view.months.forEach((m, i) => {
      root.append(svg('text', { x: x(i), y: height - bottom + 18, 'text-anchor': 'middle' }, monthName(m)));
    });
    shown.forEach((s, n) => {
      const klass = 's' + n;
      let path = '';
      let pen = false;
      s.cells.forEach((c, i) => {
        if (c.value === null) {
          pen = false;
          return;
        }
        path += (pen ? 'L' : 'M') + x(i).toFixed(1) + ',' + y(c.value).toFixed(1) + ' ';
        pen = true;
      });
      if (path.includes('L')) {
        root.append(svg('path', { class: 'line ' + klass, d: path.trim() }));
      }
      s.cells.forEach((c, i) => {
        if (c.value !== null) {
          root.append(svg('circle', { class: klass, cx: x(i), cy: y(c.value), r: 4 }));
        } else if (c.masked) {
          root.append(svg('text', { class: 'masked', x: x(i), y: y(0) - 6 - 14 * n, 'text-anchor': 'middle' }, c.text));
        }
      });
    });
    const legend = el('ul', { class: 'legend', 'aria-hidden': 'true' },
      shown.map((s, n) => el('li', {}, el('span', { class: 'swatch s' + n }), s.label)));
    const note = all.length > shown.length
      ? el('p', { class: 'help' }, 'Diagrammet visar de första 8 av ' + all.length + '; tabellen visar alla.')
      : null;
    $('chart').replaceChildren(root, legend, ...(note ? [note] : []));
  }

  function levelText() {
    if (view.level === 'macro') {
      return 'per län';
    }
    if (view.level === 'meso') {
      return 'kommuner i län ' + view.county;
    }
    return 'enheter i ' + view.kommunLabel;
  }

  // ---- Table: the chart's text alternative, with the drill-down buttons -----------------------------
  function table(measure, all) {
    const head = el('tr', {},
      el('th', { scope: 'col' }, view.level === 'macro' ? 'Län' : view.level === 'meso' ? 'Kommun' : 'Enhet'),
      view.months.map((m) => el('th', { scope: 'col', class: 'num' }, monthName(m))));
    const rows = all.map((s) => el('tr', {},
      el('th', { scope: 'row' }, s.label, drill(s)),
      s.cells.map((c) => el('td', { class: 'num' }, c.text, c.note ? el('span', { class: 'cell-note' }, c.note) : null))));
    const t = el('table', {},
      el('caption', {}, measure.title + ', ' + levelText()),
      el('thead', {}, head),
      el('tbody', {}, rows.length ? rows : [el('tr', {}, el('td', { colspan: view.months.length + 1 }, 'Inga fall under perioden.'))]));
    $('table').replaceChildren(t);
  }

  function drill(s) {
    if (s.key === 'unknown') {
      return null;
    }
    if (view.level === 'macro') {
      return el('button', { type: 'button', class: 'drill', 'data-county': s.key }, 'Visa kommuner i ' + s.label.toLowerCase());
    }
    if (view.level === 'meso') {
      return el('button', { type: 'button', class: 'drill', 'data-kommun': s.key, 'data-label': s.label },
        'Visa enheter i ' + s.label);
    }
    return null;
  }

  function crumbs() {
    const items = [{ text: 'Län', level: 'macro' }];
    if (view.level !== 'macro') {
      items.push({ text: 'Län ' + view.county, level: 'meso' });
    }
    if (view.level === 'micro') {
      items.push({ text: view.kommunLabel, level: 'micro' });
    }
    $('levels').replaceChildren(...items.map((it, i) => el('li', {},
      i === items.length - 1
        ? el('span', { 'aria-current': 'page' }, it.text)
        : el('button', { type: 'button', 'data-level': it.level }, it.text))));
  }

  function render() {
    const measure = selectedMeasure();
    if (!measure) {
      return;
    }
    $('indicator-help').textContent = measure.description || '';
    const all = series(measure);
    crumbs();
    chart(measure, all);
    table(measure, all);
    renderLiability();
  }

  // ---- Payment liability per kommun -----------------------------------------------------------------
  const liability = {}; // kommun|month → cell
  async function loadLiability(session, kommuner) {
    const jobs = [];
    kommuner.forEach((k) => view.months.forEach((m) => {
      const id = k.key + '|' + m;
      if (liability[id]) {
        return;
      }
      jobs.push(fhir(session, 'MeasureReport/$liability?kommun=' + encodeURIComponent(k.key) + '&period=' + m)
        .then((r) => { liability[id] = liabilityCell(r); })
        .catch((e) => {
          if (e instanceof HttpError && e.status === 401) {
            throw e;
          }
          liability[id] = { text: e instanceof HttpError && e.status === 403 ? 'ej behörig' : 'kunde inte hämtas' };
        }));
    }));
    await Promise.all(jobs);
  }

  function liabilityCell(report) {
    const days = (report.group || []).find((g) => code(g.code) === 'liable-days');
    const kronor = (report.group || []).find((g) => code(g.code) === 'liable-kronor');
    const episodes = days && days.population && days.population[0];
    return {
      text: number(days.measureScore.value, 0) + ' dagar',
      note: number(kronor.measureScore.value, 0) + ' kr'
        + (episodes ? (masked(episodes.count) ? ', <5 vårdtillfällen' : ', ' + episodes.count + ' vårdtillfällen') : '')
        + (report.status === 'pending' ? ' (hittills)' : ''),
    };
  }

  // The kommuner of the view: those drilled into, or every kommun with data in the county / län.
  function liabilityKommuner() {
    if (view.level === 'micro') {
      return [{ key: view.kommun, label: view.kommunLabel }];
    }
    const measure = selectedMeasure();
    const seen = new Map();
    view.months.forEach((month) => (view.reports[month] || []).forEach((r) => {
      const m = view.measures.find((x) => x.url === r.measure) || measure;
      strata(m, r)
        .filter((s) => s.level === 'meso' && s.key !== 'unknown' && (view.level === 'macro' || s.parent === view.county))
        .forEach((s) => seen.set(s.key, s.label));
    }));
    return [...seen.entries()].map(([key, label]) => ({ key, label })).sort((a, b) => a.label.localeCompare(b.label, 'sv'));
  }

  function renderLiability() {
    const kommuner = liabilityKommuner();
    if (!kommuner.length) {
      $('liability').replaceChildren(el('p', {}, 'Inga kommuner med vårdtillfällen under perioden.'));
      return;
    }
    const t = el('table', {},
      el('caption', {}, 'Betalningsansvar per kommun och månad'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Kommun'),
        view.months.map((m) => el('th', { scope: 'col', class: 'num' }, monthName(m))))),
      el('tbody', {}, kommuner.map((k) => el('tr', {},
        el('th', { scope: 'row' }, k.label),
        view.months.map((m) => {
          const c = liability[k.key + '|' + m];
          return el('td', { class: 'num' }, c ? c.text : 'hämtas …', c && c.note ? el('span', { class: 'cell-note' }, c.note) : null);
        })))));
    $('liability').replaceChildren(t);
  }

  // ---- Loading -------------------------------------------------------------------------------------
  function readMeasure(m) {
    const scoring = code(m.scoring);
    return {
      id: m.id,
      url: m.url,
      title: m.title || m.name || m.id,
      description: m.description,
      scoring: scoring === 'continuous-variable' ? 'continuous-variable' : 'proportion',
    };
  }

  async function load(session) {
    state('loading');
    say('Hämtar indikatorerna …');
    try {
      if (!view.measures.length) {
        const measures = await fhir(session, 'Measure');
        // The liability has its own section (MeasureReport/$liability), not a trend of the store.
        view.measures = resources(measures)
          .filter((r) => r.resourceType === 'Measure' && r.id !== 'payment-liability')
          .map(readMeasure);
        $('indicator').replaceChildren(...view.measures.map((m) => el('option', { value: m.id }, m.title)));
      }
      view.months = months(Number($('months').value));
      const missing = view.months.filter((m) => !view.reports[m]);
      const bundles = await Promise.all(missing.map((m) => fhir(session, 'MeasureReport?period=' + m)));
      missing.forEach((m, i) => { view.reports[m] = resources(bundles[i]).filter((r) => r.resourceType === 'MeasureReport'); });
      render();
      await loadLiability(session, liabilityKommuner());
      renderLiability();
      $('dashboard').hidden = false;
      say('');
      state('ready');
    } catch (e) {
      failed(e);
    }
  }

  function failed(e) {
    if (e instanceof HttpError && e.status === 401) {
      login.end();
      say('');
      showLogin('Inloggningen gäller inte längre. Logga in igen.');
    } else if (e instanceof HttpError && e.status === 403) {
      $('dashboard').hidden = true;
      say('Du har inte behörighet till uppföljningen. Den är för chefer och analytiker i region och kommun.');
      state('error');
    } else {
      $('dashboard').hidden = true;
      say('Det gick inte att hämta uppföljningen just nu. Försök igen om en stund.');
      state('error');
    }
  }

  async function go(change, announce) {
    Object.assign(view, change);
    const session = login.current();
    state('loading');
    try {
      render();
      await loadLiability(session, liabilityKommuner());
      renderLiability();
      say(announce || '');
      state('ready');
    } catch (e) {
      failed(e);
    }
  }

  function showLogin(message) {
    $('dashboard').hidden = true;
    $('logout').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
    state('login');
  }

  function init() {
    $('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = $('token').value.trim();
      if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) {
        $('login-error').textContent = 'Klistra in hela demonyckeln (tre delar med punkt emellan).';
        $('token').focus();
        return;
      }
      $('token').value = '';
      login.start({ accessToken: token });
      $('login').hidden = true;
      $('logout').hidden = false;
      load(login.current()).then(() => $('main').focus());
    });
    $('logout').addEventListener('click', () => {
      login.end();
      say('Du är utloggad.');
      showLogin();
      $('token').focus();
    });
    $('indicator').addEventListener('change', () => go({}, ''));
    $('months').addEventListener('change', () => load(login.current()));
    $('table').addEventListener('click', (event) => {
      const b = event.target.closest('button.drill');
      if (!b) {
        return;
      }
      if (b.dataset.county) {
        go({ level: 'meso', county: b.dataset.county }, 'Visar kommunerna i län ' + b.dataset.county + '.')
          .then(() => $('trend-heading').focus());
      } else if (b.dataset.kommun) {
        go({ level: 'micro', kommun: b.dataset.kommun, kommunLabel: b.dataset.label },
          'Visar enheterna i ' + b.dataset.label + '.').then(() => $('trend-heading').focus());
      }
    });
    $('levels').addEventListener('click', (event) => {
      const b = event.target.closest('button[data-level]');
      if (!b) {
        return;
      }
      const level = b.dataset.level;
      go(level === 'macro' ? { level, county: null, kommun: null } : { level, kommun: null },
        level === 'macro' ? 'Visar länen.' : 'Visar kommunerna i län ' + view.county + '.')
        .then(() => $('trend-heading').focus());
    });
    const session = login.current();
    if (session) {
      $('login').hidden = true;
      $('logout').hidden = false;
      load(session);
    } else {
      showLogin();
    }
  }

  init();
}());
