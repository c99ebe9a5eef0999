-- A database of schema 5 made by skillscore 4dd20ad (main before the per-exam audit chains):
-- tests/e2e/data: rubric exam.yaml, exam T-2026-01 (candidates, judges, marks-provisional.csv),
-- rubric integrity/rubric.yaml, exam E1 (its people, integrity/marks.csv), a single mark of
-- T-2026-01 and the lock of E1 A1; 12 events in the global chain. Made by sqlite3 .dump.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE rubrics (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL,
  version     TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  title       TEXT NOT NULL,
  yaml        TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  UNIQUE (code, version)
);
INSERT INTO rubrics VALUES(1,'T-EXAM','1','62a8c7383bf456ed0d88b64c07ba90bf456f3fcfd45dc21b35908643f48a9a7e','Тестовый экзамен',replace('# A small demonstration-exam rubric for the end-to-end tests: every calculation once, two\n# judgement panels, two sections. Maxima add up to 10.\nformat: skillscore-rubric/1\ncode: "T-EXAM"\nversion: "1"\ntitle: "Тестовый экзамен"\nkind: exam\nmax: 10\n\nsections:\n  - { id: "1", title: "Организация работы", target: 4 }\n  - { id: "2", title: "Качество", target: 6 }\n\nmodules:\n  - id: A\n    title: "Вёрстка"\n    subcriteria:\n      - id: A1\n        title: "Страница"\n        aspects:\n          - type: measurement\n            text: "Разметка проходит валидацию"\n            section: "1"\n            max: 1.5\n          - type: measurement\n            text: "Реализованы все 4 блока"\n            section: "1"\n            max: 2.5\n            calculation: { number_completed: 4 }\n          - type: judgement\n            text: "Общее впечатление"\n            section: "2"\n            max: 3\n            levels:\n              0: "ниже стандарта"\n              1: "соответствует стандарту"\n              2: "превосходит в отдельном"\n              3: "полностью превосходит"\n  - id: B\n    title: "Тестирование"\n    subcriteria:\n      - id: B1\n        title: "Тесты"\n        aspects:\n          - type: measurement\n            text: "Ошибки в тестах"\n            section: "2"\n            max: 2\n            calculation:\n              choice:\n                - { label: "нет", deduct: 0 }\n                - { label: "немного", deduct: 50 }\n                - { label: "много", deduct: 100 }\n          - type: judgement\n            text: "Читаемость тестов"\n            section: "2"\n            max: 1\n            levels:\n              0: "ниже стандарта"\n              1: "соответствует стандарту"\n              2: "превосходит в отдельном"\n              3: "полностью превосходит"\n','\n',char(10)),'2026-12-06T22:15:22Z');
INSERT INTO rubrics VALUES(2,'LOCKS','1','c810c5c90f590fa1ce915e96a55b6efdb91a40cfa39bcd2031db8d1205ddb2bb','Sign-off',replace('# Two sub-criteria for the sign-off and audit tests (tests/e2e/integrity_test.cc).\nformat: skillscore-rubric/1\ncode: "LOCKS"\nversion: "1"\ntitle: "Sign-off"\nkind: exam\nmax: 6\nsections:\n  - { id: "1", title: "All" }\nmodules:\n  - id: A\n    title: "Work"\n    subcriteria:\n      - id: A1\n        title: "First"\n        day: 1\n        aspects:\n          - { type: measurement, text: "Done", section: "1", max: 1 }\n          - type: judgement\n            text: "Look"\n            section: "1"\n            max: 2\n            levels: { 0: "below", 1: "meets", 2: "exceeds in part", 3: "exceeds" }\n      - id: A2\n        title: "Second"\n        day: 1\n        aspects:\n          - type: measurement\n            text: "Parts"\n            section: "1"\n            max: 3\n            calculation: { number_completed: 4 }\n','\n',char(10)),'2026-12-06T22:15:22Z');
CREATE TABLE exams (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  rubric     INTEGER NOT NULL REFERENCES rubrics (id),
  date       TEXT NOT NULL,
  site       TEXT NOT NULL,
  chief      TEXT NOT NULL,
  created_at TEXT NOT NULL
, timezone TEXT NOT NULL DEFAULT '');
INSERT INTO exams VALUES(1,'T-2026-01',1,'','','','2026-12-06T22:15:22Z','Etc/UTC');
INSERT INTO exams VALUES(2,'E1',2,'','','K0','2026-12-06T22:15:22Z','Etc/UTC');
CREATE TABLE candidates (
  id           INTEGER PRIMARY KEY,
  exam         INTEGER NOT NULL REFERENCES exams (id),
  code         TEXT NOT NULL,
  name         TEXT NOT NULL,
  organization TEXT NOT NULL,
  status       TEXT NOT NULL
               CHECK (status IN ('present', 'absent', 'withdrawn', 'disqualified')),
  UNIQUE (exam, code)
);
INSERT INTO candidates VALUES(1,1,'C1','Иванов Иван','Колледж №1','present');
INSERT INTO candidates VALUES(2,1,'C2','Петрова Анна','Колледж №2','present');
INSERT INTO candidates VALUES(3,1,'C3','Smith, John','Колледж №1','present');
INSERT INTO candidates VALUES(4,1,'C4','Сидоров Пётр','Колледж №2','absent');
INSERT INTO candidates VALUES(5,2,'C1','Ann','College 1','present');
INSERT INTO candidates VALUES(6,2,'C2','Bob','College 2','absent');
CREATE TABLE judges (
  id           INTEGER PRIMARY KEY,
  exam         INTEGER NOT NULL REFERENCES exams (id),
  code         TEXT NOT NULL,
  name         TEXT NOT NULL,
  organization TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('expert', 'chief')),
  UNIQUE (exam, code)
);
INSERT INTO judges VALUES(1,1,'E1','Главный Эксперт','Центр','chief');
INSERT INTO judges VALUES(2,1,'E2','Эксперт Два','Колледж №2','expert');
INSERT INTO judges VALUES(3,1,'E3','Эксперт Три','Колледж №1','expert');
INSERT INTO judges VALUES(4,1,'E4','Эксперт Четыре','Центр','expert');
INSERT INTO judges VALUES(5,2,'J1','Jan','College 3','expert');
INSERT INTO judges VALUES(6,2,'J2','Jo','College 4','chief');
INSERT INTO judges VALUES(7,2,'J3','Jim','College 5','expert');
CREATE TABLE mark_batches (
  id          INTEGER PRIMARY KEY,
  exam        INTEGER NOT NULL REFERENCES exams (id),
  actor       TEXT NOT NULL,
  file        TEXT NOT NULL,
  entered_at  TEXT NOT NULL,
  first_entry INTEGER NOT NULL,
  rows        INTEGER NOT NULL,
  added       INTEGER NOT NULL,
  changed     INTEGER NOT NULL,
  unchanged   INTEGER NOT NULL
);
INSERT INTO mark_batches VALUES(1,1,'E1','marks-provisional.csv','2026-12-06T22:15:22Z',1,25,25,0,0);
INSERT INTO mark_batches VALUES(2,2,'J2','integrity/marks.csv','2026-12-06T22:15:22Z',26,4,4,0,0);
INSERT INTO mark_batches VALUES(3,1,'E1','','2026-12-06T22:15:26Z',30,1,0,1,0);
CREATE TABLE marks (
  candidate INTEGER NOT NULL,
  aspect    INTEGER NOT NULL,
  panel     INTEGER NOT NULL,
  judge     INTEGER NOT NULL,
  value     INTEGER,
  den       INTEGER NOT NULL CHECK (den > 0),
  entry     INTEGER NOT NULL,
  note      TEXT,
  PRIMARY KEY (candidate, aspect, panel),
  CHECK (panel = 0 OR panel = judge)
) WITHOUT ROWID;
INSERT INTO marks VALUES(1,1,0,1,4,1,30,'recounted');
INSERT INTO marks VALUES(1,2,1,1,2,1,2,NULL);
INSERT INTO marks VALUES(1,2,2,2,2,1,3,NULL);
INSERT INTO marks VALUES(1,2,4,4,3,1,4,NULL);
INSERT INTO marks VALUES(1,3,0,4,1,1,5,NULL);
INSERT INTO marks VALUES(1,4,1,1,3,1,6,NULL);
INSERT INTO marks VALUES(1,4,2,2,3,1,7,NULL);
INSERT INTO marks VALUES(1,4,4,4,3,1,8,NULL);
INSERT INTO marks VALUES(2,0,0,1,0,1,9,NULL);
INSERT INTO marks VALUES(2,1,0,1,4,1,10,NULL);
INSERT INTO marks VALUES(2,2,1,1,1,1,11,NULL);
INSERT INTO marks VALUES(2,2,3,3,2,1,12,NULL);
INSERT INTO marks VALUES(2,2,4,4,1,1,13,NULL);
INSERT INTO marks VALUES(2,3,0,4,0,1,14,NULL);
INSERT INTO marks VALUES(2,4,1,1,2,1,15,NULL);
INSERT INTO marks VALUES(2,4,3,3,2,1,16,NULL);
INSERT INTO marks VALUES(3,0,0,1,1,1,17,NULL);
INSERT INTO marks VALUES(3,1,0,1,NULL,1,18,'did not start');
INSERT INTO marks VALUES(3,2,1,1,1,1,19,NULL);
INSERT INTO marks VALUES(3,2,2,2,3,1,20,NULL);
INSERT INTO marks VALUES(3,2,4,4,3,1,21,NULL);
INSERT INTO marks VALUES(3,3,0,4,2,1,22,NULL);
INSERT INTO marks VALUES(3,4,1,1,3,1,23,NULL);
INSERT INTO marks VALUES(3,4,2,2,2,1,24,NULL);
INSERT INTO marks VALUES(3,4,4,4,3,1,25,NULL);
INSERT INTO marks VALUES(5,0,0,5,1,1,26,NULL);
INSERT INTO marks VALUES(5,1,5,5,2,1,27,NULL);
INSERT INTO marks VALUES(5,1,6,6,2,1,28,NULL);
INSERT INTO marks VALUES(5,1,7,7,3,1,29,NULL);
CREATE TABLE mark_history (
  candidate INTEGER NOT NULL,
  aspect    INTEGER NOT NULL,
  panel     INTEGER NOT NULL,
  judge     INTEGER NOT NULL,
  value     INTEGER,
  den       INTEGER NOT NULL,
  entry     INTEGER NOT NULL,
  note      TEXT,
  PRIMARY KEY (candidate, aspect, panel, entry)
) WITHOUT ROWID;
INSERT INTO mark_history VALUES(1,1,0,1,3,1,1,NULL);
CREATE TABLE audit_events (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  exam        TEXT NOT NULL,
  subject     TEXT NOT NULL,
  old_value   TEXT NOT NULL,
  new_value   TEXT NOT NULL,
  reason      TEXT NOT NULL,
  first_entry INTEGER,
  entries     INTEGER,
  state       TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
INSERT INTO audit_events VALUES(1,'2026-12-06T22:15:22Z','E1','rubric import','','T-EXAM@1','','62a8c7383bf456ed0d88b64c07ba90bf456f3fcfd45dc21b35908643f48a9a7e','',NULL,NULL,'ce30a7f5a2b85d36ce459fdebdf5207f674ead88259eb45ffce2b22036e5d1db','0000000000000000000000000000000000000000000000000000000000000000','c7a3cda493273dcf4851bae5ad486595e32a1bb3345f64d20fc57b02fcc40607');
INSERT INTO audit_events VALUES(2,'2026-12-06T22:15:22Z','E1','exam create','T-2026-01','T-2026-01','','T-EXAM@1','',NULL,NULL,'bdce7a606ceb3cba3d912671a60a7063e6b07ecaca22f392109769e0a979fd40','c7a3cda493273dcf4851bae5ad486595e32a1bb3345f64d20fc57b02fcc40607','acf7bcce6eba876584837196bd89d5e55822c9fba1500fda090176cb56361356');
INSERT INTO audit_events VALUES(3,'2026-12-06T22:15:22Z','E1','candidates import','T-2026-01','','','added 4, changed 0, unchanged 0','',NULL,NULL,'8dee59bfa3bea97e4cd34a72719e6d282816eb5f404e33e876731c05a86d97e8','acf7bcce6eba876584837196bd89d5e55822c9fba1500fda090176cb56361356','0cf68eb80c0952b8667d909816168c289d9ffd12cd15bb21dc724d852a51330d');
INSERT INTO audit_events VALUES(4,'2026-12-06T22:15:22Z','E1','judges import','T-2026-01','','','added 4, changed 0, unchanged 0','',NULL,NULL,'66b2e4b1028744cd79b930f0e03ee859fdcdaec43992201451049c20009a7580','0cf68eb80c0952b8667d909816168c289d9ffd12cd15bb21dc724d852a51330d','4a86ffc09dd94e4ebb3c279b50b5c9b6a6b5ac22286dd1f45d9fbb2aa8fee7be');
INSERT INTO audit_events VALUES(5,'2026-12-06T22:15:22Z','E1','marks import','T-2026-01','marks-provisional.csv','','added 25, changed 0, unchanged 0','',1,25,'558935282828f3429b8669b9456c2065c7b4276f9807ef07a61749b29a87313b','4a86ffc09dd94e4ebb3c279b50b5c9b6a6b5ac22286dd1f45d9fbb2aa8fee7be','9eca2733be87ab5b22c24b2c1b0a127019c6e249002d360fe81156c00175d770');
INSERT INTO audit_events VALUES(6,'2026-12-06T22:15:22Z','J2','rubric import','','LOCKS@1','','c810c5c90f590fa1ce915e96a55b6efdb91a40cfa39bcd2031db8d1205ddb2bb','',NULL,NULL,'d4c7a914ed12b8939c4a2d91cf6277b87f1ce0a143948236de7108e8c321874d','9eca2733be87ab5b22c24b2c1b0a127019c6e249002d360fe81156c00175d770','b5f3867cd509d19b4d1cd30039e7a5f5a4f7f7ed5d0cd25ce87b8243f3aacfda');
INSERT INTO audit_events VALUES(7,'2026-12-06T22:15:22Z','J2','exam create','E1','E1','','LOCKS@1','',NULL,NULL,'6f48136235d92f4bd24d2fadb8d9d74f740c0fb4afef07ce39194e4c604d376d','b5f3867cd509d19b4d1cd30039e7a5f5a4f7f7ed5d0cd25ce87b8243f3aacfda','a5576b6e2e4bf9489c4f62752d92b723d5399a6959e0a6e76b2eabb6e4346e1d');
INSERT INTO audit_events VALUES(8,'2026-12-06T22:15:22Z','K0','candidates import','E1','','','added 2, changed 0, unchanged 0','',NULL,NULL,'ad36a802e54b890bfbea9f42a0bbc9352d2b170c3c69bdc609e843317be77cbf','a5576b6e2e4bf9489c4f62752d92b723d5399a6959e0a6e76b2eabb6e4346e1d','87a1ef9b45328daaf8496fc7883ed9940b14b2f7706bbb82ae241a6aabde7b5e');
INSERT INTO audit_events VALUES(9,'2026-12-06T22:15:22Z','K0','judges import','E1','','','added 3, changed 0, unchanged 0','',NULL,NULL,'a628e65b9d1a0d8ea92112250858b80fc49754cb47b6d56aaa284649e3af9460','87a1ef9b45328daaf8496fc7883ed9940b14b2f7706bbb82ae241a6aabde7b5e','8f317c044f922dc8260475d03a15c4a43b340115348dd939e3b3f5653071a382');
INSERT INTO audit_events VALUES(10,'2026-12-06T22:15:22Z','J2','marks import','E1','integrity/marks.csv','','added 4, changed 0, unchanged 0','',26,4,'c6080816fd17bcf24c1a7a9d8932a4bc442b37ec32afd7548e0119f12401b0e4','8f317c044f922dc8260475d03a15c4a43b340115348dd939e3b3f5653071a382','ee3f34d8ff95570c9af21108641c718cf1ddaf78f48f9797cc30dc1ac21aeec2');
INSERT INTO audit_events VALUES(11,'2026-12-06T22:15:23Z','K0','lock','E1','A1','','','',NULL,NULL,'1bd97714a35dd71b2166e173c19ed87d4b8c707b80e545dc602077b285dff12f','ee3f34d8ff95570c9af21108641c718cf1ddaf78f48f9797cc30dc1ac21aeec2','cda5b43a6d313c2208ce385b18476ffb9ef38441b86e1d1b730bf9ec41ab9fcb');
INSERT INTO audit_events VALUES(12,'2026-12-06T22:15:26Z','E1','mark','T-2026-01','','','added 0, changed 1, unchanged 0','recounted',30,1,'ca8aa9a028d0205e5b0b3d30182030e0dc1857837736f76e69b0de788b7ae48d','cda5b43a6d313c2208ce385b18476ffb9ef38441b86e1d1b730bf9ec41ab9fcb','32cdd24eb5b7b32e7ccf4ee169e867ebbed4577448b16b287201eb51b81c9abb');
CREATE TABLE locks (
  exam         INTEGER NOT NULL REFERENCES exams (id),
  subcriterion TEXT NOT NULL,
  locked_by    TEXT NOT NULL,
  locked_at    TEXT NOT NULL,
  PRIMARY KEY (exam, subcriterion)
) WITHOUT ROWID;
INSERT INTO locks VALUES(2,'A1','K0','2026-12-06T22:15:23Z');
CREATE TABLE passports (
  number         TEXT PRIMARY KEY,
  exam           INTEGER NOT NULL REFERENCES exams (id),
  candidate      TEXT NOT NULL,
  record         TEXT NOT NULL,
  marks_sha256   TEXT NOT NULL,
  rubric_sha256  TEXT NOT NULL,
  issued_at      TEXT NOT NULL,
  supersedes     TEXT REFERENCES passports (number),
  revoked_at     TEXT,
  revoked_by     TEXT,
  revoked_reason TEXT
);
CREATE TABLE IF NOT EXISTS "rubric_aspects" (
  rubric       INTEGER NOT NULL REFERENCES rubrics (id),
  ordinal      INTEGER NOT NULL,
  code         TEXT NOT NULL,
  subcriterion TEXT NOT NULL,
  judgement    INTEGER NOT NULL CHECK (judgement IN (0, 1)),
  slot         INTEGER NOT NULL CHECK (slot >= 0),
  PRIMARY KEY (rubric, ordinal),
  UNIQUE (rubric, code),
  UNIQUE (rubric, slot)
) WITHOUT ROWID;
INSERT INTO rubric_aspects VALUES(1,0,'A1.1','A1',0,0);
INSERT INTO rubric_aspects VALUES(1,1,'A1.2','A1',0,1);
INSERT INTO rubric_aspects VALUES(1,2,'A1.3','A1',1,2);
INSERT INTO rubric_aspects VALUES(1,3,'B1.1','B1',0,3);
INSERT INTO rubric_aspects VALUES(1,4,'B1.2','B1',1,4);
INSERT INTO rubric_aspects VALUES(2,0,'A1.1','A1',0,0);
INSERT INTO rubric_aspects VALUES(2,1,'A1.2','A1',1,1);
INSERT INTO rubric_aspects VALUES(2,2,'A2.1','A2',0,2);
CREATE TRIGGER candidates_keep_marked BEFORE DELETE ON candidates
WHEN EXISTS (SELECT 1 FROM marks WHERE candidate = OLD.id)
  OR EXISTS (SELECT 1 FROM mark_history WHERE candidate = OLD.id) BEGIN
  SELECT RAISE(ABORT, 'a candidate with marks cannot be deleted');
END;
CREATE TRIGGER judges_keep_marked BEFORE DELETE ON judges
WHEN EXISTS (SELECT 1 FROM marks WHERE judge = OLD.id)
  OR EXISTS (SELECT 1 FROM mark_history WHERE judge = OLD.id) BEGIN
  SELECT RAISE(ABORT, 'a judge with marks cannot be deleted');
END;
CREATE TRIGGER marks_keep_replaced AFTER UPDATE ON marks BEGIN
  INSERT INTO mark_history (candidate, aspect, panel, judge, value, den, entry, note)
  VALUES (OLD.candidate, OLD.aspect, OLD.panel, OLD.judge, OLD.value, OLD.den, OLD.entry,
          OLD.note);
END;
CREATE INDEX audit_events_by_exam ON audit_events (exam, id);
CREATE TRIGGER audit_events_keep_events BEFORE UPDATE ON audit_events BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: its events cannot be changed');
END;
CREATE TRIGGER audit_events_keep_all BEFORE DELETE ON audit_events BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: its events cannot be deleted');
END;
CREATE TRIGGER mark_history_keep_entries BEFORE UPDATE ON mark_history BEGIN
  SELECT RAISE(ABORT, 'the mark history is append-only: its entries cannot be changed');
END;
CREATE TRIGGER mark_history_keep_all BEFORE DELETE ON mark_history BEGIN
  SELECT RAISE(ABORT, 'the mark history is append-only: its entries cannot be deleted');
END;
CREATE TRIGGER marks_keep_all BEFORE DELETE ON marks BEGIN
  SELECT RAISE(ABORT, 'marks cannot be deleted: enter a new value instead');
END;
CREATE INDEX passports_by_exam ON passports (exam, candidate);
CREATE TRIGGER passports_keep_all BEFORE DELETE ON passports BEGIN
  SELECT RAISE(ABORT, 'passports cannot be deleted: revoke them instead');
END;
COMMIT;
PRAGMA user_version = 5;
PRAGMA application_id = 1397445443;
