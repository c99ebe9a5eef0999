// The schema of the PostgreSQL store, by numbered migrations.
//
// Migration 1 (what SQLite reached in five; the same tables, the same meaning):
//   skillscore_schema  one row: the schema version; its presence marks the database as ours
//   rubrics, rubric_aspects (with slots), exams (with time zone and the exam's entry counter),
//   candidates, judges, mark_batches, marks, mark_history, locks, passports
//   audit_chains       one row per audit chain: its number of events and its head hash; a writer
//                      locks it (FOR UPDATE) to append, so that a chain never forks
//   audit_events       the hash-chained events, keyed by (chain, number); `appended` orders
//                      them across chains (as written), for history and for reporting problems
// A chief expert's withdrawal of a mark leaves it in marks as a tombstone (withdrawn, its entry and
// note those of the withdrawal) that no longer counts; the value it replaced goes to mark_history
// as any other.
// Text that is sorted (ids, codes, sub-criteria, passport numbers, notes) has the "C" collation,
// so that lists and digests come in byte order, as on SQLite, whatever the server's locale.
//
// Migration 2 adds credentials (pg_credentials.h): judge_credentials (at most one unrevoked code
// per judge), exam_pin_rules and administrators, whose rows are never deleted.
//
// Append-only rules live in the database: triggers refuse UPDATE, DELETE and TRUNCATE of
// audit_events and mark_history, DELETE of marks and passports, and DELETE of a candidate or judge
// who has marks (docs/postgresql.md adds a role without UPDATE or DELETE rights on them).
//
// Migration 3 adds marking groups (marking_groups.h): judges.subcriteria.
//
// Migration 4 adds exams.roster_generation, raised once per transaction by triggers whenever an
// exam's row, candidates, judges or locks change (pg_roster.h).
//
// Released migrations are never edited: a change to the schema is a new migration appended here.
#include "pg_schema.h"

#include <array>
#include <string>

#include "pg_roster.h"
#include "skillscore/i18n.h"

