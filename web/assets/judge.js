// The judge's page: one sub-criterion of one candidate at a time (a "form", as `skillscore enter`
// walks them), each aspect with the controls its kind needs. A value is saved the moment it is
// chosen: it goes into the outbox (queue.js) and from there to the server; the field says whether
// it is saved, waiting for the network, or refused and why (the server's own words). Other judges'
// scores of a panel appear only once the judge's own score is in and the panel is disputed.
// A locked sub-criterion is shown read-only. The page asks the server every few seconds for locks
// and the current sheet, so that a lock set by the chief expert reaches the tablet without reload.
import { t, num, translatePage, currentLang } from './i18n.js';
import { get, request, me, enc, toSignIn } from './api.js';
import { h, append, clear, topBar, errorText } from './chrome.js';
import { Outbox } from './queue.js';

const POLL_MS = 4000;
const NOT_ATTEMPTED = 'na';

const page = {
  session: null,
  exam: null,          // GET /api/exams/{exam}
  subcriteria: [],     // flat, rubric order, each with .module
  candidates: [],      // present candidates
  candidate: null,     // id
  subcriterion: null,  // id
  sheet: null,         // GET /sheet of the current form
  sheets: new Map(),   // "C|S" → sheet, for showing forms while offline
  fields: new Map(),   // "C|aspect" → {state, message}
  queue: [],           // the outbox's entries
  progress: null,
  online: navigator.onLine,
  sessionEnded: false,
  outbox: null,
};

const key = (...parts) => parts.join('|');
const examPath = (suffix) => `/api/exams/${enc(page.session.exam)}${suffix}`;

// Reads the server, or the copy kept from the last time when the network is down.
async function cached(name, path) {
  const storageKey = `skillscore.${page.session.exam}.${page.session.judge}.${name}`;
  try {
    const data = await get(path);
    localStorage.setItem(storageKey, JSON.stringify(data));
    return data;
  } catch (error) {
    const kept = localStorage.getItem(storageKey);
    if (error.offline && kept) {
      setOnline(false);
      return JSON.parse(kept);
    }
    throw error;
  }
}

function currentSubcriterion() {
  return page.subcriteria.find((s) => s.id === page.subcriterion);
}

function isLocked() {
  const subcriterion = currentSubcriterion();
  return Boolean((page.sheet && page.sheet.locked) || (subcriterion && subcriterion.locked));
}

// ---- the values as the controls show them ----

const YES = ['yes', 'да', '1', 'true'];
const NO = ['no', 'нет', '0', 'false'];

// The value as the control that shows it spells it: "yes", "no", "na", an option's number…
function canonical(aspect, value) {
  if (value === null || value === undefined) return null;
  const text = String(value).trim().toLowerCase();
  if (text === NOT_ATTEMPTED) return NOT_ATTEMPTED;
  if (aspect.kind === 'pass_fail') return YES.includes(text) ? 'yes' : NO.includes(text) ? 'no' : text;
  if (aspect.kind === 'choice' && !/^\d+$/.test(text)) {
    const index = (aspect.options || []).findIndex((o) => o.toLowerCase() === text);
    return index >= 0 ? String(index + 1) : text;
  }
  return text;
}

// What the field shows: the judge's unsent value first, else the server's.
function shownValue(aspect, sheetAspect) {
  const pending = page.queue.filter((e) => e.candidate === page.candidate && e.aspect === aspect.id);
  const latest = pending[pending.length - 1];
  if (latest && latest.state === 'pending') return canonical(aspect, latest.value);
  return canonical(aspect, sheetAspect && sheetAspect.value);
}

// A value in the judge's words: "Да", "Не приступал", "82,5".
function valueText(aspectId, value) {
  const aspect = page.subcriteria.flatMap((s) => s.aspects).find((a) => a.id === aspectId);
  const shown = aspect ? canonical(aspect, value) : value;
  if (shown === NOT_ATTEMPTED) return t('na');
  if (shown === 'yes' || shown === 'no') return t(shown);
  return num(shown);
}

