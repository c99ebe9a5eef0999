// The outbox of the judge's page: every value the judge enters is first put here (IndexedDB), with
// an id made on this device (client_id), and then sent. A value leaves the outbox only when the
// server has saved it, or stays marked "refused" with the server's reason until the judge dismisses
// it. The server treats a repeated client_id as the same write, so a value whose answer was lost
// on the way is sent again without being saved twice. Only one tab sends at a time (Web Locks).

const DB_NAME = 'skillscore';
const STORE = 'outbox';

function openDb() {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DB_NAME, 1);
    opening.onupgradeneeded = () => {
      opening.result.createObjectStore(STORE, { keyPath: 'client_id' });
    };
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
}

function done(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

function newClientId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Outbox {
  constructor(exam, judge) {
    this.exam = exam;
    this.judge = judge;
    this.db = openDb();
    this.listeners = [];
  }

  onChange(listener) { this.listeners.push(listener); }

  async notify() {
    const entries = await this.entries();
    for (const listener of this.listeners) listener(entries);
  }

  // This judge's entries of this exam, oldest first.
  async entries() {
    const db = await this.db;
    const all = await new Promise((resolve, reject) => {
      const reading = db.transaction(STORE).objectStore(STORE).getAll();
      reading.onsuccess = () => resolve(reading.result);
      reading.onerror = () => reject(reading.error);
    });
    return all.filter((e) => e.exam === this.exam && e.judge === this.judge)
      .sort((a, b) => a.created - b.created);
  }

  // Puts a value in the outbox. An earlier unsent or refused value of the same aspect and
  // candidate is replaced: it never reached the server, and only the judge's last word should.
  async add(candidate, aspect, value) {
    const entry = {
      client_id: newClientId(), exam: this.exam, judge: this.judge, candidate, aspect, value,
      state: 'pending', message: '', created: Date.now(),
    };
    const earlier = (await this.entries()).filter((e) => e.candidate === candidate &&
      e.aspect === aspect);
    const db = await this.db;
    const writing = db.transaction(STORE, 'readwrite');
    for (const old of earlier) writing.objectStore(STORE).delete(old.client_id);
    writing.objectStore(STORE).put(entry);
    await done(writing);
    await this.notify();
    return entry;
  }

  async remove(clientId) {
    const db = await this.db;
    const writing = db.transaction(STORE, 'readwrite');
    writing.objectStore(STORE).delete(clientId);
    await done(writing);
    await this.notify();
  }

  async markRefused(entry, message) {
    const db = await this.db;
    const writing = db.transaction(STORE, 'readwrite');
    writing.objectStore(STORE).put({ ...entry, state: 'refused', message });
    await done(writing);
    await this.notify();
  }

  // Sends the pending entries in order with `send(entry)` (a promise of the server's answer).
  // Stops at the first that cannot be delivered now (no network, 401, server error) and says why.
  // `onSaved(entry, answer)` and `onRefused(entry, error)` let the page show each outcome beside
  // its field; a refused entry (4xx) leaves the outbox only when onRefused returns true (the judge
  // is looking at the field that explains it), else it stays with its reason until dismissed.
  async flush(send, { onSaved, onRefused } = {}) {
    const run = async () => {
      for (const entry of await this.entries()) {
        if (entry.state !== 'pending') continue;
        try {
          const answer = await send(entry);
          await this.remove(entry.client_id);
          if (onSaved) onSaved(entry, answer);
        } catch (error) {
          if (error.status === 0 || error.status === 401 || error.status >= 500 ||
              error.status === 429) {
            return error;
          }
          if (onRefused && onRefused(entry, error)) await this.remove(entry.client_id);
          else await this.markRefused(entry, error.message);
        }
      }
      return null;
    };
    if (navigator.locks) return navigator.locks.request('skillscore-outbox-' + this.exam, run);
    return run();
  }
}