namespace skillscore::pg {
namespace {

constexpr std::array<const char*, 4> kMigrations = {
    R"sql(
CREATE TABLE skillscore_schema (version integer NOT NULL);
INSERT INTO skillscore_schema (version) VALUES (0);
CREATE TABLE rubrics (
  id          bigserial PRIMARY KEY,
  code        text COLLATE "C" NOT NULL,
  version     text COLLATE "C" NOT NULL,
  sha256      text NOT NULL,
  title       text NOT NULL,
  yaml        text NOT NULL,
  imported_at text NOT NULL,
  UNIQUE (code, version)
);
CREATE TABLE rubric_aspects (
  rubric       bigint NOT NULL REFERENCES rubrics (id),
  ordinal      integer NOT NULL,
  code         text COLLATE "C" NOT NULL,
  subcriterion text COLLATE "C" NOT NULL,
  judgement    boolean NOT NULL,
  slot         integer NOT NULL CHECK (slot >= 0),
  PRIMARY KEY (rubric, ordinal),
  UNIQUE (rubric, code),
  UNIQUE (rubric, slot)
);
CREATE TABLE exams (
  id         bigserial PRIMARY KEY,
  code       text COLLATE "C" NOT NULL UNIQUE,
  rubric     bigint NOT NULL REFERENCES rubrics (id),
  date       text NOT NULL,
  site       text NOT NULL,
  chief      text NOT NULL,
  created_at text NOT NULL,
  timezone   text NOT NULL DEFAULT '',
  next_entry bigint NOT NULL DEFAULT 1
);
CREATE TABLE candidates (
  id           bigserial PRIMARY KEY,
  exam         bigint NOT NULL REFERENCES exams (id),
  code         text COLLATE "C" NOT NULL,
  name         text NOT NULL,
  organization text NOT NULL,
  status       text NOT NULL CHECK (status IN ('present', 'absent', 'withdrawn', 'disqualified')),
  UNIQUE (exam, code)
);
CREATE TABLE judges (
  id           bigserial PRIMARY KEY,
  exam         bigint NOT NULL REFERENCES exams (id),
  code         text COLLATE "C" NOT NULL,
  name         text NOT NULL,
  organization text NOT NULL,
  role         text NOT NULL CHECK (role IN ('expert', 'chief')),
  UNIQUE (exam, code)
);
CREATE TABLE mark_batches (
  id          bigserial PRIMARY KEY,
  exam        bigint NOT NULL REFERENCES exams (id),
  actor       text NOT NULL,
  file        text NOT NULL,
  entered_at  text NOT NULL,
  first_entry bigint NOT NULL,
  rows        bigint NOT NULL,
  added       bigint NOT NULL,
  changed     bigint NOT NULL,
  unchanged   bigint NOT NULL
);
CREATE TABLE marks (
  candidate bigint NOT NULL,
  aspect    integer NOT NULL,
  panel     bigint NOT NULL,
  judge     bigint NOT NULL,
  value     bigint,
  den       bigint NOT NULL CHECK (den > 0),
  entry     bigint NOT NULL,
  note      text COLLATE "C",
  withdrawn boolean NOT NULL DEFAULT false,
  PRIMARY KEY (candidate, aspect, panel),
  CHECK (panel = 0 OR panel = judge)
);
CREATE TABLE mark_history (
  candidate bigint NOT NULL,
  aspect    integer NOT NULL,
  panel     bigint NOT NULL,
  judge     bigint NOT NULL,
  value     bigint,
  den       bigint NOT NULL,
  entry     bigint NOT NULL,
  note      text COLLATE "C",
  withdrawn boolean NOT NULL DEFAULT false,
  PRIMARY KEY (candidate, aspect, panel, entry)
);
CREATE TABLE locks (
  exam         bigint NOT NULL REFERENCES exams (id),
  subcriterion text COLLATE "C" NOT NULL,
  locked_by    text NOT NULL,
  locked_at    text NOT NULL,
  PRIMARY KEY (exam, subcriterion)
);
CREATE TABLE passports (
  number         text COLLATE "C" PRIMARY KEY,
  exam           bigint NOT NULL REFERENCES exams (id),
  candidate      text COLLATE "C" NOT NULL,
  record         text NOT NULL,
  marks_sha256   text NOT NULL,
  rubric_sha256  text NOT NULL,
  issued_at      text NOT NULL,
  supersedes     text COLLATE "C" REFERENCES passports (number),
  revoked_at     text,
  revoked_by     text,
  revoked_reason text,
  issued         bigserial NOT NULL
);
CREATE INDEX passports_by_exam ON passports (exam, issued);
CREATE TABLE audit_chains (
  chain  text COLLATE "C" PRIMARY KEY,
  events bigint NOT NULL,
  head   text NOT NULL
);
CREATE TABLE audit_events (
  chain       text COLLATE "C" NOT NULL,
  id          bigint NOT NULL,
  at          text NOT NULL,
  actor       text NOT NULL,
  action      text NOT NULL,
  exam        text COLLATE "C" NOT NULL,
  subject     text NOT NULL,
  old_value   text NOT NULL,
  new_value   text NOT NULL,
  reason      text NOT NULL,
  first_entry bigint,
  entries     bigint,
  state       text NOT NULL,
  prev_hash   text NOT NULL,
  hash        text NOT NULL,
  appended    bigserial NOT NULL UNIQUE,
  PRIMARY KEY (chain, id)
);
CREATE INDEX audit_events_by_exam ON audit_events (exam, appended);

CREATE FUNCTION skillscore_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END $$;
CREATE FUNCTION skillscore_keep_replaced_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO mark_history (candidate, aspect, panel, judge, value, den, entry, note, withdrawn)
  VALUES (OLD.candidate, OLD.aspect, OLD.panel, OLD.judge, OLD.value, OLD.den, OLD.entry, OLD.note,
          OLD.withdrawn);
  RETURN NULL;
END $$;
CREATE FUNCTION skillscore_keep_marked_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM marks WHERE candidate = OLD.id OR judge = OLD.id)
     OR EXISTS (SELECT 1 FROM mark_history WHERE candidate = OLD.id OR judge = OLD.id) THEN
    RAISE EXCEPTION 'a % with marks cannot be deleted', TG_ARGV[0]
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER marks_keep_replaced AFTER UPDATE ON marks
  FOR EACH ROW EXECUTE FUNCTION skillscore_keep_replaced_mark();
CREATE TRIGGER marks_keep_all BEFORE DELETE ON marks
  FOR EACH ROW EXECUTE FUNCTION skillscore_refuse('marks cannot be deleted: enter a new value instead');
CREATE TRIGGER marks_keep_all_truncate BEFORE TRUNCATE ON marks
  FOR EACH STATEMENT EXECUTE FUNCTION skillscore_refuse('marks cannot be deleted: enter a new value instead');
CREATE TRIGGER mark_history_keep_all BEFORE UPDATE OR DELETE ON mark_history
  FOR EACH ROW EXECUTE FUNCTION skillscore_refuse('the mark history is append-only: its entries cannot be changed or deleted');
CREATE TRIGGER mark_history_keep_all_truncate BEFORE TRUNCATE ON mark_history
  FOR EACH STATEMENT EXECUTE FUNCTION skillscore_refuse('the mark history is append-only: its entries cannot be changed or deleted');
CREATE TRIGGER audit_events_keep_all BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION skillscore_refuse('the audit log is append-only: its events cannot be changed or deleted');
CREATE TRIGGER audit_events_keep_all_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION skillscore_refuse('the audit log is append-only: its events cannot be changed or deleted');
CREATE TRIGGER passports_keep_all BEFORE DELETE ON passports
  FOR EACH ROW EXECUTE FUNCTION skillscore_refuse('passports cannot be deleted: revoke them instead');
CREATE TRIGGER candidates_keep_marked BEFORE DELETE ON candidates
  FOR EACH ROW EXECUTE FUNCTION skillscore_keep_marked_person('candidate');
CREATE TRIGGER judges_keep_marked BEFORE DELETE ON judges
  FOR EACH ROW EXECUTE FUNCTION skillscore_keep_marked_person('judge');
)sql",
    R"sql(
CREATE TABLE judge_credentials (
  number         bigserial PRIMARY KEY,
  exam           bigint NOT NULL REFERENCES exams (id),
  judge          bigint NOT NULL REFERENCES judges (id),
  hash           text NOT NULL,
  issued_at      text NOT NULL,
  issued_by      text NOT NULL,
  revoked_at     text,
  revoked_by     text,
  revoked_reason text
);
CREATE UNIQUE INDEX judge_credentials_current ON judge_credentials (judge)
  WHERE revoked_at IS NULL;
CREATE INDEX judge_credentials_by_exam ON judge_credentials (exam, number);
CREATE TRIGGER judge_credentials_keep_all BEFORE DELETE ON judge_credentials
  FOR EACH ROW EXECUTE FUNCTION skillscore_refuse('sign-in codes cannot be deleted: revoke them instead');
CREATE TABLE exam_pin_rules (
  exam bigint PRIMARY KEY REFERENCES exams (id)
);
CREATE TABLE administrators (
  name       text COLLATE "C" PRIMARY KEY,
  hash       text NOT NULL,
  created_at text NOT NULL,
  created_by text NOT NULL
);
CREATE TRIGGER administrators_keep_all BEFORE DELETE ON administrators
  FOR EACH ROW EXECUTE FUNCTION skillscore_refuse('administrators cannot be deleted');
)sql",
    // Marking groups (marking_groups.h): each judge's sub-criteria as JoinSubcriteria stores
    // them ("B1 B2"; empty: in no group).
    R"sql(
