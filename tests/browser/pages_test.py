#!/usr/bin/python3
"""The pages of `skillscore serve` in a real browser (Debian's chromium, headless, driven by
python3-selenium through chromedriver).

An exam is prepared with the real command line (the DE 09.02.07 rubric and the sample people of
samples/de-2026-0412, with the sample marks except those the judge enters here), the real server
is started on a free loopback port, and then:

  * judge E02 signs in from the QR address of their card and fills sub-criterion A1 of C01;
    a disputed judgement panel shows the other judges' scores only after E02's own score;
  * a measured value in no range is refused and explained beside its field, in Russian with
    decimal commas;
  * the network goes away (DevTools offline emulation); E02 fills A3, the values wait in the
    visible queue and are not in the database; the network returns and each value arrives
    exactly once (`skillscore history`), and `skillscore audit verify` finds the log intact;
  * offline again, E02 changes a value of A1; the chief expert locks A1 on the board meanwhile;
    back online the change is refused on arrival, shown in the queue, and A1 turns read-only;
  * the board and the results page show the numbers of `skillscore status` and `results`; the
    board marks each disputed sub-criterion with a badge and lists the disputed panels with every
    judge's score, as `status` has them;
  * the administrator's Passports tab refuses to issue while the results are provisional, in the
    words of `passport issue`; once the chief expert has locked everything it issues passports,
    the certificate downloads as a PDF (drawn to PNG beside the screenshots, to be looked at), the
    signed record passes `passport verify`, and a passport is revoked with a reason.

Screenshots of every page (judge, board, results; ru and en; tablet 1280×800 and phone 390×844)
are saved into the output directory. The server and the browsers are stopped whatever happens.

Usage: pages_test.py --skillscore BINARY --source REPO --out DIR
"""
import argparse
import base64
import contextlib
import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

EXAM = 'DE-WEB'
RUBRIC = 'rubrics/de-09.02.07-2026-pu.yaml'
PEOPLE = 'samples/de-2026-0412'
CHIEF, JUDGE, CANDIDATE = 'E01', 'E02', 'C01'
ADMIN, ADMIN_SECRET = 'admin', 'correct horse battery staple 42'
ISSUER = 'ГБПОУ «Колледж связи № 54»'
TABLET = (1280, 800)
PHONE = (390, 844)
WAIT = 20  # seconds for anything the page does on its own (saving, polling every 4 s)

# What E02 enters for C01, in order: (aspect, control value). A1.4 is first scored 0 against the
# sample panel's 3 and 2 (disputed), then re-scored 2 after seeing the others' scores.
A1_VALUES = [('A1.1', 'yes'), ('A1.2', '3'), ('A1.3', '1'), ('A1.4', '0'), ('A1.5', '3'),
             ('A1.6', '3'), ('A1.7', 'yes'), ('A1.4', '2')]
# Entered offline: A3.2 is typed (a measured value, with a decimal comma).
A3_VALUES = [('A3.1', '3'), ('A3.2', '82,5'), ('A3.3', '2'), ('A3.4', 'yes'), ('A3.5', '3'),
             ('A3.6', '2')]
# How `history` shows each of those values once saved.
STORED = {'yes': 'yes', '82,5': '82.5'}


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Cli:
    def __init__(self, binary, db, cwd):
        self.binary, self.db, self.cwd = binary, db, cwd

    def run(self, *args, env=None, ok=True):
        full_env = dict(os.environ, LANG='C.UTF-8', NO_COLOR='1', **(env or {}))
        full_env.pop('SKILLSCORE_JUDGE', None)
        result = subprocess.run([self.binary, '--db', self.db, *args], cwd=self.cwd, env=full_env,
                                capture_output=True, text=True, timeout=60)
        if ok and result.returncode != 0:
            raise Failure(f'skillscore {" ".join(args)} exited {result.returncode}:\n'
                          f'{result.stdout}{result.stderr}')
        return result

    def json(self, *args):
        return json.loads(self.run(*args, '--format', 'json').stdout)