// ---- entering a value ----

async function enter(aspect, value) {
  if (isLocked()) return;
  const entry = await page.outbox.add(page.candidate, aspect.id, value);
  page.fields.set(key(entry.candidate, entry.aspect), { state: page.online ? 'saving' : 'queued' });
  redrawAspect(aspect.id);
  flush();
}

function send(entry) {
  return request('PUT', examPath('/marks'), {
    client_id: entry.client_id, candidate: entry.candidate, aspect: entry.aspect, value: entry.value,
  });
}

let flushing = null;
function flush() {
  if (flushing) return flushing.then(() => flush());
  flushing = (async () => {
    const stopped = await page.outbox.flush(send, {
      onSaved: (entry) => {
        page.fields.set(key(entry.candidate, entry.aspect), { state: 'saved' });
        setOnline(true);
        redrawAspect(entry.aspect, entry.candidate);
      },
      // A value sent as it was entered is explained beside its field, which the judge is looking
      // at; one that waited in the queue stays there, refused, so that it is not missed.
      onRefused: (entry, error) => {
        const field = key(entry.candidate, entry.aspect);
        const immediate = page.fields.get(field)?.state === 'saving' && entry.candidate === page.candidate &&
          Boolean(document.getElementById(`aspect-${entry.aspect}`));
        page.fields.set(field, { state: 'refused', value: entry.value, message: error.message });
        setOnline(true);
        redrawAspect(entry.aspect, entry.candidate);
        return immediate;
      },
    });
    if (stopped) noteStop(stopped);
    flushing = null;
    await refresh();
  })();
  return flushing;
}

// Why the outbox stopped sending: the network (try again later), or the session (sign in again;
// the outbox stays in IndexedDB and is sent after sign-in).
function noteStop(error) {
  if (error.offline) setOnline(false);
  else if (error.unauthenticated) endSession();
  for (const entry of page.queue) {
    const field = page.fields.get(key(entry.candidate, entry.aspect));
    if (entry.state === 'pending' && field && field.state === 'saving') {
      page.fields.set(key(entry.candidate, entry.aspect), { state: 'queued' });
    }
  }
  drawForm();
}

function endSession() {
  page.sessionEnded = true;
  document.getElementById('session-ended').hidden = false;
}

function setOnline(online) {
  if (page.online === online) return;
  page.online = online;
  document.getElementById('offline').hidden = online;
  document.getElementById('online-dot').classList.toggle('off', !online);
  document.getElementById('online-dot').title = online ? t('online') : t('offline');
}

// ---- reading the server ----

async function loadSheet() {
  if (!page.candidate || !page.subcriterion) return;
  const formKey = key(page.candidate, page.subcriterion);
  try {
    const sheet = await get(examPath(`/sheet?candidate=${enc(page.candidate)}&subcriterion=${enc(page.subcriterion)}`));
    setOnline(true);
    page.sheets.set(formKey, sheet);
  } catch (error) {
    if (error.unauthenticated) endSession();
    else if (error.offline) setOnline(false);
    else throw error;
  }
  if (formKey === key(page.candidate, page.subcriterion)) page.sheet = page.sheets.get(formKey) || null;
}

async function loadProgress() {
  try {
    page.progress = await get(examPath('/progress'));
  } catch (error) {
    if (error.unauthenticated) endSession();
    else if (!error.offline) throw error;
  }
}

async function loadExam() {
  page.exam = await cached('exam', examPath(''));
  page.subcriteria = [];
  for (const module of page.exam.modules || []) {
    for (const subcriterion of module.subcriteria || []) {
      if ((subcriterion.aspects || []).length) page.subcriteria.push({ ...subcriterion, module });
    }
  }
}

