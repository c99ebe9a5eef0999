// Credentials in the SQLite store (sqlite_credentials.h).
#include "sqlite_credentials.h"

#include "skillscore/audit_chain.h"

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

namespace {

// This store's rows of credentials, for the rules of credential_rules.h.
class SqliteCredentialRows final : public store_common::CredentialRows {
 public:
  SqliteCredentialRows(Database& db, audit::AuditLog& log) : db_(db), log_(log) {}

  std::optional<std::int64_t> JudgeRow(std::int64_t exam, std::string_view judge) override {
    Statement query = db_.Prepare("SELECT id FROM judges WHERE exam = ?1 AND code = ?2");
    query.Bind(1, exam).Bind(2, judge);
    if (!query.Step()) return std::nullopt;
    return query.Int(0);
  }

  std::optional<std::int64_t> CurrentNumber(std::int64_t judge_row) override {
    Statement current =
        db_.Prepare("SELECT number FROM judge_credentials WHERE judge = ?1 AND revoked_at IS NULL");
    current.Bind(1, judge_row);
    if (!current.Step()) return std::nullopt;
    return current.Int(0);
  }

  void Revoke(std::int64_t number, const ChiefAction& action, const std::string& now) override {
    Statement revoke = db_.Prepare(
        "UPDATE judge_credentials SET revoked_at = ?2, revoked_by = ?3, revoked_reason = ?4 "
        "WHERE number = ?1");
    revoke.Bind(1, number).Bind(2, now).Bind(3, action.actor).Bind(4, action.reason);
    revoke.Run();
  }

  std::int64_t Insert(std::int64_t exam, std::int64_t judge_row, const std::string& hash,
                      const std::string& now, const std::string& actor) override {
    Statement insert = db_.Prepare(
        "INSERT INTO judge_credentials (exam, judge, hash, issued_at, issued_by) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    insert.Bind(1, exam).Bind(2, judge_row).Bind(3, hash).Bind(4, now).Bind(5, actor);
    insert.Run();
    return db_.LastInsertRowid();
  }

  StoredCredential Read(std::int64_t number) override {
    Statement query =
        db_.Prepare(std::string(kSelectCredentials).append("WHERE c.number = ?1").c_str());
    query.Bind(1, number);
    query.Step();
    return ReadCredential(query);
  }

  bool PinRequired(std::int64_t exam) override {
    Statement query = db_.Prepare("SELECT 1 FROM exam_pin_rules WHERE exam = ?1");
    query.Bind(1, exam);
    return query.Step();
  }

  void SetPinRequired(std::int64_t exam, bool required) override {
    Statement change = db_.Prepare(required ? "INSERT INTO exam_pin_rules (exam) VALUES (?1)"
                                            : "DELETE FROM exam_pin_rules WHERE exam = ?1");
    change.Bind(1, exam);
    change.Run();
  }

  std::size_t CountAdmins() override {
    return static_cast<std::size_t>(db_.QueryInt("SELECT count(*) FROM administrators"));
  }

  std::optional<StoredAdmin> Admin(std::string_view name) override {
    Statement query = db_.Prepare(
        "SELECT name, hash, created_at, created_by FROM administrators WHERE name = ?1");
    query.Bind(1, name);
    if (!query.Step()) return std::nullopt;
    return StoredAdmin{query.Text(0), query.Text(1), query.Text(2), query.Text(3)};
  }

  void InsertAdmin(const StoredAdmin& admin, const std::string& now) override {
    Statement insert = db_.Prepare(
        "INSERT INTO administrators (name, hash, created_at, created_by) VALUES (?1, ?2, ?3, ?4)");
    insert.Bind(1, admin.name).Bind(2, admin.hash).Bind(3, now).Bind(4, admin.created_by);
    insert.Run();
  }

  std::string CredentialsState(std::int64_t exam) override {
    return sqlite::CredentialsState(db_, exam);
  }
  std::string AdminsState() override { return sqlite::AdminsState(db_); }
  void Append(audit::Event& event) override { log_.Append(event); }

 private:
  Database& db_;
  audit::AuditLog& log_;
};

}  // namespace

StoreResult<std::vector<std::int64_t>> CredentialTables::StoreCodes(
    const CredentialExam& exam, std::span<const NewCredential> codes, const ChiefAction& action,
    const std::string& now) {
  SqliteCredentialRows rows(db_, log_);
  return store_common::StoreCodes(rows, exam, codes, action, now);
}

StoreResult<StoredCredential> CredentialTables::RevokeCode(const CredentialExam& exam,
                                                           std::string_view judge,
                                                           const ChiefAction& action,
                                                           const std::string& now) {
  SqliteCredentialRows rows(db_, log_);
  return store_common::RevokeCode(rows, exam, judge, action, now);
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
  return SqliteCredentialRows(db_, log_).PinRequired(exam.id);
}

Change CredentialTables::SetPinRequired(const CredentialExam& exam, bool required,
                                        const ChiefAction& action, const std::string& now) {
  SqliteCredentialRows rows(db_, log_);
  return store_common::SetPinRequired(rows, exam, required, action, now);
}

StoreResult<void> CredentialTables::CreateAdmin(const StoredAdmin& admin, bool only_first,
                                                const std::string& now) {
  SqliteCredentialRows rows(db_, log_);
  return store_common::CreateAdmin(rows, admin, only_first, now);
}

std::optional<StoredAdmin> CredentialTables::GetAdmin(std::string_view name) {
  return SqliteCredentialRows(db_, log_).Admin(name);
}

std::size_t CredentialTables::CountAdmins() {
  return SqliteCredentialRows(db_, log_).CountAdmins();
}

}  // namespace skillscore::sqlite