def prepare_exam(cli, source, work, base):
    """The exam with its people and the sample marks, less those E02 enters for C01 in A1 and A3
    (and the measurements of C01 in those sub-criteria, which any judge may enter)."""
    marks = os.path.join(work, 'marks.csv')
    with open(os.path.join(source, PEOPLE, 'marks.csv'), encoding='utf-8-sig', newline='') as f:
        rows = list(csv.DictReader(f, delimiter=';'))
    entered_here = {aspect for aspect, _ in A1_VALUES + A3_VALUES}
    judgements = {'A1.4', 'A1.5', 'A1.6', 'A3.5', 'A3.6'}
    kept = [r for r in rows if not (r['candidate'] == CANDIDATE and r['aspect'] in entered_here and
                                    (r['aspect'] not in judgements or r['judge'] == JUDGE))]
    with open(marks, 'w', encoding='utf-8', newline='') as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), delimiter=';')
        writer.writeheader()
        for row in kept:
            writer.writerow({**row, 'exam': EXAM})
    cli.run('rubric', 'import', os.path.join(source, RUBRIC), '--as', CHIEF)
    cli.run('exam', 'create', EXAM, '--rubric', '09.02.07-2026-PU', '--chief', CHIEF, '--as', CHIEF)
    cli.run('candidates', 'import', EXAM, os.path.join(source, PEOPLE, 'candidates.csv'), '--as', CHIEF)
    cli.run('judges', 'import', EXAM, os.path.join(source, PEOPLE, 'judges.csv'), '--as', CHIEF)
    cli.run('marks', 'import', EXAM, marks, '--as', CHIEF)
    cli.run('admin', 'init', ADMIN, env={'SKILLSCORE_ADMIN_SECRET': ADMIN_SECRET})
    return issue_codes(cli, work, base)


def issue_codes(cli, work, base):
    """Sign-in codes of the chief expert and of E02, read as a tablet's camera would: the QR codes
    of the cards that `judges codes` prints (pdftoppm, zbarimg). Returns judge → card address."""
    sheet = os.path.join(work, 'codes.pdf')
    cli.run('judges', 'codes', EXAM, '--url', base + '/', '--out', sheet, '--judge', CHIEF,
            '--judge', JUDGE, '--as', CHIEF)
    subprocess.run(['pdftoppm', '-r', '150', '-png', sheet, os.path.join(work, 'cards')], check=True)
    pictures = sorted(f for f in os.listdir(work) if f.startswith('cards') and f.endswith('.png'))
    scanned = subprocess.run(['zbarimg', '--raw', '-q', *[os.path.join(work, f) for f in pictures]],
                             capture_output=True, text=True).stdout.split()
    links = {}
    for link in scanned:
        fields = urllib.parse.parse_qs(urllib.parse.urlsplit(link).fragment)
        check(fields.get('exam') == [EXAM], f'a card links to another exam: {link}')
        links[fields['judge'][0]] = link
    check(set(links) == {CHIEF, JUDGE}, f'the cards hold {sorted(links)}, not {CHIEF} and {JUDGE}')
    return links


def code_of(link):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(link).fragment)['code'][0]


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class Server:
    """`skillscore serve` on a free loopback port; restart() keeps the port and the database
    (sessions live in the server's memory, so a restart signs everyone out)."""

    def __init__(self, cli, work):
        self.cli, self.work, self.port, self.process = cli, work, free_port(), None
        self.base = f'http://127.0.0.1:{self.port}'
        self.log = open(os.path.join(work, 'serve.log'), 'a')

    def start(self):
        self.process = subprocess.Popen(
            [self.cli.binary, '--db', self.cli.db, 'serve', '--listen', f'127.0.0.1:{self.port}'],
            cwd=self.cli.cwd, stdout=self.log, stderr=subprocess.STDOUT,
            env=dict(os.environ, LANG='C.UTF-8'))
        deadline = time.time() + 30
        while True:
            check(self.process.poll() is None, f'skillscore serve exited {self.process.returncode}')
            try:
                urllib.request.urlopen(self.base + '/api/me', timeout=2)
                return
            except urllib.error.HTTPError:
                return  # 401: it answers
            except OSError:
                check(time.time() < deadline, 'skillscore serve did not answer within 30 s')
                time.sleep(0.2)

    def stop(self):
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def restart(self):
        self.stop()
        self.start()


def browser(work, name, lang):
    options = webdriver.ChromeOptions()
    options.binary_location = '/usr/bin/chromium'
    for argument in ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
                     '--no-first-run', '--disable-background-networking',
                     '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
                     f'--user-data-dir={os.path.join(work, "profile-" + name)}',
                     f'--window-size={TABLET[0]},{TABLET[1]}', f'--lang={lang}']:
        options.add_argument(argument)
    options.add_experimental_option('prefs', {'intl.accept_languages': lang})
    driver = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)
    driver.set_page_load_timeout(30)
    viewport(driver, TABLET)
    return driver


def viewport(driver, size):
    width, height = size
    driver.execute_cdp_cmd('Emulation.setDeviceMetricsOverride', {
        'width': width, 'height': height, 'deviceScaleFactor': 1, 'mobile': width < 600})


