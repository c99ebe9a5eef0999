// What every page shares: the top bar (title, who is signed in, links by role, language switch,
// sign out) and small DOM helpers.
import { currentLang, setLang, t, translatePage } from './i18n.js';
import { post } from './api.js';

// Creates an element: h('button', {class: 'primary', onclick: f}, 'text', child…).
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  return append(element, ...children);
}

// Appends children, flattening arrays and skipping null, undefined and false.
export function append(element, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function clear(element) {
  while (element.firstChild) element.firstChild.remove();
  return element;
}

// "Соколова Марина Викторовна" → "Соколова М. В.", for narrow tables.
export function shortName(name) {
  const [family, ...given] = (name || '').split(/\s+/).filter(Boolean);
  return [family, ...given.map((g) => g[0] + '.')].filter(Boolean).join(' ');
}

function roleName(role) {
  return t(role === 'admin' ? 'administrator' : role === 'chief' ? 'chief' : 'expert');
}

// The top bar. `me` is the session (or null on the sign-in page); `onLang` redraws the page
// after the language changes.
export function topBar(titleKey, me, onLang) {
  const bar = document.querySelector('.topbar') || h('header', { class: 'topbar' });
  clear(bar);
  bar.append(h('h1', {}, t(titleKey)));
  if (me) {
    const who = me.role === 'admin' ? me.name : `${me.judge} ${shortName(me.name)}`.trim();
    bar.append(h('span', { class: 'who', id: 'who' },
      [who, roleName(me.role), me.exam].filter(Boolean).join(' · ')));
  }
  bar.append(h('span', { class: 'spacer' }));
  if (me && me.role === 'chief') {
    bar.append(h('nav', { 'aria-label': 'pages' },
      h('a', { class: 'button', href: '/judge' }, t('go_judge')),
      h('a', { class: 'button', href: '/board' }, t('go_board')),
      h('a', { class: 'button', href: '/admin' }, t('results'))));
  }
  const switcher = h('div', { class: 'lang-switch', role: 'group', 'aria-label': t('language') });
  for (const lang of ['ru', 'en']) {
    switcher.append(h('button', {
      type: 'button', lang, 'aria-pressed': String(currentLang() === lang), id: 'lang-' + lang,
      onclick: () => {
        setLang(lang);
        translatePage();
        onLang();
      },
    }, lang.toUpperCase()));
  }
  bar.append(switcher);
  if (me) {
    bar.append(h('button', {
      type: 'button', id: 'sign-out',
      onclick: async () => {
        try { await post('/api/signout'); } catch { /* signed out already */ }
        location.href = '/';
      },
    }, t('sign_out')));
  }
  if (!bar.isConnected) document.body.prepend(bar);
  translatePage();
}

// A line of text for an error, in the page's words when the server could not say it.
export function errorText(error) {
  if (error && error.offline) return t('network_error');
  return (error && error.message) || t('error');
}