let refreshing = false;
async function refresh() {
  if (refreshing || page.sessionEnded) return;
  refreshing = true;
  try {
    const before = JSON.stringify([page.sheet, page.exam, page.progress]);
    try {
      await loadExam();
    } catch (error) {
      if (error.unauthenticated) endSession();
    }
    await Promise.all([loadSheet(), loadProgress()]);
    if (JSON.stringify([page.sheet, page.exam, page.progress]) !== before) {
      drawForm();
      drawProgress();
    }
  } catch (error) {
    showFormError(error);
  } finally {
    refreshing = false;
  }
}

// ---- drawing ----

function drawPickers() {
  const candidateSelect = clear(document.getElementById('candidate'));
  for (const candidate of page.candidates) {
    candidateSelect.append(h('option', { value: candidate.id, selected: candidate.id === page.candidate },
      `${candidate.id} ${candidate.name || ''}`));
  }
  const subcriterionSelect = clear(document.getElementById('subcriterion'));
  for (const subcriterion of page.subcriteria) {
    subcriterionSelect.append(h('option', { value: subcriterion.id, selected: subcriterion.id === page.subcriterion },
      `${subcriterion.id} ${subcriterion.title || ''}${subcriterion.locked ? ` (${t('locked_badge')})` : ''}`));
  }
}

function stateLine(aspect) {
  const field = page.fields.get(key(page.candidate, aspect.id));
  const refused = page.queue.find((e) => e.state === 'refused' && e.candidate === page.candidate && e.aspect === aspect.id);
  if (refused && (!field || field.state !== 'saving')) {
    return h('div', { class: 'state refused', role: 'alert', id: `state-${aspect.id}` },
      `${t('refused')}: «${valueText(aspect.id, refused.value)}» — ${refused.message}`);
  }
  if (!field) return h('div', { class: 'state', id: `state-${aspect.id}` });
  const words = { saved: t('saved'), saving: t('saving'), queued: t('queued'), refused: t('refused') };
  const text = field.state === 'refused' ? `${words.refused}: «${valueText(aspect.id, field.value)}» — ${field.message}` : `${field.state === 'saved' ? '✓ ' : ''}${words[field.state]}`;
  return h('div', { class: `state ${field.state}`, role: field.state === 'refused' ? 'alert' : 'status', id: `state-${aspect.id}` }, text);
}

function choiceButton(aspect, value, shown, label, extra = {}) {
  return h('button', {
    type: 'button', 'data-value': value, 'aria-pressed': String(shown === value),
    disabled: isLocked(), onclick: () => enter(aspect, value), ...extra,
  }, ...[].concat(label));
}

// The measured value in its field: a refused one stays there to be corrected.
function typedValue(aspect, shown) {
  const field = page.fields.get(key(page.candidate, aspect.id));
  if (field && field.state === 'refused') return field.value;
  return shown && shown !== NOT_ATTEMPTED ? num(shown) : '';
}