def network(driver, online):
    driver.execute_cdp_cmd('Network.enable', {})
    driver.execute_cdp_cmd('Network.emulateNetworkConditions', {
        'offline': not online, 'latency': 0, 'downloadThroughput': -1, 'uploadThroughput': -1})


def screenshot(driver, out, name):
    """The whole page, not only what fits the viewport."""
    driver.execute_script('window.scrollTo(0, 0)')
    height = driver.execute_script('return document.documentElement.scrollHeight')
    width = driver.execute_script('return document.documentElement.clientWidth')
    shot = driver.execute_cdp_cmd('Page.captureScreenshot', {
        'format': 'png', 'captureBeyondViewport': True,
        'clip': {'x': 0, 'y': 0, 'width': width, 'height': height, 'scale': 1}})
    with open(os.path.join(out, name + '.png'), 'wb') as f:
        f.write(base64.b64decode(shot['data']))


def until(driver, what, description, timeout=WAIT):
    def attempt(d):
        try:
            return what(d)
        except StaleElementReferenceException:
            return False
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.2).until(attempt)
    except TimeoutException:
        raise Failure(f'timed out waiting for {description}') from None


def css(driver, selector):
    return driver.find_elements(By.CSS_SELECTOR, selector)


def read_first(driver, selector, read):
    """Reads the first element matching selector, or '' when there is none. The page redraws
    parts of itself as the server's data arrives, so an element found a moment ago may be gone
    by the time it is read: then it is looked up again."""
    for _ in range(25):
        try:
            found = css(driver, selector)
            return read(found[0]) if found else ''
        except StaleElementReferenceException:
            time.sleep(0.2)
    raise Failure(f'{selector} kept being redrawn while it was read')


def text_of(driver, selector):
    return read_first(driver, selector, lambda element: element.text)


def field_state(driver, aspect):
    return read_first(driver, f'[id="state-{aspect}"]', lambda element: element.get_attribute('class'))


def choose_form(driver, candidate, subcriterion):
    Select(css(driver, '#candidate')[0]).select_by_value(candidate)
    Select(css(driver, '#subcriterion')[0]).select_by_value(subcriterion)
    until(driver, lambda d: css(d, f'#form[data-loaded="{candidate}|{subcriterion}"]'),
          f'the form {subcriterion} of {candidate}')


def enter(driver, aspect, value):
    """Clicks the value's control, or types a measured value and presses Save. The page redraws
    a field when the server's sheet changes, so a control found a moment ago may be gone."""
    for _ in range(5):
        try:
            typed = css(driver, f'[id="value-{aspect}"]')
            control = 'save' if typed else value
            button = css(driver, f'[id="aspect-{aspect}"] button[data-value="{control}"]')[0]
            # In the middle of the screen, not under the sticky top bar.
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
            if typed:
                typed[0].clear()
                typed[0].send_keys(value)
            button.click()
            return
        except StaleElementReferenceException:
            time.sleep(0.2)
    raise Failure(f'the controls of {aspect} kept changing under the click')


def history_of(cli, judge):
    """(aspect, new value) of every mark event of C01 in A1 and A3 in the judge's name, in order."""
    events = cli.json('history', EXAM, '--candidate', CANDIDATE)
    return [(e['aspect'], e['new']) for e in events
            if e['judge'] == judge and e['aspect'].startswith(('A1.', 'A3.'))]


