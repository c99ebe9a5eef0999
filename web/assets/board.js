// The chief expert's board: progress per sub-criterion and per judge, the missing scores with the
// judges who owe them, the disputed panels with their scores, locks, candidates' status and who is
// signed in. It redraws on every change the server announces (Server-Sent Events), and polls as
// well, since an event stream can be cut by a proxy or a sleeping tablet.
import { t, translatePage, time, dateTime } from './i18n.js';
import { get, post, del, me, enc, toSignIn } from './api.js';
import { h, clear, topBar, errorText, shortName } from './chrome.js';

const POLL_MS = 10000;
const STATUSES = ['present', 'absent', 'withdrawn', 'disqualified'];

const board = { session: null, titles: new Map(), aspects: new Map(), status: null, progress: null, judges: [], candidates: [], sessions: [], updated: null, live: false };

const examPath = (suffix) => `/api/exams/${enc(board.session.exam)}${suffix}`;

function table(headers, rows, id) {
  if (!rows.length) return h('p', { class: 'muted', id }, t('none'));
  return h('table', { id },
    h('thead', {}, h('tr', {}, headers.map(([label, cls]) => h('th', { class: cls || '', scope: 'col' }, label)))),
    h('tbody', {}, rows));
}

const personName = (people, id) => {
  const person = people.find((p) => p.id === id);
  return person && person.name ? `${id} ${shortName(person.name)}` : id;
};

// Asks for a reason in a dialog; resolves with the text, or null when cancelled.
function askReason(title, okLabel) {
  const dialog = document.getElementById('reason-dialog');
  const input = document.getElementById('reason-input');
  document.getElementById('reason-title').textContent = title;
  document.getElementById('reason-ok').textContent = okLabel;
  document.getElementById('reason-error').textContent = '';
  input.value = '';
  return new Promise((resolve) => {
    const form = document.getElementById('reason-form');
    const finish = (value) => {
      form.onsubmit = null;
      document.getElementById('reason-cancel').onclick = null;
      dialog.close();
      resolve(value);
    };
    form.onsubmit = (event) => {
      event.preventDefault();
      if (!input.value.trim()) {
        document.getElementById('reason-error').textContent = t('reason_needed');
        return;
      }
      finish(input.value.trim());
    };
    document.getElementById('reason-cancel').onclick = () => finish(null);
    dialog.showModal();
    input.focus();
  });
}

async function act(action) {
  const box = document.getElementById('board-error');
  box.hidden = true;
  try {
    await action();
  } catch (error) {
    box.textContent = errorText(error);
    box.hidden = false;
  }
  await load();
}

function lockSubcriterion(id) {
  return act(() => post(examPath('/locks'), { subcriteria: [id] }));
}

async function unlockSubcriterion(id) {
  const reason = await askReason(`${t('unlock')} ${id}`, t('unlock'));
  if (reason) await act(() => del(examPath(`/locks/${enc(id)}`), { reason }));
}

async function setCandidateStatus(candidate, status, select) {
  const reason = await askReason(`${candidate}: ${t(status)}`, t('save'));
  if (!reason) {
    select.value = board.candidates.find((c) => c.id === candidate).status;
    return;
  }
  await act(() => post(examPath(`/candidates/${enc(candidate)}/status`), { status, reason }));
}

// The state of a sub-criterion as the service counts it: locked, with disputed panels (a link to
// their scores), or complete.
function subcriterionBadge(s) {
  if (s.locked) return h('span', { class: 'badge locked' }, `${t('locked_badge')} ${s.locked_by || ''}`);
  if (s.disputed) {
    return h('a', { class: 'badge bad', href: '#disputed-title', id: `disputed-${s.id}` },
      t('disputed_badge', s.disputed));
  }
  return s.complete ? h('span', { class: 'badge' }, t('complete')) : null;
}

function drawSubcriteria() {
  const rows = (board.status.subcriteria || []).map((s) => h('tr', { 'data-subcriterion': s.id },
    h('th', { scope: 'row' }, s.id),
    h('td', { class: 'wide' }, board.titles.get(s.id) || ''),
    h('td', { class: 'num' }, `${s.entered} / ${s.expected}`),
    h('td', { class: 'num' }, String(s.missing)),
    h('td', { class: 'num' }, String(s.disputed)),
    h('td', {}, h('div', { class: 'row-actions' },
      subcriterionBadge(s),
      s.locked
        ? h('button', { type: 'button', onclick: () => unlockSubcriterion(s.id), id: `unlock-${s.id}` }, t('unlock'))
        // The service refuses to lock what is incomplete or disputed; the button says so first.
        : h('button', { type: 'button', class: 'primary', onclick: () => lockSubcriterion(s.id), id: `lock-${s.id}`,
          disabled: !s.complete, title: s.complete ? undefined : t('lock_waits') }, t('lock'))))));
  clear(document.getElementById('subcriteria')).append(table(
    [[t('subcriterion')], ['', 'wide'], [t('entered') + ' / ' + t('expected'), 'num'], [t('col_missing'), 'num'], [t('col_disputed'), 'num'], [t('status')]],
    rows, 'subcriteria-table'));
}

function drawJudges() {
  const rows = (board.progress.judges || []).map((j) => h('tr', { 'data-judge': j.judge },
    h('th', { scope: 'row' }, personName(board.judges, j.judge)),
    h('td', { class: 'num' }, String(j.entered)),
    h('td', { class: 'num' }, String(j.owed))));
  clear(document.getElementById('judges')).append(table(
    [[t('judge')], [t('entered'), 'num'], [t('owed'), 'num']], rows, 'judges-table'));
}

