// Credentials in the PostgreSQL store (pg_credentials.h).
#include "pg_credentials.h"

#include <fmt/format.h>

#include <unordered_set>

#include "pg_rubrics.h"
#include "skillscore/audit_chain.h"
#include "skillscore/i18n.h"

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

std::optional<std::int64_t> CredentialTables::JudgeRow(const CredentialExam& exam,
                                                       std::string_view judge) {
  Result rows = db_.Exec("SELECT id FROM judges WHERE exam = $1 AND code = $2", exam.id, judge);
  if (rows.rows() == 0) return std::nullopt;
  return rows.Int(0, 0);
}

std::optional<std::int64_t> CredentialTables::RevokeCurrent(std::int64_t judge_row,
                                                            const ChiefAction& action,
                                                            const std::string& now) {
  Result current = db_.Exec(
      "SELECT number FROM judge_credentials WHERE judge = $1 AND revoked_at IS NULL", judge_row);
  if (current.rows() == 0) return std::nullopt;
  std::int64_t number = current.Int(0, 0);
  db_.Exec(
      "UPDATE judge_credentials SET revoked_at = $2, revoked_by = $3, revoked_reason = $4 "
      "WHERE number = $1",
      number, now, action.actor, action.reason);
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
  for (std::size_t i = 0; i < codes.size(); ++i) {
    auto replaced = RevokeCurrent(rows[i], {action.actor, "replaced by a new code"}, now);
    numbers.push_back(db_.Exec("INSERT INTO judge_credentials (exam, judge, hash, issued_at, "
                               "issued_by) VALUES ($1, $2, $3, $4, $5) RETURNING number",
                               exam.id, rows[i], codes[i].hash, now, action.actor)
                          .Int(0, 0));
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
  Result rows =
      db_.Exec(std::string(kSelectCredentials).append("WHERE c.number = $1").c_str(), *number);
  return ReadCredential(rows, 0);
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
  return db_.Exec("SELECT 1 FROM exam_pin_rules WHERE exam = $1", exam.id).rows() > 0;
}

Change CredentialTables::SetPinRequired(const CredentialExam& exam, bool required,
                                        const ChiefAction& action, const std::string& now) {
  if (PinRequired(exam) == required) return Change::kUnchanged;
  db_.Exec(required ? "INSERT INTO exam_pin_rules (exam) VALUES ($1)"
                    : "DELETE FROM exam_pin_rules WHERE exam = $1",
           exam.id);
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
  db_.Exec(
      "INSERT INTO administrators (name, hash, created_at, created_by) VALUES ($1, $2, $3, $4)",
      admin.name, admin.hash, now, admin.created_by);
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
  Result rows = db_.Exec(
      "SELECT name, hash, created_at, created_by FROM administrators WHERE name = $1", name);
  if (rows.rows() == 0) return std::nullopt;
  return StoredAdmin{rows.Text(0, 0), rows.Text(0, 1), rows.Text(0, 2), rows.Text(0, 3)};
}

std::size_t CredentialTables::CountAdmins() {
  return static_cast<std::size_t>(db_.Exec("SELECT count(*) FROM administrators").Int(0, 0));
}

}  // namespace skillscore::pg