def judge_flow(cli, server, out, codes, driver, chief_driver):
    base = server.base
    # Sign-in from the address in the card's QR code: the page signs in by itself.
    driver.get(codes[JUDGE])
    until(driver, lambda d: d.current_url.endswith('/judge') and css(d, '#candidate option'),
          'the judge page after sign-in')
    check('#' not in driver.current_url, 'the code stays in the address bar')
    check(JUDGE in text_of(driver, '#who'), 'the top bar does not name the judge')
    choose_form(driver, CANDIDATE, 'A1')
    for aspect, value in A1_VALUES:
        enter(driver, aspect, value)
        until(driver, lambda d: 'saved' in field_state(d, aspect)
              and css(d, f'[id="aspect-{aspect}"] button[data-value="{value}"][aria-pressed="true"]'),
              f'{aspect} = {value} saved')
        if (aspect, value) == ('A1.4', '0'):
            panel = until(driver, lambda d: text_of(d, '[id="panel-A1.4"]'), 'the disputed panel')
            for score in ('E02: 0', 'E04: 3', 'E05: 2'):
                check(score in panel, f'the disputed panel shows "{panel}", not {score}')
            screenshot(driver, out, 'judge-disputed-ru-tablet')
    until(driver, lambda d: not css(d, '[id="panel-A1.4"]'), 'the panel settled after re-scoring')
    check('7 из 7' in text_of(driver, '#form-count'), f'form count: {text_of(driver, "#form-count")}')

    # A measured value in no range (the ranges of A3.2 leave a gap between 89.99 and 90).
    choose_form(driver, CANDIDATE, 'A3')
    enter(driver, 'A3.2', '89,995')
    refusal = until(driver, lambda d: 'refused' in field_state(d, 'A3.2') and text_of(d, '[id="state-A3.2"]'),
                    'the refusal of 89,995')
    check('89,995' in refusal and '69,99' in refusal,
          f'the refusal is not explained with decimal commas: {refusal}')
    check(not css(driver, '#queue li'), 'a value refused as it was entered is left in the queue')
    screenshot(driver, out, 'judge-refused-ru-tablet')

    # Offline: values wait in the queue, and nothing reaches the database.
    before = history_of(cli, JUDGE)
    network(driver, online=False)
    for aspect, value in A3_VALUES:
        enter(driver, aspect, value)
        until(driver, lambda d: 'queued' in field_state(d, aspect), f'{aspect} queued offline')
    until(driver, lambda d: len(css(d, '#queue li')) == len(A3_VALUES), 'the queue of six values')
    check(not css(driver, '#offline[hidden]'), 'the offline banner is hidden while offline')
    screenshot(driver, out, 'judge-offline-ru-tablet')
    time.sleep(5)  # a poll or two while offline: still nothing sent
    check(history_of(cli, JUDGE) == before, 'values reached the database while offline')

    # Online again: every value arrives, once.
    network(driver, online=True)
    until(driver, lambda d: not css(d, '#queue li'), 'the queue to empty after the network returns')
    for aspect, _ in A3_VALUES:
        until(driver, lambda d: 'saved' in field_state(d, aspect), f'{aspect} saved after reconnecting')
    expected = [(a, STORED.get(v, v)) for a, v in A1_VALUES + A3_VALUES]
    got = history_of(cli, JUDGE)
    check(got == expected, f'the database holds {got}, expected each value once: {expected}')
    cli.run('audit', 'verify', EXAM)

    # The server restarts while a change waits offline: back online the page gets 401, asks to
    # sign in again and keeps the queue; after signing in the change is sent, once.
    network(driver, online=False)
    enter(driver, 'A3.4', 'no')
    until(driver, lambda d: len(css(d, '#queue li')) == 1, 'the change of A3.4 in the queue')
    server.restart()
    network(driver, online=True)
    until(driver, lambda d: css(d, '#session-ended:not([hidden])'), 'the request to sign in again')
    check(len(css(driver, '#queue li')) == 1, 'the queue was not kept when the session ended')
    check(history_of(cli, JUDGE) == expected, 'a value was saved without a session')
    screenshot(driver, out, 'judge-session-ended-ru-tablet')
    css(driver, '#sign-in-again')[0].click()
    until(driver, lambda d: css(d, '#judge-form') and css(d, '#exam')[0].get_attribute('value') == EXAM,
          'the sign-in form with the exam filled in')
    check(css(driver, '#judge')[0].get_attribute('value') == JUDGE, 'the judge is not filled in')
    css(driver, '#code')[0].send_keys(code_of(codes[JUDGE]))
    css(driver, '#judge-submit')[0].click()
    until(driver, lambda d: d.current_url.endswith('/judge') and css(d, '[id="aspect-A3.1"]'),
          'the judge page with the same form after signing in again')
    until(driver, lambda d: not css(d, '#queue li'), 'the kept change to be sent after signing in')
    expected.append(('A3.4', 'no'))
    got = history_of(cli, JUDGE)
    check(got == expected, f'after signing in again the database holds {got}, expected {expected}')

    # Offline once more: a change of A1 waits while the chief expert locks A1 on the board.
    choose_form(driver, CANDIDATE, 'A1')
    network(driver, online=False)
    enter(driver, 'A1.7', 'no')
    until(driver, lambda d: len(css(d, '#queue li')) == 1, 'the change of A1.7 in the queue')
    board_flow(cli, base, out, codes, chief_driver, lock='A1')
    network(driver, online=True)
    refused = until(driver, lambda d: text_of(d, '#queue li.refused'), 'the change refused on arrival')
    check('A1.7' in refused, f'the refused entry does not name A1.7: {refused}')
    until(driver, lambda d: css(d, '#locked'), 'the locked banner on the judge page')
    buttons = css(driver, '#form button[data-value]')
    check(buttons and all(not b.is_enabled() for b in buttons), 'a locked form still has enabled buttons')
    check(history_of(cli, JUDGE) == expected, 'the refused change reached the database')
    screenshot(driver, out, 'judge-locked-ru-tablet')

    # "Next missing" leads to an aspect without the judge's value, or says nothing is missing.
    css(driver, '#next-missing')[0].click()
    until(driver, lambda d: text_of(d, '#next-note') or d.execute_script(
        "const a = document.activeElement; return a && a.closest('.aspect') && a.closest('.aspect').id"),
        'next missing to lead somewhere')
    aspect_id = driver.execute_script(
        "const a = document.activeElement; return a && a.closest('.aspect') && a.closest('.aspect').id")
    if aspect_id:
        check(not css(driver, f'[id="{aspect_id}"] button[aria-pressed="true"]'),
              f'next missing led to {aspect_id}, which has a value')
    else:
        check(text_of(driver, '#next-note') == 'Всё, что вы можете оценить, введено.',
              f'next missing says: {text_of(driver, "#next-note")}')