function gaps(kind) {
  const all = [];
  for (const s of board.status.subcriteria || []) {
    for (const gap of s.gaps || []) if (gap.kind === kind) all.push(gap);
  }
  return all;
}

const scoresText = (scores) => (scores || []).map((s) => `${s.judge}: ${s.score}`).join(', ');

function drawGaps() {
  const missing = gaps('missing').map((g) => h('tr', {},
    h('td', {}, personName(board.candidates, g.candidate)),
    h('td', {}, g.aspect),
    h('td', {}, (g.owed_by || []).join(', ') || '—'),
    h('td', {}, scoresText(g.scores))));
  clear(document.getElementById('missing')).append(table(
    [[t('candidate')], [t('aspect')], [t('owed_by')], [t('scores')]], missing, 'missing-table'));
  // Each disputed panel with every judge's score, named, so the chief sees whom to talk to.
  const disputed = gaps('disputed').map((g) => h('tr', { 'data-candidate': g.candidate, 'data-aspect': g.aspect },
    h('td', {}, personName(board.candidates, g.candidate)),
    h('td', {}, h('div', {}, g.aspect), h('div', { class: 'muted aspect-text' }, board.aspects.get(g.aspect) || '')),
    h('td', {}, h('ul', { class: 'panel-list' }, (g.scores || []).map((score) =>
      h('li', { 'data-judge': score.judge }, personName(board.judges, score.judge),
        h('strong', { class: 'score' }, String(score.score))))))));
  clear(document.getElementById('disputed')).append(table(
    [[t('candidate')], [t('aspect')], [t('judges_scores')]], disputed, 'disputed-table'));
}

function drawCandidates() {
  const rows = board.candidates.map((c) => {
    const select = h('select', { 'aria-label': `${c.id} ${t('status')}`, id: `status-${c.id}` },
      STATUSES.map((s) => h('option', { value: s, selected: s === c.status }, t(s))));
    select.addEventListener('change', () => setCandidateStatus(c.id, select.value, select));
    return h('tr', {}, h('th', { scope: 'row' }, c.id), h('td', {}, c.name || ''), h('td', { class: 'wide' }, c.organization || ''), h('td', {}, select));
  });
  clear(document.getElementById('candidates')).append(table(
    [[t('candidate')], [t('name')], [t('organization'), 'wide'], [t('status')]], rows, 'candidates-table'));
}

function drawSessions() {
  const rows = board.sessions.map((s) => h('tr', {},
    h('td', {}, personName(board.judges, s.judge)),
    h('td', {}, t(s.role === 'chief' ? 'chief' : 'expert')),
    h('td', { class: 'nowrap wide' }, dateTime(s.signed_in_at)),
    h('td', { class: 'nowrap' }, dateTime(s.last_seen))));
  clear(document.getElementById('sessions')).append(table(
    [[t('judge')], [t('role')], [t('since'), 'wide'], [t('last_seen')]], rows, 'sessions-table'));
}

function drawLive() {
  document.getElementById('live-dot').classList.toggle('off', !board.live);
  document.getElementById('live').textContent =
    (board.live ? t('live') + ' · ' : '') + (board.updated ? t('updated_at', time(board.updated)) : '');
}

function drawAll() {
  topBar('board', board.session, drawAll);
  translatePage();
  if (!board.status) return;
  drawSubcriteria();
  drawJudges();
  drawGaps();
  drawCandidates();
  drawSessions();
  drawLive();
}

let loading = null;
async function load() {
  if (loading) return loading;
  loading = (async () => {
    try {
      const [status, progress, judges, candidates, sessions] = await Promise.all([
        get(examPath('/status')), get(examPath('/progress')), get(examPath('/judges')),
        get(examPath('/candidates')), get(examPath('/sessions'))]);
      Object.assign(board, { status, progress, judges, candidates, sessions, updated: new Date() });
      document.getElementById('board-error').hidden = true;
      // A redraw must not take away a dialog or a status select that is in use.
      if (!document.getElementById('reason-dialog').open) drawAll();
    } catch (error) {
      if (error.unauthenticated) { toSignIn(); return; }
      const box = document.getElementById('board-error');
      box.textContent = errorText(error);
      box.hidden = false;
    } finally {
      loading = null;
    }
  })();
  return loading;
}

function listen() {
  if (!window.EventSource) return;
  const events = new EventSource(examPath('/events'));
  let pending = null;
  events.addEventListener('open', () => { board.live = true; drawLive(); });
  events.addEventListener('error', () => { board.live = false; drawLive(); });
  events.addEventListener('change', () => {
    // Many judges write at once: one reload per burst.
    if (pending) return;
    pending = setTimeout(() => { pending = null; load(); }, 300);
  });
}

async function start() {
  const session = await me().catch(() => null);
  if (!session) { toSignIn(); return; }
  if (session.role === 'judge') { location.href = '/judge'; return; }
  if (session.role === 'admin') { location.href = '/admin'; return; }
  board.session = session;
  topBar('board', session, drawAll);
  try {
    const exam = await get(examPath(''));
    for (const module of exam.modules || []) {
      for (const subcriterion of module.subcriteria || []) {
        board.titles.set(subcriterion.id, subcriterion.title);
        for (const aspect of subcriterion.aspects || []) board.aspects.set(aspect.id, aspect.text);
      }
    }
  } catch { /* the ids alone then */ }
  await load();
  listen();
  setInterval(load, POLL_MS);
}

start();
