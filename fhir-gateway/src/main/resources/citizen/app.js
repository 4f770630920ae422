// Mitt patientkontrakt: the citizen's view of their own contract, SIP, care transition and access log.
// Everything comes from the gateway's FHIR API (same origin, ../fhir) with the citizen's bearer token;
// the page has no other source of data. Data is put into the page as text only (never as HTML).
'use strict';

(function () {
  const FHIR = new URL('../fhir/', document.baseURI).href;
  const SESSION_KEY = 'naravard.citizen.session';
  const HSA = 'http://electronichealth.se/identifier/hsaid';
  const PNR = 'http://electronichealth.se/identifier/personnummer';
  const SNR = 'http://electronichealth.se/identifier/samordningsnummer';
  const EXT = 'https://naravard.se/fhir/StructureDefinition/';

  // ---- Login: the seam for e-ID (docs/citizen-page.md "Logging in") --------------------------------
  // A session is {accessToken, patient?}: the bearer token for the FHIR API and, when the login gave
  // it (SMART's token response carries `patient`), the citizen's Patient id. It lives in this tab's
  // sessionStorage only, never in a URL or a cookie. A real e-ID login (BankID / Freja through an
  // OIDC provider, authorization code + PKCE) ends by calling login.start(session); the local run's
  // demo login does the same with a pasted demo token.
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

  // ---- Small helpers ------------------------------------------------------------------------------
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

  function fill(id, ...children) {
    const node = $(id);
    node.replaceChildren(...children.flat().filter((c) => c));
  }

  const resources = (bundle, mode) =>
    (bundle.entry || [])
      .filter((e) => e.resource && (!mode || !e.search || e.search.mode === mode))
      .map((e) => e.resource);

  const byRef = (all, ref) => {
    if (!ref || !ref.reference) {
      return undefined;
    }
    const [type, id] = ref.reference.split('/');
    return all.find((r) => r.resourceType === type && r.id === id);
  };

  const ext = (resource, name) => (resource.extension || []).find((e) => e.url === EXT + name);
  const hsaId = (ref) => ref && ref.identifier && ref.identifier.system === HSA ? ref.identifier.value : null;
  const code = (concept) => concept && concept.coding && concept.coding[0] ? concept.coding[0].code : null;

  // Dates: a plain date (2026-12-01) is a calendar day; an instant is shown in Swedish time.
  function day(value) {
    if (!value) {
      return '';
    }
    const [y, m, d] = value.substring(0, 10).split('-').map(Number);
    return new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(Date.UTC(y, m - 1, d)));
  }

  function time(value) {
    return new Intl.DateTimeFormat('sv-SE', {
      day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
      timeZone: 'Europe/Stockholm',
    }).format(new Date(value));
  }

  function timeEl(value, withTime) {
    return el('time', { datetime: value }, withTime ? time(value) : day(value));
  }

  // Names of units and people as the citizen's own resources give them (HSA-id → display): the gateway
  // serves no Organization or Practitioner, so a unit without a name anywhere keeps its HSA-id. Care
  // teams first: they name units and people as such (a next step's performer may carry a person's
  // first name on the unit's reference).
  function nameBook(bundles) {
    const all = bundles.flatMap((b) => resources(b));
    const teams = all.filter((r) => r.resourceType === 'CareTeam');
    return collectNames([...teams, ...all.filter((r) => r.resourceType !== 'CareTeam')]);
  }

  function collectNames(all) {
    const names = new Map();
    const visit = (node) => {
      if (Array.isArray(node)) {
        node.forEach(visit);
      } else if (node && typeof node === 'object') {
        const id = hsaId(node);
        if (id && node.display && !names.has(id)) {
          names.set(id, node.display);
        }
        Object.values(node).forEach(visit);
      }
    };
    visit(all);
    return names;
  }

  function unitName(names, ref) {
    if (ref && ref.display) {
      return ref.display;
    }
    const id = hsaId(ref);
    if (!id) {
      return null;
    }
    return names.get(id) || 'enhet ' + id;
  }

  // ---- The patient ----------------------------------------------------------------------------------
  // Locally the token's own claims name the person (a demo token is a JWT with a personnummer claim);
  // the gateway finds the Patient for it. A SMART login gives the Patient id directly.
  function claims(token) {
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(decodeURIComponent(escape(atob(part))));
    } catch (e) {
      return {};
    }
  }

  async function patientId(session) {
    if (session.patient) {
      return session.patient;
    }
    const number = claims(session.accessToken).personnummer;
    if (!/^\d{12}$/.test(number || '')) {
      throw new HttpError(401);
    }
    const system = Number(number.substring(6, 8)) > 60 ? SNR : PNR;
    const bundle = await fhir(session, 'Patient?identifier=' + encodeURIComponent(system + '|' + number));
    const patient = resources(bundle, 'match')[0];
    if (!patient) {
      return null;
    }
    session.patient = patient.id;
    login.start(session);
    return patient.id;
  }

  // ---- The patient contract: its four parts ----------------------------------------------------------
  const STEP_STATUS = {
    'not-started': 'Planerad', scheduled: 'Bokad', 'in-progress': 'Pågår', completed: 'Klar',
    cancelled: 'Inställd', stopped: 'Avbruten',
  };

  function newest(list) {
    return list.slice().sort((a, b) => ((b.meta || {}).lastUpdated || '').localeCompare((a.meta || {}).lastUpdated || ''))[0];
  }

  function renderContract(bundle, patient, names) {
    const all = resources(bundle);
    const plan = newest(resources(bundle, 'match').filter((r) => r.resourceType === 'CarePlan'));
    if (!plan) {
      const none = el('p', {}, 'Du har inget patientkontrakt just nu.');
      ['planning', 'vardkontakt', 'lakarkontakt', 'steps'].forEach((id) => fill(id, none.cloneNode(true)));
      return;
    }
    const team = byRef(all, (plan.careTeam || [])[0]) || { participant: [], note: [] };
    const selfCare = [];
    const steps = [];
    (plan.activity || []).forEach((a) => {
      const d = a.detail || {};
      const byMe = (d.performer || []).some((p) => p.reference === 'Patient/' + patient);
      (byMe ? selfCare : steps).push(d);
    });

    // Sammanhållen planering: goals in my own words, what I do myself, other contacts.
    const goals = (plan.goal || []).map((g) => byRef(all, g)).filter((g) => g && g.description);
    const others = (team.participant || []).filter((p) => code((p.role || [])[0]) === 'kontakt');
    fill(
      'planning',
      plan.period && plan.period.start ? el('p', { class: 'muted' }, 'Överenskommet ', timeEl(plan.period.start), '.') : null,
      el('h3', {}, 'Mina mål'),
      goals.length ? el('ul', {}, goals.map((g) => el('li', {}, g.description.text))) : el('p', {}, 'Inga mål är skrivna ännu.'),
      el('h3', {}, 'Det här gör jag själv'),
      selfCare.length ? el('ul', {}, selfCare.map((d) => el('li', {}, d.description))) : el('p', {}, 'Inget är skrivet ännu.'),
      others.length ? el('h3', {}, 'Andra kontakter i min vård') : null,
      others.length ? el('ul', {}, others.map((p) => {
        const name = unitName(names, p.member) || '';
        const how = reachNote(team, name);
        return el('li', {}, name, p.role[0].text ? ' (' + p.role[0].text + ')' : '', how ? ': ' + how : '');
      })) : null);

    fill('vardkontakt', contact(team, names, 'fast-vardkontakt', 'Fast vårdkontakt',
      'Du har ingen fast vårdkontakt utsedd ännu.'));
    const substitute = (team.participant || []).find((p) => code((p.role || [])[0]) === 'fast-vardkontakt-ersattare');
    if (substitute && substitute.member && substitute.member.display) {
      $('vardkontakt').append(el('p', {}, el('span', { class: 'label' }, 'Ersättare: '), substitute.member.display));
    }
    fill('lakarkontakt', contact(team, names, 'fast-lakarkontakt', 'Fast läkarkontakt (bokning)',
      'Du har ingen fast läkarkontakt utsedd ännu.'));

    // Nästa steg, by date; the first one not done is "next".
    steps.sort((a, b) => start(a).localeCompare(start(b)));
    const nextIndex = steps.findIndex((d) => ['not-started', 'scheduled', 'in-progress'].includes(d.status));
    fill('steps', steps.length
      ? el('ol', { class: 'plain' }, steps.map((d, i) => step(d, i === nextIndex, names)))
      : el('p', {}, 'Inga nästa steg är planerade.'));
  }

  const start = (d) => (d.scheduledPeriod && d.scheduledPeriod.start) || d.scheduledString || '9999';

  function step(d, isNext, names) {
    const period = d.scheduledPeriod || {};
    const who = (d.performer || []).map((p) => p.display || unitName(names, p)).filter(Boolean);
    return el('li', { class: isNext ? 'card next' : 'card' },
      isNext ? el('p', { class: 'label' }, 'Nästa steg') : null,
      el('h3', {}, d.description || 'Steg'),
      el('dl', {},
        el('dt', {}, 'När'),
        el('dd', {}, period.start ? timeEl(period.start) : 'Inte bestämt',
          period.end ? [' – ', timeEl(period.end)] : null),
        d.code && d.code.text ? [el('dt', {}, 'Hur'), el('dd', {}, d.code.text)] : null,
        who.length ? [el('dt', {}, 'Vem'), el('dd', {}, who.join(', '))] : null,
        el('dt', {}, 'Status'),
        el('dd', {}, STEP_STATUS[d.status] || d.status)));
  }

  // A contact path as the care team's notes give it ("Fast vårdkontakt: telefon …, e-tjänst …, hours").
  function reachNote(team, who) {
    const note = (team.note || []).find((n) => n.text && n.text.startsWith(who + ': '));
    return note ? note.text.substring(who.length + 2) : null;
  }

  function contact(team, names, role, noteName, none) {
    const p = (team.participant || []).find((x) => code((x.role || [])[0]) === role);
    if (!p) {
      return el('p', {}, none);
    }
    const person = p.member && p.member.type !== 'Organization' ? p.member.display : null;
    const unit = unitName(names, p.onBehalfOf || (p.member && p.member.type === 'Organization' ? p.member : null));
    const profession = (p.role || [])[0] && p.role[0].text;
    const reach = reachNote(team, noteName);
    const phone = reach && (reach.match(/telefon ([0-9 +-]+)/) || [])[1];
    return el('dl', {},
      person ? [el('dt', {}, 'Namn'), el('dd', {}, person, profession ? ', ' + profession : '')] : null,
      unit ? [el('dt', {}, 'Mottagning'), el('dd', {}, unit)] : null,
      p.period && p.period.start ? [el('dt', {}, 'Sedan'), el('dd', {}, timeEl(p.period.start))] : null,
      reach ? [el('dt', {}, 'Så når du ' + (role === 'fast-vardkontakt' ? 'din vårdkontakt' : 'din läkare')),
        el('dd', {}, reach, phone ? [' ', el('a', { href: 'tel:' + phone.trim().replace(/[ -]/g, '') },
          'Ring ' + phone.trim())] : null)] : null);
  }

  // ---- The SIP: shown only while a consent to it is in force --------------------------------------
  const PRINCIPAL = { region: 'Regionen', municipality: 'Kommunen' };

  function renderSip(sips, consents, meetings, names) {
    const all = resources(sips);
    const active = new Set(resources(consents, 'match').filter((c) => c.status === 'active').map((c) => 'Consent/' + c.id));
    const plan = newest(resources(sips, 'match').filter((r) => r.resourceType === 'CarePlan'
      && (r.supportingInfo || []).some((s) => active.has(s.reference))));
    if (!plan) {
      fill('sip', el('p', {}, 'Du har ingen samordnad individuell plan som du har samtyckt till just nu.'));
      return;
    }
    const team = byRef(all, (plan.careTeam || [])[0]) || { participant: [] };
    const unitOf = (ref) => {
      const id = hsaId(ref);
      const p = (team.participant || []).find((x) => hsaId(x.member) === id || hsaId(x.onBehalfOf) === id);
      if (!p) {
        return unitName(names, ref);
      }
      const role = (((p.role || [])[0] || {}).coding || []).find((c) => c.system.endsWith('sip-unit-role'));
      const contactName = p.member && p.member.type === 'Practitioner' ? p.member.display : null;
      return [names.get(id) || (role && role.display) || unitName(names, ref), contactName ? 'kontaktperson ' + contactName : null]
        .filter(Boolean).join(', ');
    };
    const goals = (plan.goal || []).map((g) => byRef(all, g)).filter((g) => g && g.description);
    const overall = ext(plan, 'sip-overall-responsibility');
    const next = resources(meetings, 'match')
      .filter((m) => (m.supportingInformation || []).some((s) => s.reference === 'CarePlan/' + plan.id) && m.start)
      .sort((a, b) => a.start.localeCompare(b.start))[0];
    fill('sip',
      plan.period && plan.period.start ? el('p', { class: 'muted' }, 'Gäller sedan ', timeEl(plan.period.start), '.') : null,
      overall ? el('p', {}, el('span', { class: 'label' }, 'Huvudansvar: '),
        PRINCIPAL[code(overall.valueCodeableConcept)] || '') : null,
      el('h3', {}, 'Mina mål i planen'),
      goals.length ? el('ul', {}, goals.map((g) => el('li', {}, g.description.text))) : el('p', {}, 'Inga mål är skrivna ännu.'),
      el('h3', {}, 'Vem gör vad'),
      (plan.activity || []).length ? el('ul', {}, plan.activity.map((a) => {
        const d = a.detail || {};
        const principal = ext(d, 'sip-responsible-principal');
        const who = (d.performer || []).map(unitOf).filter(Boolean).join(', ');
        return el('li', {}, el('span', { class: 'label' }, d.description || 'Insats'),
          who ? ': ' + who : '', principal ? ' (' + PRINCIPAL[code(principal.valueCodeableConcept)] + ')' : '',
          d.status ? ' – ' + (STEP_STATUS[d.status] || d.status) : '');
      })) : el('p', {}, 'Inga insatser är planerade ännu.'),
      next ? el('p', {}, el('span', { class: 'label' }, 'Nästa SIP-möte: '), timeEl(next.start, true),
        next.description ? ', ' + next.description : '') : null);
  }

  // ---- My current care transition (inpatient care) -----------------------------------------------
  function renderTransition(bundle, names) {
    const all = resources(bundle);
    const encounter = newest(resources(bundle, 'match').filter((r) => r.resourceType === 'Encounter'));
    if (!encounter) {
      fill('transition', el('p', {}, 'Du är inte inskriven på sjukhus just nu.'));
      return;
    }
    const ready = ext(encounter, 'lus-utskrivningsklar-at');
    const expected = ext(encounter, 'lus-expected-discharge-date');
    const messages = all
      .filter((r) => r.resourceType === 'Communication' && r.status === 'completed'
        && r.encounter && r.encounter.reference === 'Encounter/' + encounter.id)
      .sort((a, b) => (a.sent || '').localeCompare(b.sent || ''));
    fill('transition',
      el('p', {}, 'Du är inskriven',
        encounter.serviceProvider ? [' på ', unitName(names, encounter.serviceProvider)] : '',
        encounter.period && encounter.period.start ? [' sedan ', timeEl(encounter.period.start, true)] : '', '.'),
      ready ? el('p', {}, 'Du bedöms vara utskrivningsklar sedan ', timeEl(ready.valueDateTime, true), '.') : null,
      expected ? el('p', {}, 'Planerad utskrivning: ', timeEl(expected.valueDate), '.') : null,
      messages.length ? el('h3', {}, 'Det här har hänt') : null,
      messages.length ? el('ul', {}, messages.map((m) => {
        const kind = ((m.category || [])[0] || {}).coding;
        const to = (m.recipient || []).map((r) => unitName(names, r)).filter(Boolean);
        return el('li', {}, m.sent ? [timeEl(m.sent, true), ': '] : '', (kind && kind[0].display) || 'Meddelande',
          to.length ? ' till ' + to.join(', ') : '');
      })) : null);
  }

  // ---- Who has looked at my data: the access log (AuditEvent) ---------------------------------------
  const WHAT = {
    CarePlan: 'plan', CareTeam: 'vårdteam', Goal: 'mål', Encounter: 'vårdtillfälle', Communication: 'meddelanden',
    Task: 'uppgifter', Consent: 'samtycke', Appointment: 'möten', Patient: 'uppgifter om dig', AuditEvent: 'loggen',
  };
  const ACTION = { C: 'skapade', R: 'läste', U: 'ändrade', D: 'tog bort', E: 'sökte i' };

  function renderLog(bundle, patient, names) {
    const events = resources(bundle, 'match').filter((r) => r.resourceType === 'AuditEvent');
    const own = (e) => e.agent && e.agent[0] && e.agent[0].who && e.agent[0].who.reference === 'Patient/' + patient;
    const others = events.filter((e) => !own(e));
    const mine = events.length - others.length;
    if (!others.length) {
      fill('log', el('p', {}, 'Ingen annan har tittat i dina uppgifter här.'),
        mine ? el('p', { class: 'muted' }, 'Dina egna besök på den här sidan visas inte.') : null);
      return;
    }
    const unitOf = (e) => unitName(names, (e.agent || [])[1] && e.agent[1].who) || 'okänd enhet';
    const perUnit = new Map();
    others.forEach((e) => {
      const u = unitOf(e);
      const seen = perUnit.get(u) || { count: 0, last: e.recorded };
      seen.count += 1;
      seen.last = seen.last > e.recorded ? seen.last : e.recorded;
      perUnit.set(u, seen);
    });
    const rows = others.map((e) => {
      const who = e.agent[0] || {};
      const person = who.name || (who.who && (who.who.display || names.get(hsaId(who.who)) || (hsaId(who.who) ? 'personal ' + hsaId(who.who) : null))) || 'okänd';
      const entity = (e.entity || []).find((x) => x.what && x.what.reference && !x.what.reference.startsWith('Patient/'))
        || (e.entity || [])[0] || {};
      const type = entity.what && entity.what.reference ? entity.what.reference.split('/')[0] : (entity.description || '').split(' ')[0];
      const emergency = (e.meta && e.meta.tag || []).some((t) => t.code === 'emergency');
      const refused = e.outcome && e.outcome !== '0';
      return el('tr', {},
        el('td', {}, timeEl(e.recorded, true)),
        el('td', {}, unitOf(e)),
        el('td', {}, person),
        el('td', {}, (ACTION[e.action] || 'använde') + ' ' + (WHAT[type] || 'uppgifter'),
          emergency ? [' ', el('span', { class: 'tag warn' }, 'Nödåtkomst')] : null,
          refused ? [' ', el('span', { class: 'tag' }, 'Nekades')] : null));
    });
    fill('log',
      el('p', {}, 'Så här många gånger har personal tittat i dina uppgifter, per vårdenhet:'),
      el('ul', {}, [...perUnit.entries()].map(([u, s]) => el('li', {}, el('span', { class: 'label' }, u), ': ',
        s.count === 1 ? '1 gång' : s.count + ' gånger', ', senast ', timeEl(s.last, true)))),
      el('div', { class: 'table-wrap', role: 'region', 'aria-labelledby': 'log-caption', tabindex: '0' },
        el('table', {},
          el('caption', { id: 'log-caption' }, 'Varje gång, senaste först'),
          el('thead', {}, el('tr', {}, ['Tid', 'Vårdenhet', 'Vem', 'Vad'].map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, rows))),
      mine ? el('p', { class: 'muted' }, 'Dina egna besök på den här sidan visas inte.') : null);
  }

  // ---- The page -----------------------------------------------------------------------------------------
  function say(text) {
    $('status').textContent = text;
  }

  // What the page is doing (login, loading, ready, error), on <body data-state> for tests and styles.
  function state(value) {
    document.body.dataset.state = value;
  }

  function showLogin(message) {
    $('plan').hidden = true;
    $('logout').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
    state('login');
  }

  async function show(session) {
    $('login').hidden = true;
    $('logout').hidden = false;
    say('Hämtar dina uppgifter …');
    state('loading');
    try {
      const patient = await patientId(session);
      if (!patient) {
        $('plan').hidden = true;
        say('Vi hittar inga uppgifter om dig här.');
        state('error');
        return;
      }
      const p = 'patient=Patient/' + encodeURIComponent(patient);
      const includes = '&_include=CarePlan:care-team&_include=CarePlan:goal';
      const [contracts, sips, consents, meetings, episodes] = await Promise.all([
        fhir(session, 'CarePlan?' + p + '&category=patientkontrakt&status=active' + includes),
        fhir(session, 'CarePlan?' + p + '&category=sip&status=active' + includes),
        fhir(session, 'Consent?' + p + '&status=active'),
        fhir(session, 'Appointment?' + p + '&status=booked'),
        fhir(session, 'Encounter?' + p + '&status=in-progress&_revinclude=Communication:encounter'),
      ]);
      const log = await fhir(session, 'AuditEvent?' + p + '&_count=100');
      const names = nameBook([contracts, sips, meetings, episodes]);
      renderContract(contracts, patient, names);
      renderSip(sips, consents, meetings, names);
      renderTransition(episodes, names);
      renderLog(log, patient, names);
      $('plan').hidden = false;
      say('');
      state('ready');
    } catch (e) {
      if (e instanceof HttpError && e.status === 401) {
        login.end();
        say('');
        showLogin('Inloggningen gäller inte längre. Logga in igen.');
      } else {
        $('plan').hidden = true;
        say('Det gick inte att hämta dina uppgifter just nu. Försök igen om en stund.');
        state('error');
      }
    }
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
      show(login.current()).then(() => $('main').focus());
    });
    $('logout').addEventListener('click', () => {
      login.end();
      say('Du är utloggad.');
      showLogin();
      $('token').focus();
    });
    const session = login.current();
    if (session) {
      show(session);
    } else {
      showLogin();
    }
  }

  init();
}());