def table_snapshot(driver, rows_selector, key):
    """{row's data-KEY: [cell texts]} read in one script, so a redraw cannot happen halfway."""
    return driver.execute_script(
        'return Object.fromEntries([...document.querySelectorAll(arguments[0])].map((r) => '
        '[r.dataset[arguments[1]], [...r.querySelectorAll("td")].map((c) => c.innerText.trim())]))',
        rows_selector, key)


def board_numbers_match(cli, driver):
    status = cli.json('status', EXAM)
    rows = table_snapshot(driver, '#subcriteria-table tbody tr', 'subcriterion')
    for sub in status['subcriteria']:
        cells = rows.get(sub['id'])
        check(cells is not None, f'the board has no row for {sub["id"]}')
        shown = cells[1:4]
        wanted = [f'{sub["entered"]} / {sub["expected"]}', str(sub['missing']), str(sub['disputed'])]
        check(shown == wanted, f'board row {sub["id"]} shows {shown}, status says {wanted}')


def sample_judges():
    """The judges of the sample people the exam is made of, as rows of their CSV file."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', PEOPLE, 'judges.csv')
    with open(path, encoding='utf-8-sig', newline='') as f:
        return list(csv.DictReader(f, delimiter=';'))


DISPUTED_BADGE = {'ru': 'спорных панелей: {0}', 'en': 'disputed panels: {0}'}


def panel_in_history(cli, candidate, aspect):
    """{judge: score} of a judgement panel as `skillscore history` has it: each judge's last value."""
    rows = csv.DictReader(io.StringIO(cli.run('history', EXAM, '--aspect', aspect, '--format', 'csv').stdout))
    panel = {}
    for row in rows:
        if row['candidate'] != candidate:
            continue
        if row['new'] == 'withdrawn':
            panel.pop(row['judge'], None)
        else:
            panel[row['judge']] = row['new']
    return panel


def board_disputed_match(cli, driver):
    """Every sub-criterion that `skillscore status` counts disputed has a badge saying so, and each
    disputed panel is listed with every judge's score as `history` has it, the judge named: the page
    decides nothing, the service does."""
    status = cli.json('status', EXAM)
    lang = driver.execute_script('return document.documentElement.lang')
    badges = driver.execute_script(
        'return Object.fromEntries([...document.querySelectorAll("#subcriteria-table tbody tr")].map((r) => '
        '[r.dataset.subcriterion, (r.querySelector("a.badge") || {}).textContent || null]))')
    shown = driver.execute_script(
        'return [...document.querySelectorAll("#disputed-table tbody tr")].map((r) => '
        '[r.dataset.candidate, r.dataset.aspect, [...r.querySelectorAll("li")].map((li) => '
        '[li.dataset.judge, li.querySelector(".score").textContent, li.textContent])])')
    wanted = []
    for sub in status['subcriteria']:
        badge = DISPUTED_BADGE[lang].format(sub['disputed']) if sub['disputed'] and not sub['locked'] else None
        check(badges.get(sub['id']) == badge, f'the board badge of {sub["id"]} is {badges.get(sub["id"])!r}, not {badge!r}')
        wanted += [(p['candidate'], p['aspect']) for p in sub['problems'] if p['kind'] == 'disputed']
    check(wanted, 'the sample exam has no disputed panel to show')
    check([(candidate, aspect) for candidate, aspect, _ in shown] == wanted,
          f'the board shows the disputed panels {shown}, status says {wanted}')
    names = {judge['id']: judge['name'].split()[0] for judge in sample_judges()}
    for candidate, aspect, scores in shown:
        panel = {judge: score for judge, score, _ in scores}
        history = panel_in_history(cli, candidate, aspect)
        check(panel == history, f'the board shows {candidate} {aspect} as {panel}, the history as {history}')
        for judge, _, text in scores:
            check(text.startswith(judge + ' ') and names[judge] in text, f'the score "{text}" does not name {judge}')


