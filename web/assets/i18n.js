// Words of the pages in Russian and English, and numbers and dates as each language writes them
// (Russian: decimal comma, ДД.ММ.ГГГГ). The language is the one the person chose with the switch,
// kept in localStorage, else the browser's first preference; the server's messages come already
// in the session's language (the pages send it as Accept-Language and in the sign-in body).

const WORDS = {
  en: {
    app: 'skillscore',
    language: 'Language',
    sign_in: 'Sign in',
    sign_out: 'Sign out',
    judge_sign_in: 'Judge or chief expert',
    admin_sign_in: 'Administrator',
    exam: 'Exam',
    judge: 'Judge',
    code: 'Sign-in code',
    admin_name: 'Name',
    secret: 'Secret',
    signing_in: 'Signing in…',
    signed_in_as: 'Signed in as {0}',
    session_ended: 'Your session has ended (the server may have restarted). Sign in again: nothing you entered is lost.',
    candidate: 'Candidate',
    subcriterion: 'Sub-criterion',
    next_missing: 'Next missing',
    nothing_missing: 'Everything you can mark is entered.',
    yes: 'Yes',
    no: 'No',
    na: 'Not attempted',
    clear: 'Clear',
    saved: 'Saved',
    saving: 'Saving…',
    queued: 'Waiting to be sent',
    refused: 'Refused',
    max: 'max {0}',
    how_many_of: 'How many of {0} are done',
    measured_value: 'Measured value',
    deduct: 'deduct {0}%',
    range_deduct: '{0} to {1}: deduct {2}%',
    your_score: 'Your score',
    others_scores: 'Scores of the panel (disputed: talk it over, you may re-score)',
    panel_waits: 'Other judges’ scores are shown after your own score, when the panel is disputed.',
    locked: 'Locked by {0}: read only',
    locked_short: 'Locked: read only',
    locked_badge: 'locked',
    protocol: 'Protocol',
    severity_short: 'Severity',
    stricter: 'stricter',
    lenient: 'more lenient',
    col_missing: 'Missing',
    col_disputed: 'Disputed',
    cancel: 'Cancel',
    complete: 'complete',
    lock_waits: 'Locks once every score is in and no panel is disputed',
    owed: 'Panels owed',
    progress: 'Your progress',
    own_entered: 'Marks you entered in the exam: {0}',
    own_owed: 'Panels waiting for your score: {0}',
    entered_of: '{0} of {1} entered',
    offline: 'Offline: values are kept on this device and sent when the network returns.',
    online: 'Online',
    queue: 'Not yet sent',
    queue_empty: 'Every value has reached the server.',
    queue_refused: 'Refused on arrival — enter again or ask the chief expert',
    dismiss: 'Dismiss',
    save: 'Save',
    board: 'Chief expert’s board',
    judge_page: 'Marking',
    admin: 'Administration',
    live: 'Live',
    updated_at: 'Updated {0}',
    per_subcriterion: 'Progress per sub-criterion',
    per_judge: 'Progress per judge',
    missing: 'Missing scores',
    owed_by: 'Owed by',
    aspect: 'Aspect',
    disputed: 'Disputed panels',
    disputed_badge: 'disputed panels: {0}',
    judges_scores: 'Judges’ scores',
    scores: 'Scores',
    lock: 'Lock',
    unlock: 'Unlock',
    reason: 'Reason',
    reason_needed: 'Give a reason to unlock.',
    withdraw: 'Withdraw',
    withdraw_reason: 'Why is this mark withdrawn?',
    candidates: 'Candidates',
    status: 'Status',
    sessions: 'Signed in',
    role: 'Role',
    since: 'Since',
    last_seen: 'Last seen',
    none: 'None.',
    results: 'Results',
    total: 'Total',
    percent: '%',
    grade: 'Grade',
    rank: 'Rank',
    award: 'Award',
    name: 'Name',
    organization: 'Organization',
    provisional: 'Provisional: there are missing or disputed scores',
    final: 'Final',
    downloads: 'Downloads',
    analytics: 'Judges',
    severity: 'Severity (mean deviation from the panel, with its 95% interval)',
    distribution: 'Distribution of totals',
    profile: 'Module profile',
    module: 'Module',
    entered: 'Entered',
    expected: 'Expected',
    present: 'present',
    absent: 'absent',
    withdrawn: 'withdrawn',
    disqualified: 'disqualified',
    expert: 'expert',
    chief: 'chief expert',
    administrator: 'administrator',
    error: 'Error',
    network_error: 'The server cannot be reached.',
    loading: 'Loading…',
    go_board: 'Board',
    go_judge: 'Marking',
    value: 'Value',
    done: 'Done',
  },
  ru: {
    app: 'skillscore',
    language: 'Язык',
    sign_in: 'Войти',
    sign_out: 'Выйти',
    judge_sign_in: 'Эксперт или главный эксперт',
    admin_sign_in: 'Администратор',
    exam: 'Экзамен',
    judge: 'Эксперт',
    code: 'Код входа',
    admin_name: 'Имя',
    secret: 'Пароль',
    signing_in: 'Вход…',
    signed_in_as: 'Вы вошли как {0}',
    session_ended: 'Сеанс завершён (возможно, сервер перезапускался). Войдите снова: введённое не потеряно.',
    candidate: 'Участник',
    subcriterion: 'Подкритерий',
    next_missing: 'Следующий пропуск',
    nothing_missing: 'Всё, что вы можете оценить, введено.',
    yes: 'Да',
    no: 'Нет',
    na: 'Не приступал',
    clear: 'Очистить',
    saved: 'Сохранено',
    saving: 'Сохранение…',
    queued: 'Ждёт отправки',
    refused: 'Отклонено',
    max: 'макс. {0}',
    how_many_of: 'Сколько из {0} выполнено',
    measured_value: 'Измеренное значение',
    deduct: 'снять {0}%',
    range_deduct: 'от {0} до {1}: снять {2}%',
    your_score: 'Ваша оценка',
    others_scores: 'Оценки панели (расхождение: обсудите, можно переоценить)',
    panel_waits: 'Оценки других экспертов видны после вашей, если в панели расхождение.',
    locked: 'Заблокировано ({0}): только просмотр',
    locked_short: 'Заблокировано: только просмотр',
    locked_badge: 'заблокирован',
    protocol: 'Протокол',
    severity_short: 'Строгость',
    stricter: 'строже',
    lenient: 'мягче',
    col_missing: 'Не хватает',
    col_disputed: 'Спорных',
    cancel: 'Отмена',
    complete: 'заполнен',
    lock_waits: 'Блокируется, когда все оценки введены и спорных панелей нет',
    owed: 'Ждут его оценки',
    progress: 'Ваш прогресс',
    own_entered: 'Введено вами в экзамене: {0}',
    own_owed: 'Панелей ждут вашей оценки: {0}',
    entered_of: 'введено {0} из {1}',
    offline: 'Нет сети: значения хранятся на этом устройстве и будут отправлены, когда сеть вернётся.',
    online: 'В сети',
    queue: 'Ещё не отправлено',
    queue_empty: 'Все значения дошли до сервера.',
    queue_refused: 'Отклонено при отправке — введите снова или обратитесь к главному эксперту',
    dismiss: 'Скрыть',
    save: 'Сохранить',
    board: 'Панель главного эксперта',
    judge_page: 'Оценивание',
    admin: 'Администрирование',
    live: 'В реальном времени',
    updated_at: 'Обновлено {0}',
    per_subcriterion: 'Прогресс по подкритериям',
    per_judge: 'Прогресс по экспертам',
    missing: 'Недостающие оценки',
    owed_by: 'За кем',
    aspect: 'Аспект',
    disputed: 'Спорные панели',
    disputed_badge: 'спорных панелей: {0}',
    judges_scores: 'Оценки экспертов',
    scores: 'Оценки',
    lock: 'Заблокировать',
    unlock: 'Разблокировать',
    reason: 'Причина',
    reason_needed: 'Укажите причину разблокировки.',
    withdraw: 'Отозвать',
    withdraw_reason: 'Почему оценка отзывается?',
    candidates: 'Участники',
    status: 'Статус',
    sessions: 'Кто вошёл',
    role: 'Роль',
    since: 'С',
    last_seen: 'Последняя активность',
    none: 'Нет.',
    results: 'Результаты',
    total: 'Итог',
    percent: '%',
    grade: 'Оценка',
    rank: 'Место',
    award: 'Награда',
    name: 'ФИО',
    organization: 'Организация',
    provisional: 'Предварительно: есть недостающие или спорные оценки',
    final: 'Окончательно',
    downloads: 'Выгрузки',
    analytics: 'Эксперты',
    severity: 'Строгость (среднее отклонение от панели, с 95% интервалом)',
    distribution: 'Распределение итогов',
    profile: 'Профиль по модулям',
    module: 'Модуль',
    entered: 'Введено',
    expected: 'Ожидается',
    present: 'присутствует',
    absent: 'не явился',
    withdrawn: 'снялся',
    disqualified: 'дисквалифицирован',
    expert: 'эксперт',
    chief: 'главный эксперт',
    administrator: 'администратор',
    error: 'Ошибка',
    network_error: 'Сервер недоступен.',
    loading: 'Загрузка…',
    go_board: 'Панель',
    go_judge: 'Оценивание',
    value: 'Значение',
    done: 'Готово',
  },
};

