// Credentials in the PostgreSQL store (pg_credentials.h).
#include "pg_credentials.h"

#include "skillscore/audit_chain.h"

namespace skillscore::pg {

namespace {

constexpr char kSelectCredentials[] =
    "SELECT c.number, j.code, c.hash, c.issued_at, c.issued_by, c.revoked_at, c.revoked_by, "
    "c.revoked_reason FROM judge_credentials c JOIN judges j ON j.id = c.judge ";

StoredCredential ReadCredential(const Result& rows, int row) {
  return StoredCredential{rows.Int(row, 0),          rows.Text(row, 1),
                          rows.Text(row, 2),         rows.Text(row, 3),
                          rows.Text(row, 4),         rows.OptionalText(row, 5),
                          rows.OptionalText(row, 6), rows.OptionalText(row, 7)};
}

}  // namespace

std::string CredentialsState(Connection& db, std::int64_t exam_id) {
  // An exam without a PIN rule and codes has the digest of nothing, as one without people.
  audit::Digest digest;
  if (db.Exec("SELECT 1 FROM exam_pin_rules WHERE exam = $1", exam_id).rows() > 0) {
    digest.Add("pins required");
  }
  Result codes = db.Exec(
      "SELECT c.number, j.code, c.hash, c.issued_at, c.issued_by, coalesce(c.revoked_at, ''), "
      "coalesce(c.revoked_by, ''), coalesce(c.revoked_reason, '') FROM judge_credentials c "
      "JOIN judges j ON j.id = c.judge WHERE c.exam = $1 ORDER BY c.number",
      exam_id);
  for (int row = 0; row < codes.rows(); ++row) {
    digest.Add(codes.Int(row, 0));
    for (int column = 1; column < 8; ++column) digest.Add(codes.Text(row, column));
  }
  return digest.Hex();
}

std::string AdminsState(Connection& db) {
  audit::Digest digest;
  Result admins =
      db.Exec("SELECT name, hash, created_at, created_by FROM administrators ORDER BY name");
  for (int row = 0; row < admins.rows(); ++row) {
    for (int column = 0; column < 4; ++column) digest.Add(admins.Text(row, column));
  }
  return digest.Hex();
}

namespace {

// This store's rows of credentials, for the rules of credential_rules.h.
class PgCredentialRows final : public store_common::CredentialRows {
 public:
  PgCredentialRows(Connection& db, AuditLog& log) : db_(db), log_(log) {}

  std::optional<std::int64_t> JudgeRow(std::int64_t exam, std::string_view judge) override {
    Result rows = db_.Exec("SELECT id FROM judges WHERE exam = $1 AND code = $2", exam, judge);
    if (rows.rows() == 0) return std::nullopt;
    return rows.Int(0, 0);
  }

  std::optional<std::int64_t> CurrentNumber(std::int64_t judge_row) override {
    Result current = db_.Exec(
        "SELECT number FROM judge_credentials WHERE judge = $1 AND revoked_at IS NULL", judge_row);
    if (current.rows() == 0) return std::nullopt;
    return current.Int(0, 0);
  }

  void Revoke(std::int64_t number, const ChiefAction& action, const std::string& now) override {
    db_.Exec(
        "UPDATE judge_credentials SET revoked_at = $2, revoked_by = $3, revoked_reason = $4 "
        "WHERE number = $1",
        number, now, action.actor, action.reason);
  }

  std::int64_t Insert(std::int64_t exam, std::int64_t judge_row, const std::string& hash,
                      const std::string& now, const std::string& actor) override {
    return db_
        .Exec(
            "INSERT INTO judge_credentials (exam, judge, hash, issued_at, issued_by) "
            "VALUES ($1, $2, $3, $4, $5) RETURNING number",
            exam, judge_row, hash, now, actor)
        .Int(0, 0);
  }

  StoredCredential Read(std::int64_t number) override {
    Result rows =
        db_.Exec(std::string(kSelectCredentials).append("WHERE c.number = $1").c_str(), number);
    return ReadCredential(rows, 0);
  }