def board_shows_disputes(cli, driver):
    """The disputed panels as `status` has them, and on any viewport nothing of them off screen."""
    board_disputed_match(cli, driver)
    for table in ('#subcriteria-table', '#disputed-table', '#judges-table', '#sessions-table',
                  '#candidates-table'):
        fits_the_width(driver, table)


def board_flow(cli, base, out, codes, driver, lock):
    driver.get(base + '/')
    for field, value in (('exam', EXAM), ('judge', CHIEF), ('code', code_of(codes[CHIEF]))):
        css(driver, f'#{field}')[0].send_keys(value)
    screenshot(driver, out, 'signin-ru-tablet')
    css(driver, '#judge-submit')[0].click()
    until(driver, lambda d: d.current_url.endswith('/board') and css(d, '#subcriteria-table'), 'the board')
    until(driver, lambda d: JUDGE in text_of(d, '#sessions-table'), 'the judge among the signed-in')
    board_numbers_match(cli, driver)
    board_disputed_match(cli, driver)
    waiting = [s['id'] for s in cli.json('status', EXAM)['subcriteria']
               if not s['locked'] and (s['missing'] or s['disputed'])]
    check(waiting, 'the sample exam has no incomplete or disputed sub-criterion to look at')
    for sub in waiting:
        button = css(driver, f'[id="lock-{sub}"]')[0]
        check(not button.is_enabled() and button.get_attribute('title'),
              f'the board offers to lock {sub}, which is incomplete or disputed')
    css(driver, f'[id="lock-{lock}"]')[0].click()
    until(driver, lambda d: css(d, f'[id="unlock-{lock}"]'), f'{lock} locked on the board')
    check(any(s['id'] == lock and s['locked'] for s in cli.json('status', EXAM)['subcriteria']),
          f'{lock} is not locked in the database')


def results_match(cli, driver):
    results = cli.json('results', EXAM)
    rows = driver.execute_script(
        'return Object.fromEntries([...document.querySelectorAll("#results tbody tr")].map((r) => '
        '[r.dataset.candidate, [r.querySelector(".total").innerText, r.querySelector(".percent").innerText]]))')
    check(len(rows) == len(results['candidates']), 'the results page lists another number of candidates')
    for candidate in results['candidates']:
        total, percent = rows[candidate['id']]
        wanted = ('—' if candidate['total'] is None else f'{candidate["total"]:.2f}',
                  '—' if candidate['percent'] is None else f'{candidate["percent"]:.2f}')
        if driver.execute_script('return document.documentElement.lang') == 'ru':
            wanted = tuple(w.replace('.', ',') for w in wanted)
        check((total, percent) == wanted,
              f'{candidate["id"]}: the page shows {total}, {percent}; results say {wanted}')


def downloads_match(cli, driver):
    """The files behind the download links are those of `skillscore results`, in the page's
    language whatever the browser's Accept-Language says."""
    css(driver, '#tab-downloads')[0].click()
    css(driver, '#lang-ru')[0].click()  # the admin's browser asks for English
    until(driver, lambda d: d.execute_script('return document.documentElement.lang') == 'ru', 'the page in Russian')
    lang = 'ru'
    for label, form in (('csv', 'csv'), ('json', 'json')):
        link = css(driver, f'#download-{label}')[0].get_attribute('href')
        body = fetch_bytes(driver, link).decode('utf-8')  # bytes: text() would drop the CSV's BOM
        wanted = cli.run('--lang', lang, 'results', EXAM, '--format', form).stdout
        check(body == wanted, f'the {label} download differs from `results --format {form}`')
    for label, magic in (('xlsx', 'PK'), ('pdf', '%PDF')):  # a workbook is a zip file
        link = css(driver, f'#download-{label}')[0].get_attribute('href')
        start = driver.execute_async_script(
            'fetch(arguments[0]).then((r) => (r.ok ? r.arrayBuffer() : null)).then((b) => arguments[1]('
            'b && String.fromCharCode(...new Uint8Array(b).slice(0, 4))))', link)
        check(start and start.startswith(magic), f'the {label} download is not a {label} file: {start!r}')
    css(driver, '#lang-en')[0].click()
    css(driver, '#tab-results')[0].click()


