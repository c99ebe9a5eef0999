// The administrator's pages (a chief expert sees them for their own exam): results with the same
// numbers as `skillscore results`, the downloads and judge analytics, with pictures of the totals,
// of a candidate's modules and of the judges' severity, and passports (passports.js).
import { t, num, fixed, translatePage, day, currentLang } from './i18n.js';
import { get, me, enc, toSignIn } from './api.js';
import { h, clear, topBar, errorText } from './chrome.js';
import { distribution, profile, severity } from './svg.js';
import { drawPassports } from './passports.js';

const TABS = ['results', 'downloads', 'analytics', 'passports'];
const admin = { session: null, exams: [], exam: null, info: null, results: null, analytics: null, passports: null, tab: 'results' };

const examPath = (suffix) => `/api/exams/${enc(admin.exam)}${suffix}`;

function showError(error) {
  const box = document.getElementById('admin-error');
  box.textContent = error ? errorText(error) : '';
  box.hidden = !error;
}

function table(headers, rows, id) {
  if (!rows.length) return h('p', { class: 'muted', id }, t('none'));
  return h('table', { id },
    h('thead', {}, h('tr', {}, headers.map(([label, cls]) => h('th', { class: cls || '', scope: 'col' }, label)))),
    h('tbody', {}, rows));
}

// Results are JSON numbers rounded to the rubric's report decimals; shown with those decimals.
function decimals() {
  return admin.info && Number.isInteger(admin.info.decimals) ? admin.info.decimals : 2;
}

function drawResults() {
  const results = admin.results;
  const statusBox = clear(document.getElementById('results-status'));
  const tableBox = clear(document.getElementById('results-table'));
  if (!results) return;
  statusBox.append(h('div', { class: `banner ${results.status === 'final' ? 'ok' : 'warn'}`, id: 'results-final' },
    results.status === 'final' ? t('final') : t('provisional')));
  const modules = (results.candidates[0] && results.candidates[0].modules) || [];
  const d = decimals();
  const rows = results.candidates.map((c) => h('tr', { 'data-candidate': c.id },
    h('td', { class: 'num' }, c.rank ?? '—'),
    h('th', { scope: 'row', class: 'wide' }, c.id),
    h('td', {}, c.name || c.id),
    h('td', { class: 'wide' }, c.status === 'present' ? '' : t(c.status)),
    modules.map((m) => {
      const own = (c.modules || []).find((x) => x.id === m.id);
      return h('td', { class: 'num wide' }, own ? fixed(own.mark, d) : '—');
    }),
    h('td', { class: 'num total' }, fixed(c.total, d)),
    h('td', { class: 'num percent' }, fixed(c.percent, 2)),
    h('td', { class: 'num grade' }, c.grade ?? (c.award ? c.award : '—'))));
  tableBox.append(table(
    [[t('rank'), 'num'], [t('candidate'), 'wide'], [t('name')], [t('status'), 'wide'],
      ...modules.map((m) => [`${m.id} (${num(m.max)})`, 'num wide']),
      [`${t('total')} (${num(results.rubric.max)})`, 'num'], [t('percent'), 'num'], [results.candidates.some((c) => c.award) ? t('award') : t('grade'), 'num']],
    rows, 'results'));
  const present = results.candidates.filter((c) => c.status === 'present' && c.percent !== null);
  clear(document.getElementById('distribution')).append(distribution(present.map((c) => c.percent), t('distribution')));
  const select = document.getElementById('profile-candidate');
  const chosen = select.value;
  clear(select);
  for (const c of present) select.append(h('option', { value: c.id, selected: c.id === chosen }, `${c.id} ${c.name || ''}`));
  drawProfile();
}

function drawProfile() {
  const box = clear(document.getElementById('profile'));
  const id = document.getElementById('profile-candidate').value;
  const candidate = admin.results && admin.results.candidates.find((c) => c.id === id);
  if (candidate) box.append(profile(candidate.modules || [], `${t('profile')}: ${candidate.id}`, decimals()));
}