// Words of a page's own module (passports.js), merged in when it loads.
export function addWords(words) {
  for (const [lang, table] of Object.entries(words)) Object.assign(WORDS[lang], table);
}

const STORAGE_KEY = 'skillscore.lang';

export function currentLang() {
  const chosen = localStorage.getItem(STORAGE_KEY);
  if (chosen === 'ru' || chosen === 'en') return chosen;
  const preferred = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  return preferred.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export function setLang(lang) {
  localStorage.setItem(STORAGE_KEY, lang);
}

// The word for `key` with {0}, {1}… replaced by the arguments.
export function t(key, ...args) {
  const words = WORDS[currentLang()];
  const text = words[key] ?? WORDS.en[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
}

// A number as the language writes it: "1.5" / "1,5". Numbers come from the server already rounded
// (JSON numbers for results, decimal strings for rubric values), so this only changes the point.
export function num(value) {
  if (value === null || value === undefined || value === '') return '';
  const text = typeof value === 'number' ? String(value) : value;
  return currentLang() === 'ru' ? text.replace('.', ',') : text;
}

// A fixed number of decimals, for results ("52.17" / "52,17").
export function fixed(value, decimals) {
  if (value === null || value === undefined) return '—';
  return num(Number(value).toFixed(decimals));
}

// "2026-04-12T10:31:00+03:00" → "12.04.2026 10:31" (ru) or "2026-04-12 10:31" (en), in the
// browser's zone. Times the server gives without a zone are shown as given.
export function dateTime(iso) {
  if (!iso) return '';
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  const two = (n) => String(n).padStart(2, '0');
  const day = currentLang() === 'ru'
    ? `${two(when.getDate())}.${two(when.getMonth() + 1)}.${when.getFullYear()}`
    : `${when.getFullYear()}-${two(when.getMonth() + 1)}-${two(when.getDate())}`;
  return `${day} ${two(when.getHours())}:${two(when.getMinutes())}`;
}

// "2026-04-12" → "12.04.2026" in Russian; as given in English.
export function day(isoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate || '');
  if (!match || currentLang() !== 'ru') return isoDate || '';
  return `${match[3]}.${match[2]}.${match[1]}`;
}

export function time(date) {
  const two = (n) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

// Fills every element with data-t="key" with its word, and sets <html lang>.
export function translatePage(root = document) {
  document.documentElement.lang = currentLang();
  for (const element of root.querySelectorAll('[data-t]')) element.textContent = t(element.dataset.t);
  for (const element of root.querySelectorAll('[data-t-label]')) {
    element.setAttribute('aria-label', t(element.dataset.tLabel));
  }
}
