// The administrator's Passports tab (also a chief expert's, for their exam): each candidate's
// passport state, "issue passports" (the service's `passport issue`: its refusals come back in
// the session's language), revoking one with a reason, and downloads of a certificate (PDF), a
// signed record (JSON, which `skillscore passport verify` checks) and every certificate (ZIP). On
// a phone the column of older passports is left out (.wide); the state names the one in force.
import { t, addWords, dateTime, currentLang } from './i18n.js';
import { post, enc } from './api.js';
import { h, clear, errorText } from './chrome.js';

addWords({
  en: {
    passports: 'Passports',
    issue_passports: 'Issue passports',
    issuing: 'Issuing…',
    all_certificates: 'All certificates (ZIP)',
    signed_for: 'Passports are signed with the key of {0}.',
    passports_provisional: 'The results are provisional: passports are issued for final results only.',
    state: 'State',
    passport_history: 'Passports',
    actions: 'Certificate, record',
    not_issuable: 'Not yet issuable',
    issuable: 'Issuable',
    issuable_replaces: 'Issuable: replaces {0}',
    issued: 'Issued',
    revoked: 'Revoked',
    in_force: 'in force',
    superseded_by: 'superseded by {0}',
    revoked_on: 'revoked {0} by {1}: {2}',
    issued_on: '{0}, issued {1}',
    certificate: 'Certificate (PDF)',
    certificate_short: 'PDF',
    record: 'Signed record (JSON), checked by skillscore passport verify',
    record_short: 'JSON',
    revoke: 'Revoke',
    revoke_title: 'Revoke passport {0}',
    revoke_reason_needed: 'Give the reason for revoking the passport.',
  },
  ru: {
    passports: 'Паспорта',
    issue_passports: 'Выдать паспорта',
    issuing: 'Выдача…',
    all_certificates: 'Все сертификаты (ZIP)',
    signed_for: 'Паспорта подписываются ключом организации «{0}».',
    passports_provisional: 'Результаты предварительные: паспорта выдаются только по окончательным результатам.',
    state: 'Состояние',
    passport_history: 'Паспорта',
    actions: 'Сертификат, запись',
    not_issuable: 'Пока нельзя выдать',
    issuable: 'Можно выдать',
    issuable_replaces: 'Можно выдать взамен {0}',
    issued: 'Выдан',
    revoked: 'Отозван',
    in_force: 'действует',
    superseded_by: 'заменён паспортом {0}',
    revoked_on: 'отозван {0}, {1}: {2}',
    issued_on: '{0}, выдан {1}',
    certificate: 'Сертификат (PDF)',
    certificate_short: 'PDF',
    record: 'Подписанная запись (JSON), проверяется командой skillscore passport verify',
    record_short: 'JSON',
    revoke: 'Отозвать',
    revoke_title: 'Отзыв паспорта {0}',
    revoke_reason_needed: 'Укажите причину отзыва паспорта.',
  },
});

// Asks for the reason of a revocation; resolves with it, or null when cancelled.
function askRevokeReason(number) {
  const dialog = document.getElementById('revoke-dialog');
  const input = document.getElementById('revoke-reason');
  const error = document.getElementById('revoke-error');
  document.getElementById('revoke-title').textContent = t('revoke_title', number);
  error.textContent = '';
  input.value = '';
  return new Promise((resolve) => {
    const form = document.getElementById('revoke-form');
    const finish = (value) => {
      form.onsubmit = null;
      document.getElementById('revoke-cancel').onclick = null;
      dialog.close();
      resolve(value);
    };
    form.onsubmit = (event) => {
      event.preventDefault();
      if (!input.value.trim()) {
        error.textContent = t('revoke_reason_needed');
        return;
      }
      finish(input.value.trim());
    };
    document.getElementById('revoke-cancel').onclick = () => finish(null);
    dialog.showModal();
    input.focus();
  });
}

function stateText(candidate) {
  const current = candidate.passports.filter((p) => p.state === 'in_force').pop();
  switch (candidate.state) {
    case 'issuable':
      return candidate.replaces ? t('issuable_replaces', candidate.replaces) : t('issuable');
    case 'issued':
      return current ? t('issued_on', current.number, dateTime(current.issued_at)) : t('issued');
    case 'revoked':
      return t('revoked');
    default:
      return candidate.why ? `${t('not_issuable')}: ${candidate.why}` : t('not_issuable');
  }
}