function drawDownloads() {
  const links = clear(document.getElementById('download-links'));
  const items = [['results.csv', 'CSV'], ['results', 'JSON'], ['results.xlsx', 'XLSX'], ['protocol.pdf', 'PDF']];
  for (const [path, label] of items) {
    const file = `${admin.exam}-${path.includes('.') ? path : path + '.json'}`;
    const what = label === 'PDF' ? t('protocol') : t('results');
    links.append(h('a', { class: 'button', href: examPath(`/${path}?lang=${currentLang()}`), download: file, id: `download-${label.toLowerCase()}` },
      `⬇ ${what} ${label}`));
  }
}

function drawAnalytics() {
  const chart = clear(document.getElementById('severity-chart'));
  const tableBox = clear(document.getElementById('severity-table'));
  if (!admin.analytics) return;
  const judges = admin.analytics.judges || [];
  chart.append(severity(judges, t('severity'), [t('stricter'), t('lenient')]));
  const rows = judges.map((j) => h('tr', { 'data-judge': j.id },
    h('th', { scope: 'row' }, j.id), h('td', {}, j.name || ''),
    h('td', { class: 'num' }, String(j.scores)),
    h('td', { class: 'num' }, j.severity === null ? '—' : num(j.severity)),
    h('td', { class: 'num' }, j.standard_error === null ? '—' : '± ' + num((1.96 * j.standard_error).toFixed(2))),
    h('td', {}, j.significant ? '!' : '')));
  tableBox.append(table([[t('judge')], [t('name')], [t('scores'), 'num'], [t('severity_short'), 'num'], ['95%', 'num'], [`p < ${num('0.05')}`]], rows, 'severity'));
}

function drawTabs() {
  for (const tab of TABS) {
    document.getElementById(`tab-${tab}`).setAttribute('aria-selected', String(tab === admin.tab));
    document.getElementById(tab).hidden = tab !== admin.tab;
  }
}

// A language switch redraws, and asks again for what the server words (the passports' reasons).
function onLanguage() {
  drawAll();
  if (admin.passports) reloadPassports();
}

function drawAll() {
  topBar('admin', admin.session, onLanguage);
  translatePage();
  drawTabs();
  const info = admin.info;
  document.getElementById('exam-info').textContent = info
    ? [info.rubric, info.rubric_title, day(info.date), info.site].filter(Boolean).join(' · ') : '';
  drawResults();
  drawDownloads();
  drawAnalytics();
  drawPassportsTab();
}

function drawPassportsTab() {
  drawPassports(document.getElementById('passports'), admin.passports, { examPath, reload: reloadPassports });
}

async function reloadPassports() {
  try {
    admin.passports = await get(examPath('/passports'));
  } catch (error) {
    if (error.unauthenticated) { toSignIn(); return; }
    showError(error);
  }
  drawPassportsTab();
}

async function loadExam(exam) {
  admin.exam = exam;
  showError(null);
  try {
    const [info, results, analytics, passports] = await Promise.all([
      get(examPath('')), get(examPath('/results')), get(examPath('/analytics')).catch(() => null),
      get(examPath('/passports')).catch(() => null)]);
    Object.assign(admin, { info, results, analytics, passports });
  } catch (error) {
    if (error.unauthenticated) { toSignIn(); return; }
    showError(error);
  }
  drawAll();
}

async function start() {
  const session = await me().catch(() => null);
  if (!session) { toSignIn(); return; }
  if (session.role === 'judge') { location.href = '/judge'; return; }
  admin.session = session;
  topBar('admin', session, onLanguage);
  admin.exams = session.role === 'admin' ? await get('/api/exams') : [{ id: session.exam }];
  const select = document.getElementById('exam-select');
  for (const exam of admin.exams) select.append(h('option', { value: exam.id }, exam.id));
  select.addEventListener('change', () => loadExam(select.value));
  document.getElementById('profile-candidate').addEventListener('change', drawProfile);
  for (const tab of TABS) {
    document.getElementById(`tab-${tab}`).addEventListener('click', () => { admin.tab = tab; drawTabs(); });
  }
  if (admin.exams.length) await loadExam(admin.exams[0].id);
  else drawAll();
}

start();
