// Credentials in the SQLite store (sqlite_credentials.h).
#include "sqlite_credentials.h"

#include <fmt/format.h>

#include <unordered_set>

#include "skillscore/audit_chain.h"
#include "skillscore/i18n.h"
#include "sqlite_values.h"

namespace skillscore::sqlite {

const char kCredentialsMigration[] = R"sql(
CREATE TABLE judge_credentials (
  number         INTEGER PRIMARY KEY,
  exam           INTEGER NOT NULL REFERENCES exams (id),
  judge          INTEGER NOT NULL REFERENCES judges (id),
  hash           TEXT NOT NULL,
  issued_at      TEXT NOT NULL,
  issued_by      TEXT NOT NULL,
  revoked_at     TEXT,
  revoked_by     TEXT,
  revoked_reason TEXT
);
CREATE UNIQUE INDEX judge_credentials_current ON judge_credentials (judge)
  WHERE revoked_at IS NULL;
CREATE INDEX judge_credentials_by_exam ON judge_credentials (exam, number);
CREATE TRIGGER judge_credentials_keep_all BEFORE DELETE ON judge_credentials BEGIN
  SELECT RAISE(ABORT, 'sign-in codes cannot be deleted: revoke them instead');
END;
CREATE TABLE exam_pin_rules (
  exam INTEGER PRIMARY KEY REFERENCES exams (id)
);
CREATE TABLE administrators (
  name       TEXT PRIMARY KEY,
  hash       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE TRIGGER administrators_keep_all BEFORE DELETE ON administrators BEGIN
  SELECT RAISE(ABORT, 'administrators cannot be deleted');
END;
)sql";

namespace {

constexpr char kSelectCredentials[] =
    "SELECT c.number, j.code, c.hash, c.issued_at, c.issued_by, c.revoked_at, c.revoked_by, "
    "c.revoked_reason FROM judge_credentials c JOIN judges j ON j.id = c.judge ";

StoredCredential ReadCredential(const Statement& row) {
  auto optional = [&](int column) {
    return row.IsNull(column) ? std::nullopt : std::optional<std::string>(row.Text(column));
  };
  return StoredCredential{row.Int(0),  row.Text(1), row.Text(2), row.Text(3),
                          row.Text(4), optional(5), optional(6), optional(7)};
}

}  // namespace

std::string CredentialsState(Database& db, std::int64_t exam_id) {
  // An exam without a PIN rule and codes has the digest of nothing, as one without people.
  audit::Digest digest;
  Statement rule = db.Prepare("SELECT 1 FROM exam_pin_rules WHERE exam = ?1");
  rule.Bind(1, exam_id);
  if (rule.Step()) digest.Add("pins required");
  Statement codes = db.Prepare(
      "SELECT c.number, j.code, c.hash, c.issued_at, c.issued_by, coalesce(c.revoked_at, ''), "
      "coalesce(c.revoked_by, ''), coalesce(c.revoked_reason, '') FROM judge_credentials c "
      "JOIN judges j ON j.id = c.judge WHERE c.exam = ?1 ORDER BY c.number");
  codes.Bind(1, exam_id);
  while (codes.Step()) {
    digest.Add(codes.Int(0));
    for (int column = 1; column < 8; ++column) digest.Add(codes.Text(column));
  }
  return digest.Hex();
}

std::string AdminsState(Database& db) {
  audit::Digest digest;
  Statement admins =
      db.Prepare("SELECT name, hash, created_at, created_by FROM administrators ORDER BY name");
  while (admins.Step()) {
    for (int column = 0; column < 4; ++column) digest.Add(admins.Text(column));
  }
  return digest.Hex();
}

std::optional<std::int64_t> CredentialTables::JudgeRow(const CredentialExam& exam,
                                                       std::string_view judge) {
  Statement query = db_.Prepare("SELECT id FROM judges WHERE exam = ?1 AND code = ?2");
  query.Bind(1, exam.id).Bind(2, judge);
  if (!query.Step()) return std::nullopt;
  return query.Int(0);
}

std::optional<std::int64_t> CredentialTables::RevokeCurrent(std::int64_t judge_row,
                                                            const ChiefAction& action,
                                                            const std::string& now) {
  Statement current =
      db_.Prepare("SELECT number FROM judge_credentials WHERE judge = ?1 AND revoked_at IS NULL");
  current.Bind(1, judge_row);
  if (!current.Step()) return std::nullopt;
  std::int64_t number = current.Int(0);
  Statement revoke = db_.Prepare(
      "UPDATE judge_credentials SET revoked_at = ?2, revoked_by = ?3, revoked_reason = ?4 "
      "WHERE number = ?1");
  revoke.Bind(1, number).Bind(2, now).Bind(3, action.actor).Bind(4, action.reason);
  revoke.Run();
  return number;
}

void CredentialTables::AppendExamEvent(const CredentialExam& exam, const char* action,
                                       const std::string& subject, const std::string& new_value,
                                       const ChiefAction& who, const std::string& now) {
  audit::Event event{.at = now,
                     .actor = who.actor,
                     .action = action,
                     .exam = exam.code,
                     .subject = subject,
                     .new_value = new_value,
                     .reason = who.reason,
                     .state = CredentialsState(db_, exam.id)};
  log_.Append(event);
}

StoreResult<std::vector<std::int64_t>> CredentialTables::StoreCodes(
    const CredentialExam& exam, std::span<const NewCredential> codes, const ChiefAction& action,
    const std::string& now) {
  std::vector<std::int64_t> rows;
  std::unordered_set<std::string_view> seen;
  for (const NewCredential& code : codes) {
    auto row = JudgeRow(exam, code.judge);
    if (!row) {
      return Refuse(StoreError::Kind::kInvalidInput,
                    Tr("judge {0} is not registered in exam {1}", code.judge, exam.code));
    }
    if (!seen.insert(code.judge).second) {
      return Refuse(StoreError::Kind::kInvalidInput,
                    Tr("judge {0} is named more than once", code.judge));
    }
    rows.push_back(*row);
  }
  std::vector<std::int64_t> numbers;
  Statement insert = db_.Prepare(
      "INSERT INTO judge_credentials (exam, judge, hash, issued_at, issued_by) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  for (std::size_t i = 0; i < codes.size(); ++i) {
    auto replaced = RevokeCurrent(rows[i], {action.actor, "replaced by a new code"}, now);
    insert.Bind(1, exam.id).Bind(2, rows[i]).Bind(3, codes[i].hash).Bind(4, now);
    insert.Bind(5, action.actor);
    insert.Run();
    insert.Reset();
    numbers.push_back(db_.LastInsertRowid());
    // Audit values are data, not messages: the same words whatever the language.
    std::string what = replaced
                           ? fmt::format("credential {}, replacing {}", numbers.back(), *replaced)
                           : fmt::format("credential {}", numbers.back());
    AppendExamEvent(exam, audit::kCodeIssue, codes[i].judge, what, {action.actor, action.reason},
                    now);
  }
  return numbers;
}

StoreResult<StoredCredential> CredentialTables::RevokeCode(const CredentialExam& exam,
                                                           std::string_view judge,
                                                           const ChiefAction& action,
                                                           const std::string& now) {
  auto row = JudgeRow(exam, judge);
  if (!row) {
    return Refuse(StoreError::Kind::kNotFound,
                  Tr("judge {0} is not registered in exam {1}", judge, exam.code));
  }
  auto number = RevokeCurrent(*row, action, now);
  if (!number) {
    return Refuse(StoreError::Kind::kNotFound,
                  Tr("judge {0} of exam {1} has no sign-in code in force", judge, exam.code));
  }
  AppendExamEvent(exam, audit::kCodeRevoke, std::string(judge),
                  fmt::format("credential {}", *number), action, now);
  Statement query =
      db_.Prepare(std::string(kSelectCredentials).append("WHERE c.number = ?1").c_str());
  query.Bind(1, *number);
  query.Step();
  return ReadCredential(query);
}

std::vector<StoredCredential> CredentialTables::ListCodes(const CredentialExam& exam) {
  Statement query = db_.Prepare(
      std::string(kSelectCredentials).append("WHERE c.exam = ?1 ORDER BY c.number").c_str());
  query.Bind(1, exam.id);
  std::vector<StoredCredential> codes;
  while (query.Step()) codes.push_back(ReadCredential(query));
  return codes;
}

std::optional<StoredCredential> CredentialTables::CurrentCode(const CredentialExam& exam,
                                                              std::string_view judge) {
  Statement query =
      db_.Prepare(std::string(kSelectCredentials)
                      .append("WHERE c.exam = ?1 AND j.code = ?2 AND c.revoked_at IS NULL")
                      .c_str());
  query.Bind(1, exam.id).Bind(2, judge);
  if (!query.Step()) return std::nullopt;
  return ReadCredential(query);
}

bool CredentialTables::PinRequired(const CredentialExam& exam) {
  Statement query = db_.Prepare("SELECT 1 FROM exam_pin_rules WHERE exam = ?1");
  query.Bind(1, exam.id);
  return query.Step();
}

Change CredentialTables::SetPinRequired(const CredentialExam& exam, bool required,
                                        const ChiefAction& action, const std::string& now) {
  if (PinRequired(exam) == required) return Change::kUnchanged;
  Statement change = db_.Prepare(required ? "INSERT INTO exam_pin_rules (exam) VALUES (?1)"
                                          : "DELETE FROM exam_pin_rules WHERE exam = ?1");
  change.Bind(1, exam.id);
  change.Run();
  audit::Event event{.at = now,
                     .actor = action.actor,
                     .action = audit::kPinRule,
                     .exam = exam.code,
                     .subject = exam.code,
                     .old_value = required ? "not required" : "required",
                     .new_value = required ? "required" : "not required",
                     .reason = action.reason,
                     .state = CredentialsState(db_, exam.id)};
  log_.Append(event);
  return Change::kChanged;
}

StoreResult<void> CredentialTables::CreateAdmin(const StoredAdmin& admin, bool only_first,
                                                const std::string& now) {
  if (only_first && CountAdmins() > 0) {
    return Refuse(StoreError::Kind::kConflict,
                  Tr("an administrator exists already; only an administrator may add another"));
  }
  if (GetAdmin(admin.name)) {
    return Refuse(StoreError::Kind::kConflict, Tr("administrator {0} exists already", admin.name));
  }
  Statement insert = db_.Prepare(
      "INSERT INTO administrators (name, hash, created_at, created_by) VALUES (?1, ?2, ?3, ?4)");
  insert.Bind(1, admin.name).Bind(2, admin.hash).Bind(3, now).Bind(4, admin.created_by);
  insert.Run();
  audit::Event event{.chain = audit::kAdminChain,
                     .at = now,
                     .actor = admin.created_by,
                     .action = audit::kAdminCreate,
                     .subject = admin.name,
                     .new_value = admin.name,
                     .state = AdminsState(db_)};
  log_.Append(event);
  return {};
}

std::optional<StoredAdmin> CredentialTables::GetAdmin(std::string_view name) {
  Statement query =
      db_.Prepare("SELECT name, hash, created_at, created_by FROM administrators WHERE name = ?1");
  query.Bind(1, name);
  if (!query.Step()) return std::nullopt;
  return StoredAdmin{query.Text(0), query.Text(1), query.Text(2), query.Text(3)};
}

std::size_t CredentialTables::CountAdmins() {
  return static_cast<std::size_t>(db_.QueryInt("SELECT count(*) FROM administrators"));
}

}  // namespace skillscore::sqlite
