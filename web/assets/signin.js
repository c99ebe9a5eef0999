// The sign-in page. A judge types the exam, their id and the code of their card, or scans the
// card's QR code, whose address carries them in the fragment (#exam=E&judge=J&code=C: a fragment
// never reaches the server's log); the fragment is wiped from the address bar at once.
import { currentLang, t } from './i18n.js';
import { post, rememberSession, me } from './api.js';
import { topBar, errorText } from './chrome.js';

function landingPage(session) {
  if (session.role === 'admin') return '/admin';
  if (session.role === 'judge') return '/judge';
  const next = new URLSearchParams(location.search).get('next');
  return next === '/judge' ? next : '/board';
}

async function signIn(path, body, errorBox, button) {
  errorBox.textContent = '';
  button.disabled = true;
  button.textContent = t('signing_in');
  try {
    const session = await post(path, { ...body, lang: currentLang() });
    rememberSession(session);
    if (session.exam) localStorage.setItem('skillscore.last', JSON.stringify({ exam: session.exam, judge: session.judge }));
    location.href = landingPage(session);
  } catch (error) {
    errorBox.textContent = errorText(error);
    button.disabled = false;
    button.textContent = t('sign_in');
  }
}

function readFragment() {
  if (!location.hash) return null;
  const fields = new URLSearchParams(location.hash.slice(1));
  history.replaceState(null, '', location.pathname + location.search);
  const card = { exam: fields.get('exam'), judge: fields.get('judge'), code: fields.get('code') };
  return card.exam && card.judge && card.code ? card : null;
}

async function start() {
  topBar('app', null, () => {});
  const judgeForm = document.getElementById('judge-form');
  const adminForm = document.getElementById('admin-form');
  const value = (id) => document.getElementById(id).value.trim();
  judgeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    signIn('/api/signin', { exam: value('exam'), judge: value('judge'), code: value('code') },
      document.getElementById('judge-error'), document.getElementById('judge-submit'));
  });
  adminForm.addEventListener('submit', (event) => {
    event.preventDefault();
    signIn('/api/admin/signin',
      { name: value('admin-name'), secret: document.getElementById('admin-secret').value },
      document.getElementById('admin-error'), document.getElementById('admin-submit'));
  });

  const card = readFragment();
  const params = new URLSearchParams(location.search);
  if (params.get('ended')) {
    const notice = document.getElementById('notice');
    notice.textContent = t('session_ended');
    notice.hidden = false;
  }
  const remembered = JSON.parse(localStorage.getItem('skillscore.last') || 'null');
  const prefill = card || remembered;
  if (prefill) {
    document.getElementById('exam').value = prefill.exam || '';
    document.getElementById('judge').value = prefill.judge || '';
  }
  if (card) {
    document.getElementById('code').value = card.code;
    judgeForm.requestSubmit();
    return;
  }
  // Already signed in (a second tab, or back from a page): go straight on.
  if (!params.get('ended')) {
    try {
      const session = await me();
      if (session) location.href = landingPage(session);
    } catch { /* the form stays */ }
  }
}

document.getElementById('judge-form').addEventListener('input', () => {
  localStorage.setItem('skillscore.last', JSON.stringify({
    exam: document.getElementById('exam').value.trim(),
    judge: document.getElementById('judge').value.trim(),
  }));
});

start();