function passportLine(passport) {
  const what = passport.state === 'superseded' ? t('superseded_by', passport.superseded_by)
    : passport.state === 'revoked'
      ? t('revoked_on', dateTime(passport.revoked_at), passport.revoked_by, passport.revoked_reason)
      : t('in_force');
  return h('li', { 'data-passport': passport.number, class: passport.state },
    `${passport.number} (${dateTime(passport.issued_at)}): ${what}`);
}

// The tab's content for the answer of GET /api/exams/{exam}/passports; `examPath` makes an
// exam's API path, `reload` fetches the answer again and redraws.
export function drawPassports(box, data, { examPath, reload }) {
  clear(box);
  if (!data) return;
  const issuing = data.issuing || {};
  box.append(issuing.available
    ? h('div', { class: 'banner ok', id: 'passports-signing' }, t('signed_for', issuing.issuer))
    : h('div', { class: 'banner warn', id: 'passports-signing' }, issuing.reason));
  if (!data.final) box.append(h('div', { class: 'banner warn', id: 'passports-provisional' }, t('passports_provisional')));
  const messages = h('div', { id: 'passport-messages', role: 'status' });
  const inForce = data.candidates.some((c) => c.passports.some((p) => p.state === 'in_force'));
  const issue = h('button', {
    type: 'button', class: 'primary', id: 'issue-passports', disabled: !issuing.available,
    onclick: async () => {
      issue.disabled = true;
      issue.textContent = t('issuing');
      let lines = [];
      let failed = null;
      try {
        lines = (await post(examPath('/passports/issue'))).messages;
      } catch (error) {
        failed = error;
      }
      await reload();
      const shown = document.getElementById('passport-messages');
      clear(shown).append(failed
        ? h('div', { class: 'banner bad', id: 'passport-refusal', role: 'alert' }, errorText(failed))
        : h('ul', { class: 'banner ok', id: 'passport-issued' }, lines.map((line) => h('li', {}, line))));
    },
  }, t('issue_passports'));
  box.append(h('div', { class: 'row-actions card' }, issue,
    inForce ? h('a', { class: 'button', id: 'download-certificates', href: examPath(`/certificates.zip?lang=${currentLang()}`),
      download: `${data.exam}-certificates.zip` }, `⬇ ${t('all_certificates')}`) : null));
  box.append(messages);
  const rows = data.candidates.map((c) => {
    const current = c.passports.filter((p) => p.state === 'in_force').pop();
    const actions = current ? [
      h('a', { class: 'button', id: `certificate-${current.number}`, download: `${current.number}.pdf`,
        title: t('certificate'), href: examPath(`/passports/${enc(current.number)}.pdf?lang=${currentLang()}`) }, `⬇ ${t('certificate_short')}`),
      h('a', { class: 'button', id: `record-${current.number}`, download: `${current.number}.json`,
        title: t('record'), href: examPath(`/passports/${enc(current.number)}.json?lang=${currentLang()}`) }, `⬇ ${t('record_short')}`),
      h('button', {
        type: 'button', id: `revoke-${current.number}`,
        onclick: async () => {
          const reason = await askRevokeReason(current.number);
          if (reason === null) return;
          let failed = null;
          try {
            await post(examPath(`/passports/${enc(current.number)}/revoke`), { reason });
          } catch (error) {
            failed = error;
          }
          await reload();
          if (failed) {
            clear(document.getElementById('passport-messages')).append(
              h('div', { class: 'banner bad', role: 'alert' }, errorText(failed)));
          }
        },
      }, t('revoke')),
    ] : [];
    return h('tr', { 'data-candidate': c.id, 'data-state': c.state },
      h('th', { scope: 'row' }, c.id),
      h('td', {}, c.name || ''),
      h('td', { class: `passport-state ${c.state}` }, stateText(c)),
      h('td', { class: 'wide' }, c.passports.length ? h('ul', { class: 'plain' }, c.passports.map(passportLine)) : '—'),
      h('td', {}, h('div', { class: 'row-actions' }, actions)));
  });
  box.append(h('div', { class: 'card table-wrap' }, h('table', { id: 'passports-table' },
    h('thead', {}, h('tr', {}, [[t('candidate')], [t('name')], [t('state')], [t('passport_history'), 'wide'], [t('actions')]]
      .map(([label, cls]) => h('th', { scope: 'col', class: cls }, label)))),
    h('tbody', {}, rows))));
}