function controls(aspect, shown) {
  const locked = isLocked();
  switch (aspect.kind) {
    case 'pass_fail':
      return h('div', { class: 'choices', role: 'group', 'aria-label': aspect.id },
        choiceButton(aspect, 'yes', shown, t('yes')), choiceButton(aspect, 'no', shown, t('no')),
        choiceButton(aspect, NOT_ATTEMPTED, shown, t('na')));
    case 'number_completed': {
      const buttons = [];
      for (let n = 0; n <= aspect.number_completed; ++n) buttons.push(choiceButton(aspect, String(n), shown, String(n)));
      return h('div', {},
        h('div', { class: 'hint' }, t('how_many_of', aspect.number_completed)),
        h('div', { class: 'choices', role: 'group', 'aria-label': aspect.id }, buttons,
          choiceButton(aspect, NOT_ATTEMPTED, shown, t('na'))));
    }
    case 'choice':
      return h('div', {},
        h('div', { class: 'choices options', role: 'group', 'aria-label': aspect.id },
          (aspect.options || []).map((option, i) => choiceButton(aspect, String(i + 1), shown, `${i + 1}. ${option}`))),
        h('div', { class: 'choices' }, choiceButton(aspect, NOT_ATTEMPTED, shown, t('na'))));
    case 'ranged': {
      const inputId = `value-${aspect.id}`;
      const input = h('input', {
        id: inputId, inputmode: 'decimal', autocomplete: 'off', disabled: locked,
        value: typedValue(aspect, shown), 'data-aspect': aspect.id,
      });
      // Sent as typed ("82,5" too): a refusal then quotes what the judge typed.
      const save = () => { if (input.value.trim()) enter(aspect, input.value.trim()); };
      input.addEventListener('keydown', (event) => { if (event.key === 'Enter') save(); });
      return h('div', {},
        h('ul', { class: 'hint' }, (aspect.ranges || []).map((r) =>
          h('li', {}, t('range_deduct', num(r.from), num(r.to), num(r.deduct))))),
        h('div', { class: 'measured' },
          h('label', { for: inputId, class: 'hint' }, t('measured_value')), input,
          h('button', { type: 'button', class: 'primary', disabled: locked, onclick: save, 'data-value': 'save' }, t('save')),
          choiceButton(aspect, NOT_ATTEMPTED, shown, t('na'))));
    }
    case 'judgement':
      return h('div', { class: 'choices levels', role: 'group', 'aria-label': `${aspect.id} ${t('your_score')}` },
        (aspect.levels || []).map((level, score) =>
          choiceButton(aspect, String(score), shown, [h('b', {}, String(score)), h('span', {}, level)])));
    default:
      return h('div', {}, aspect.kind);
  }
}

function panelLine(sheetAspect) {
  if (!sheetAspect || !sheetAspect.panel || !sheetAspect.disputed) return null;
  const scores = sheetAspect.panel.map((p) => `${p.judge}: ${p.score}`).join(', ');
  return h('div', { class: 'panel-scores', role: 'status', id: `panel-${sheetAspect.aspect}` },
    h('b', {}, t('others_scores')), h('br'), scores);
}

function aspectBlock(aspect) {
  const sheetAspect = page.sheet && (page.sheet.aspects || []).find((a) => a.aspect === aspect.id);
  const shown = shownValue(aspect, sheetAspect);
  const enteredBy = sheetAspect && sheetAspect.entered_by && sheetAspect.entered_by !== page.session.judge
    ? h('span', { class: 'hint' }, ` (${sheetAspect.entered_by})`) : null;
  return h('div', { class: 'aspect', id: `aspect-${aspect.id}`, 'data-kind': aspect.kind, tabindex: '-1' },
    h('div', { class: 'aspect-head' },
      h('span', { class: 'aspect-id' }, aspect.id),
      h('span', { class: 'aspect-text' }, aspect.text, enteredBy),
      h('span', { class: 'aspect-max' }, t('max', num(aspect.max)))),
    controls(aspect, shown),
    panelLine(sheetAspect),
    aspect.kind === 'judgement' && shown === null ? h('div', { class: 'hint' }, t('panel_waits')) : null,
    stateLine(aspect));
}

// Redraws one aspect, keeping the focus on the control that had it.
function redrawAspect(aspectId, candidate = page.candidate) {
  const old = candidate === page.candidate && document.getElementById(`aspect-${aspectId}`);
  const aspect = currentSubcriterion() && currentSubcriterion().aspects.find((a) => a.id === aspectId);
  if (!old || !aspect) return;
  const active = old.contains(document.activeElement) ? document.activeElement : null;
  const fresh = aspectBlock(aspect);
  if (fresh.outerHTML === old.outerHTML) return;  // nothing to change: leave focus and screen reader be
  old.replaceWith(fresh);
  if (active && active.dataset.value) {
    const again = fresh.querySelector(`[data-value="${CSS.escape(active.dataset.value)}"]`);
    if (again) again.focus();
  } else if (active && active.dataset.aspect) {  // a measured value being typed
    const input = document.getElementById(`value-${aspectId}`);
    input.value = active.value;
    input.focus();
  }
  drawQueue();
  drawFormCount();
}