def admin_flow(cli, base, driver):
    driver.get(base + '/')
    css(driver, '#admin-box summary')[0].click()
    css(driver, '#admin-name')[0].send_keys(ADMIN)
    css(driver, '#admin-secret')[0].send_keys(ADMIN_SECRET)
    css(driver, '#admin-submit')[0].click()
    until(driver, lambda d: d.current_url.endswith('/admin') and css(d, '#results tbody tr'), 'the results page')
    results_match(cli, driver)


def fetch_bytes(driver, url):
    """The body of a GET from the page (its session cookie), or None when refused."""
    encoded = driver.execute_async_script(
        'fetch(arguments[0]).then((r) => (r.ok ? r.arrayBuffer() : null)).then((b) => arguments[1]('
        'b && btoa(Array.from(new Uint8Array(b), (c) => String.fromCharCode(c)).join(""))))', url)
    return None if encoded is None else base64.b64decode(encoded)


def open_passports(driver):
    driver.refresh()
    until(driver, lambda d: css(d, '#tab-passports') and css(d, '#results tbody tr'), 'the admin page')
    css(driver, '#tab-passports')[0].click()
    until(driver, lambda d: css(d, '#passports-table tbody tr'), 'the passports table')


def row_state(driver, candidate):
    rows = css(driver, f'#passports-table tr[data-candidate="{candidate}"]')
    return rows[0].get_attribute('data-state') if rows else None


def passports_flow(cli, out, work, driver):
    open_passports(driver)
    check(row_state(driver, CANDIDATE) == 'not_issuable', 'C01 is issuable while provisional')
    cli_refusal = cli.run('--lang', 'en', 'passport', 'issue', EXAM, '--admin', ADMIN,
                          env={'SKILLSCORE_ADMIN_SECRET': ADMIN_SECRET}, ok=False)
    check(cli_refusal.returncode == 1, f'`passport issue` issued while provisional: {cli_refusal.stdout}')
    css(driver, '#issue-passports')[0].click()
    refusal = until(driver, lambda d: text_of(d, '#passport-refusal'), 'the refusal to issue')
    check(refusal in cli_refusal.stderr, f'the page says "{refusal}", the command line {cli_refusal.stderr!r}')
    screenshot(driver, out, 'passports-refused-en-tablet')

    # The sample's one disputed panel (B2.7 of C06: 1, 3, 3) is settled as at the exam: E05, who
    # gave 1, re-scores after the discussion; then the chief expert locks everything.
    cli.run('mark', EXAM, 'C06', 'B2.7', '3', '--as', 'E05', '--reason', 'settled at the panel')
    cli.run('lock', EXAM, '--all', '--as', CHIEF)
    check(cli.json('results', EXAM)['status'] == 'final', 'the results are not final after locking')
    open_passports(driver)
    check(row_state(driver, CANDIDATE) == 'issuable', f'C01 is {row_state(driver, CANDIDATE)}, not issuable')
    css(driver, '#issue-passports')[0].click()
    lines = until(driver, lambda d: [e.text for e in css(d, '#passport-issued li')], 'the issued passports')
    register = cli.json('passport', 'list', EXAM)
    check(len(lines) == len(register) > 0, f'{len(lines)} lines for {len(register)} passports')
    for passport, line in zip(register, lines):
        check(line.startswith(f'issued passport {passport["number"]} for '), f'issued line "{line}"')
    until(driver, lambda d: row_state(d, CANDIDATE) == 'issued', 'C01 issued')

    number = next(p['number'] for p in register if p['candidate'] == CANDIDATE)
    certificate = fetch_bytes(driver, css(driver, f'[id="certificate-{number}"]')[0].get_attribute('href'))
    check(certificate and certificate.startswith(b'%PDF-'), 'the certificate is not a PDF')
    with open(os.path.join(out, 'certificate.pdf'), 'wb') as f:
        f.write(certificate)
    subprocess.run(['pdftoppm', '-r', '60', '-png', '-singlefile', os.path.join(out, 'certificate.pdf'),
                    os.path.join(out, 'certificate')], check=True)
    record = fetch_bytes(driver, css(driver, f'[id="record-{number}"]')[0].get_attribute('href'))
    with open(os.path.join(work, 'record.json'), 'wb') as f:
        f.write(record)
    verified = cli.run('passport', 'verify', os.path.join(work, 'record.json'), '--dir',
                       os.path.join(work, 'keys'))
    check(f'valid: passport {number} of ' in verified.stdout, f'verify says {verified.stdout}')
    bundle = fetch_bytes(driver, css(driver, '#download-certificates')[0].get_attribute('href'))
    check(bundle and bundle.startswith(b'PK'), 'the certificates download is not a ZIP file')

    # Revoke another candidate's passport, giving the reason in the dialog.
    other = next(p for p in register if p['candidate'] != CANDIDATE)
    css(driver, f'[id="revoke-{other["number"]}"]')[0].click()
    css(driver, '#revoke-ok')[0].click()
    until(driver, lambda d: text_of(d, '#revoke-error'), 'the dialog asking for a reason')
    css(driver, '#revoke-reason')[0].send_keys('фамилия с ошибкой')
    css(driver, '#revoke-ok')[0].click()
    until(driver, lambda d: row_state(d, other['candidate']) == 'revoked', 'the revoked passport')
    revoked = next(p for p in cli.json('passport', 'list', EXAM) if p['number'] == other['number'])
    check(revoked['revoked_reason'] == 'фамилия с ошибкой' and revoked['revoked_by'] == ADMIN,
          f'the register says {revoked}')