ALTER TABLE judges ADD COLUMN subcriteria text NOT NULL DEFAULT '';
)sql",
    kRosterGenerationMigration,
};

// The advisory lock that makes openers of one database apply migrations one at a time.
constexpr std::int64_t kMigrationLock = 0x534B5343;  // "SKSC"

std::optional<std::int64_t> SchemaVersion(Connection& db) {
  Result table = db.Exec(
      "SELECT count(*) FILTER (WHERE tablename = 'skillscore_schema'), count(*) FROM pg_tables "
      "WHERE schemaname = current_schema()");
  if (table.Int(0, 0) == 0) {
    if (table.Int(0, 1) == 0) return 0;  // an empty database: ours to set up
    return std::nullopt;                 // another application's
  }
  return db.Exec("SELECT version FROM skillscore_schema").Int(0, 0);
}

}  // namespace

std::optional<StoreError> Migrate(Connection& db) {
  const auto latest = static_cast<std::int64_t>(kMigrations.size());
  auto refuse = [&](std::string message) {
    return StoreError{StoreError::Kind::kStorage, std::move(message)};
  };
  if (SchemaVersion(db) == latest) return std::nullopt;
  Transaction transaction(db, Transaction::Mode::kWrite);
  db.Exec("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
  std::optional<std::int64_t> version = SchemaVersion(db);  // as the previous opener left it
  if (!version) {
    return refuse(
        Tr("{0} is not a skillscore database: it holds other tables and no "
           "skillscore_schema",
           db.server()));
  }
  if (*version > latest) {
    return refuse(
        Tr("database {0} has schema version {1}, newer than this program knows ({2}): "
           "use a newer skillscore",
           db.server(), *version, latest));
  }
  for (std::int64_t v = *version; v < latest; ++v) db.Execute(kMigrations[v]);
  db.Exec("UPDATE skillscore_schema SET version = $1", latest);
  transaction.Commit();
  return std::nullopt;
}

}  // namespace skillscore::pg