function formCount() {
  const subcriterion = currentSubcriterion();
  if (!subcriterion) return [0, 0];
  let entered = 0;
  for (const aspect of subcriterion.aspects) {
    const sheetAspect = page.sheet && (page.sheet.aspects || []).find((a) => a.aspect === aspect.id);
    if (shownValue(aspect, sheetAspect) !== null) ++entered;
  }
  return [entered, subcriterion.aspects.length];
}

function drawFormCount() {
  drawProgress();
  const counter = document.getElementById('form-count');
  if (!counter) return;
  const [entered, total] = formCount();
  counter.textContent = t('entered_of', entered, total);
}

function lockedBy() {
  const progress = page.progress && (page.progress.subcriteria || []).find((s) => s.id === page.subcriterion);
  return progress && progress.locked_by ? progress.locked_by : '';
}

// Draws the form; when the same form is already on screen, only redraws each aspect, so that
// the judge's focus and a half-typed measured value survive the page's polling.
function drawForm() {
  const form = document.getElementById('form');
  const subcriterion = currentSubcriterion();
  const candidate = page.candidates.find((c) => c.id === page.candidate);
  if (!subcriterion || !candidate) return;
  const locked = isLocked();
  const shown = [candidate.id, subcriterion.id, locked, lockedBy(), currentLang()].join('|');
  if (form.dataset.shown === shown) {
    for (const aspect of subcriterion.aspects) redrawAspect(aspect.id);
    drawFormCount();
    drawQueue();
    return;
  }
  form.dataset.shown = shown;
  clear(form);
  form.classList.toggle('form-locked', locked);
  append(form,
    h('h2', {}, `${subcriterion.id} ${subcriterion.title || ''}`),
    h('p', { class: 'muted' }, `${t('candidate')}: ${candidate.id} ${candidate.name || ''} · `,
      h('span', { id: 'form-count' })),
    locked ? h('div', { class: 'banner warn', id: 'locked', role: 'status' },
      lockedBy() ? t('locked', lockedBy()) : t('locked_short')) : null,
    subcriterion.aspects.map(aspectBlock));
  drawFormCount();
  drawQueue();
}

function showFormError(error) {
  const form = clear(document.getElementById('form'));
  delete form.dataset.shown;
  form.append(h('div', { class: 'banner bad', role: 'alert' }, errorText(error)));
}

function drawProgress() {
  const box = clear(document.getElementById('progress'));
  const [entered, total] = formCount();
  const bar = (part, whole) => h('div', { class: 'progress-bar', role: 'progressbar', 'aria-valuemin': '0',
    'aria-valuemax': String(whole), 'aria-valuenow': String(part) },
  h('span', { style: `width:${whole ? Math.round((100 * part) / whole) : 0}%` }));
  box.append(h('p', {}, `${page.subcriterion} · ${page.candidate}: ${t('entered_of', entered, total)}`), bar(entered, total));
  const own = page.progress && (page.progress.judges || []).find((j) => j.judge === page.session.judge);
  if (own) {
    box.append(h('p', { id: 'own-progress' }, t('own_entered', own.entered)),
      h('p', { id: 'own-owed' }, t('own_owed', own.owed)));
  }
}

function drawQueue() {
  const list = clear(document.getElementById('queue'));
  document.getElementById('queue-empty').hidden = page.queue.length > 0;
  for (const entry of page.queue) {
    const refused = entry.state === 'refused';
    list.append(h('li', { class: refused ? 'refused' : '', 'data-client-id': entry.client_id },
      h('span', {}, `${entry.candidate} · ${entry.aspect} = ${valueText(entry.aspect, entry.value)}`),
      h('span', { class: 'hint' }, refused ? `${t('queue_refused')}: ${entry.message}` : t('queued')),
      refused ? h('button', { type: 'button', onclick: () => page.outbox.remove(entry.client_id) }, t('dismiss')) : null));
  }
}