def fits_the_width(driver, selector):
    """On any viewport the element's box holds its content: nothing to scroll sideways."""
    wide = driver.execute_script(
        'const e = document.querySelector(arguments[0]); const box = e.closest(".table-wrap") || e;'
        'return [box.scrollWidth, box.clientWidth];', selector)
    check(wide[0] <= wide[1], f'{selector} scrolls sideways: {wide[0]} px of content in {wide[1]} px')


def screenshots(driver, out, page, prepare):
    """The page in ru and en, on a tablet and on a phone."""
    for lang in ('ru', 'en'):
        css(driver, f'#lang-{lang}')[0].click()
        for size, label in ((TABLET, 'tablet'), (PHONE, 'phone')):
            viewport(driver, size)
            prepare(driver)
            time.sleep(0.5)
            screenshot(driver, out, f'{page}-{lang}-{label}')
    viewport(driver, TABLET)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--skillscore', required=True)
    parser.add_argument('--source', required=True)
    parser.add_argument('--out', required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix='skillscore-pages-')
    cli = Cli(os.path.abspath(args.skillscore), os.path.join(work, 'exam.db'), work)
    drivers, servers = [], []
    try:
        server = Server(cli, work)
        servers.append(server)
        codes = prepare_exam(cli, os.path.abspath(args.source), work, server.base)
        cli.run('keys', 'init', '--issuer', ISSUER, '--dir', os.path.join(work, 'keys'))  # ./keys of serve
        server.start()
        base = server.base
        judge = browser(work, 'judge', 'ru')
        drivers.append(judge)
        chief = browser(work, 'chief', 'ru')
        drivers.append(chief)
        judge_flow(cli, server, args.out, codes, judge, chief)
        choose_form(judge, CANDIDATE, 'A2')
        screenshots(judge, args.out, 'judge', lambda d: None)
        board_numbers_match(cli, chief)
        screenshots(chief, args.out, 'board', lambda d: board_shows_disputes(cli, d))
        admin = browser(work, 'admin', 'en')
        drivers.append(admin)
        admin_flow(cli, base, admin)
        screenshots(admin, args.out, 'results', lambda d: results_match(cli, d))
        downloads_match(cli, admin)
        css(admin, '#tab-analytics')[0].click()
        until(admin, lambda d: css(d, '#severity-chart svg'), 'the severity chart')
        screenshot(admin, args.out, 'analytics-en-tablet')
        passports_flow(cli, args.out, work, admin)
        screenshots(admin, args.out, 'passports', lambda d: fits_the_width(d, '#passports-table'))
        print(f'pages test passed; screenshots in {args.out}')
        return 0
    except Exception as failure:  # a Failure, or Selenium's own exception: report both alike
        print(f'FAILED: {failure}', file=sys.stderr)
        if not isinstance(failure, Failure):
            traceback.print_exc()
        for name, driver in zip(('judge', 'chief', 'admin'), drivers):
            with contextlib.suppress(Exception):
                screenshot(driver, args.out, f'failure-{name}')
        log = os.path.join(work, 'serve.log')
        if os.path.exists(log):
            print(open(log, encoding='utf-8', errors='replace').read()[-4000:], file=sys.stderr)
        return 1
    finally:
        for driver in drivers:
            with contextlib.suppress(Exception):
                driver.quit()
        for server in servers:
            server.stop()
            server.log.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