  bool PinRequired(std::int64_t exam) override {
    return db_.Exec("SELECT 1 FROM exam_pin_rules WHERE exam = $1", exam).rows() > 0;
  }

  void SetPinRequired(std::int64_t exam, bool required) override {
    db_.Exec(required ? "INSERT INTO exam_pin_rules (exam) VALUES ($1)"
                      : "DELETE FROM exam_pin_rules WHERE exam = $1",
             exam);
  }

  std::size_t CountAdmins() override {
    return static_cast<std::size_t>(db_.Exec("SELECT count(*) FROM administrators").Int(0, 0));
  }

  std::optional<StoredAdmin> Admin(std::string_view name) override {
    Result rows = db_.Exec(
        "SELECT name, hash, created_at, created_by FROM administrators WHERE name = $1", name);
    if (rows.rows() == 0) return std::nullopt;
    return StoredAdmin{rows.Text(0, 0), rows.Text(0, 1), rows.Text(0, 2), rows.Text(0, 3)};
  }

  void InsertAdmin(const StoredAdmin& admin, const std::string& now) override {
    db_.Exec(
        "INSERT INTO administrators (name, hash, created_at, created_by) VALUES ($1, $2, $3, $4)",
        admin.name, admin.hash, now, admin.created_by);
  }

  std::string CredentialsState(std::int64_t exam) override {
    return pg::CredentialsState(db_, exam);
  }
  std::string AdminsState() override { return pg::AdminsState(db_); }
  void Append(audit::Event& event) override { log_.Append(event); }

 private:
  Connection& db_;
  AuditLog& log_;
};

}  // namespace

StoreResult<std::vector<std::int64_t>> CredentialTables::StoreCodes(
    const CredentialExam& exam, std::span<const NewCredential> codes, const ChiefAction& action,
    const std::string& now) {
  PgCredentialRows rows(db_, log_);
  return store_common::StoreCodes(rows, exam, codes, action, now);
}

StoreResult<StoredCredential> CredentialTables::RevokeCode(const CredentialExam& exam,
                                                           std::string_view judge,
                                                           const ChiefAction& action,
                                                           const std::string& now) {
  PgCredentialRows rows(db_, log_);
  return store_common::RevokeCode(rows, exam, judge, action, now);
}

std::vector<StoredCredential> CredentialTables::ListCodes(const CredentialExam& exam) {
  Result rows = db_.Exec(
      std::string(kSelectCredentials).append("WHERE c.exam = $1 ORDER BY c.number").c_str(),
      exam.id);
  std::vector<StoredCredential> codes;
  for (int row = 0; row < rows.rows(); ++row) codes.push_back(ReadCredential(rows, row));
  return codes;
}

std::optional<StoredCredential> CredentialTables::CurrentCode(const CredentialExam& exam,
                                                              std::string_view judge) {
  Result rows = db_.Exec(std::string(kSelectCredentials)
                             .append("WHERE c.exam = $1 AND j.code = $2 AND c.revoked_at IS NULL")
                             .c_str(),
                         exam.id, judge);
  if (rows.rows() == 0) return std::nullopt;
  return ReadCredential(rows, 0);
}

bool CredentialTables::PinRequired(const CredentialExam& exam) {
  return PgCredentialRows(db_, log_).PinRequired(exam.id);
}

Change CredentialTables::SetPinRequired(const CredentialExam& exam, bool required,
                                        const ChiefAction& action, const std::string& now) {
  PgCredentialRows rows(db_, log_);
  return store_common::SetPinRequired(rows, exam, required, action, now);
}

StoreResult<void> CredentialTables::CreateAdmin(const StoredAdmin& admin, bool only_first,
                                                const std::string& now) {
  PgCredentialRows rows(db_, log_);
  return store_common::CreateAdmin(rows, admin, only_first, now);
}

std::optional<StoredAdmin> CredentialTables::GetAdmin(std::string_view name) {
  return PgCredentialRows(db_, log_).Admin(name);
}

std::size_t CredentialTables::CountAdmins() { return PgCredentialRows(db_, log_).CountAdmins(); }

}  // namespace skillscore::pg