function drawAll() {
  topBar('judge_page', page.session, drawAll);
  translatePage();
  drawPickers();
  drawForm();
  drawProgress();
  drawQueue();
}

// ---- choosing the form ----

async function choose(candidate, subcriterion) {
  page.candidate = candidate;
  page.subcriterion = subcriterion;
  sessionStorage.setItem('skillscore.form', JSON.stringify([candidate, subcriterion]));
  page.sheet = page.sheets.get(key(candidate, subcriterion)) || null;
  drawPickers();
  drawForm();
  await loadSheet();
  drawForm();
  drawProgress();
  document.getElementById('form').dataset.loaded = key(candidate, subcriterion);
}

async function nextMissing() {
  const note = document.getElementById('next-note');
  note.textContent = '';
  try {
    const next = await get(examPath('/next-missing'));
    if (next.done) {
      note.textContent = t('nothing_missing');
      return;
    }
    await choose(next.candidate, next.subcriterion);
    const block = document.getElementById(`aspect-${next.aspect}`);
    if (block) {
      block.scrollIntoView({ block: 'center' });
      const first = block.querySelector('button:not([disabled]), input:not([disabled])');
      (first || block).focus();
    }
  } catch (error) {
    note.textContent = errorText(error);
  }
}

async function start() {
  let session;
  try {
    session = await me();
  } catch (error) {
    session = JSON.parse(sessionStorage.getItem('skillscore.me') || 'null');
    if (!session) { showFormError(error); return; }
  }
  if (!session) { toSignIn(); return; }
  if (session.role === 'admin') { location.href = '/admin'; return; }
  sessionStorage.setItem('skillscore.me', JSON.stringify(session));
  page.session = session;
  page.outbox = new Outbox(session.exam, session.judge);
  page.outbox.onChange((entries) => {
    // Redraw the fields whose queued values came or went.
    const before = new Set(page.queue.map((e) => `${e.candidate}|${e.aspect}|${e.client_id}|${e.state}`));
    const after = new Set(entries.map((e) => `${e.candidate}|${e.aspect}|${e.client_id}|${e.state}`));
    const changed = [...before, ...after].filter((k) => !(before.has(k) && after.has(k)));
    page.queue = entries;
    const fields = new Set(changed.map((k) => k.split('|').slice(0, 2).join('|')));
    for (const field of fields) {
      const [candidate, aspect] = field.split('|');
      redrawAspect(aspect, candidate);
    }
    drawQueue();
    drawFormCount();
  });
  page.queue = await page.outbox.entries();
  topBar('judge_page', session, drawAll);
  try {
    await loadExam();
    page.candidates = (await cached('candidates', examPath('/candidates'))).filter((c) => (c.may_mark === undefined ? c.status === 'present' : c.may_mark));
  } catch (error) {
    showFormError(error);
    return;
  }
  const remembered = JSON.parse(sessionStorage.getItem('skillscore.form') || 'null');
  const [candidate, subcriterion] = remembered || [page.candidates[0] && page.candidates[0].id, page.subcriteria[0] && page.subcriteria[0].id];
  document.getElementById('candidate').addEventListener('change', (e) => choose(e.target.value, page.subcriterion));
  document.getElementById('subcriterion').addEventListener('change', (e) => choose(page.candidate, e.target.value));
  document.getElementById('next-missing').addEventListener('click', nextMissing);
  window.addEventListener('online', () => { setOnline(true); flush(); });
  window.addEventListener('offline', () => setOnline(false));
  setOnline(navigator.onLine);
  document.getElementById('offline').hidden = page.online;
  await loadProgress();
  await choose(candidate, subcriterion);
  drawAll();
  if (page.queue.some((e) => e.state === 'pending')) flush();
  setInterval(() => {
    if (page.sessionEnded) return;
    if (page.queue.some((e) => e.state === 'pending')) flush();
    else refresh();
  }, POLL_MS);
}

start();
