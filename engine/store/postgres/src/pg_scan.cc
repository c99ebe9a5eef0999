// Scanning exams for re-scoring in the PostgreSQL store (pg_scan.h), as the SQLite store scans
// (sqlite_scan.cc): the same visits, re-binding and audit events.
#include "pg_scan.h"

#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pg_rubrics.h"
#include "skillscore/i18n.h"

namespace skillscore::pg {
namespace {

// Every exam bound to a version of ?1 other than ?2 (any version when ?2 is NULL), and of those
// only exam ?3 when it is not NULL. A candidate without marks, or an exam without candidates,
// still gives one row (with NULL marks), so that every exam and candidate is visited.
constexpr char kScanSelect[] =
    "SELECT e.id, c.id, m.aspect, m.judge, m.value, m.den FROM exams e "
    "JOIN rubrics r ON r.id = e.rubric "
    "LEFT JOIN candidates c ON c.exam = e.id "
    "LEFT JOIN marks m ON m.candidate = c.id AND NOT m.withdrawn "
    "WHERE r.code = $1 AND ($2::text IS NULL OR r.version <> $2) ";
constexpr char kOrder[] = "ORDER BY e.code, c.code, m.aspect, m.panel";  // m.aspect: the slot

std::string ScanAllSql() { return std::string(kScanSelect) + kOrder; }
std::string ScanOneSql() { return std::string(kScanSelect) + "AND e.code = $3 " + kOrder; }

class Scanner {
 public:
  Scanner(Connection& db, AuditLog& audit, const ExamScan& scan, const ExamVisitor& visit,
          const ScanContext& context)
      : db_(db), audit_(audit), scan_(scan), visit_(visit), context_(context) {}

  StoreResult<std::size_t> Run() {
    if (scan_.rebind) {
      auto target = RubricId(scan_.rubric_code, scan_.rebind->version);
      if (!target) return tl::unexpected(target.error());
      target_rubric_ = *target;
    }
    auto total = CountExams();
    if (!total) return tl::unexpected(total.error());
    progress_.total = *total;
    if (scan_.exams.empty()) {
      if (auto error = Stream(ScanAllSql(), nullptr)) return tl::unexpected(*error);
    }
    for (const std::string& exam : scan_.exams) {
      if (stopped_) break;
      if (auto error = Stream(ScanOneSql(), &exam)) return tl::unexpected(*error);
    }
    return rebound_;
  }

  // The visitor ended the scan early, or discarded what it would write.
  bool stopped() const { return stopped_; }
  bool discarded() const { return discarded_; }

 private:
  // The rows of one scan query, exam by exam.
  std::optional<StoreError> Stream(const std::string& sql, const std::string* exam) {
    std::vector<Param> params{scan_.rubric_code, scan_.except_version};
    if (exam != nullptr) params.push_back(*exam);
    std::optional<std::int64_t> current;
    std::optional<StoreError> error;
    // The visitor's step is taken between rows; once it stops (or fails), the rest of the
    // cursor's rows are passed over.
    StreamRows(db_, sql, params, [&](const Result& rows, int row) {
      if (stopped_ || error) return;
      std::int64_t exam_id = rows.Int(row, 0);
      if (exam_id != current) {
        if (current) {
          if ((error = Finish())) return;
          if (stopped_) return;
        }
        if ((error = Start(exam_id))) return;
        current = exam_id;
      }
      if (!rows.IsNull(row, 2)) AddMark(rows, row);
    });
    if (error) return error;
    if (current && !stopped_) return Finish();
    return std::nullopt;
  }

  std::optional<StoreError> Start(std::int64_t exam_id) {
    Result exam = db_.Exec(
        "SELECT e.code, e.date, e.site, e.chief, e.created_at, r.id, r.code, r.version, r.sha256, "
        "r.title, r.imported_at, e.timezone FROM exams e JOIN rubrics r ON r.id = e.rubric "
        "WHERE e.id = $1",
        exam_id);
    marks_.candidates.clear();
    marks_.entries.clear();  // keeps its capacity for the next exam
    exam_id_ = exam_id;
    rubric_id_ = exam.Int(0, 5);
    marks_.exam = ExamInfo{
        exam.Text(0, 0),
        {exam.Text(0, 6), exam.Text(0, 7), exam.Text(0, 8), exam.Text(0, 9), exam.Text(0, 10)},
        exam.Text(0, 1),
        exam.Text(0, 2),
        exam.Text(0, 3),
        exam.Text(0, 4),
        exam.Text(0, 11)};
    auto rubric = CachedRubric(rubric_id_, marks_.exam.rubric);
    if (!rubric) return rubric.error();
    marks_.rubric = *rubric;
    slots_ = &CachedSlots(rubric_id_);
    ReadPeople(exam_id);
    if (scan_.rebind) context_.read_register(marks_.exam.id, marks_);
    return std::nullopt;
  }

  void ReadPeople(std::int64_t exam_id) {
    candidate_index_.clear();
    judge_codes_.clear();
    last_candidate_ = -1;
    Result candidates = db_.Exec(
        "SELECT id, code, name, organization, status FROM candidates WHERE exam = $1 ORDER BY id",
        exam_id);
    for (int row = 0; row < candidates.rows(); ++row) {
      candidate_index_.emplace(candidates.Int(row, 0), marks_.candidates.size());
      marks_.candidates.push_back({candidates.Text(row, 1), candidates.Text(row, 2),
                                   candidates.Text(row, 3),
                                   StatusFromName(candidates.Text(row, 4))});
    }
    Result judges = db_.Exec("SELECT id, code FROM judges WHERE exam = $1", exam_id);
    for (int row = 0; row < judges.rows(); ++row) {
      judge_codes_.emplace(judges.Int(row, 0), judges.Text(row, 1));
    }
  }

  // Columns 1…5 of a scan row: candidate, aspect slot, judge, value, den. The mark of an aspect
  // that the exam's rubric version removed no longer counts.
  void AddMark(const Result& rows, int row) {
    std::optional<std::size_t> ordinal = slots_->OrdinalOf(rows.Int(row, 2));
    if (!ordinal) return;
    std::int64_t candidate = rows.Int(row, 1);
    if (candidate != last_candidate_) {
      last_candidate_ = candidate;
      candidate_ = &marks_.candidates[candidate_index_.at(candidate)];
    }
    MarkValue value;
    value.not_attempted = rows.IsNull(row, 4);
    if (!value.not_attempted) value.number = Rational::Of(rows.Int(row, 4), rows.Int(row, 5));
    marks_.entries.push_back({candidate_->id, *ordinal, judge_codes_.at(rows.Int(row, 3)), value});
  }

  std::optional<StoreError> Finish() {
    ++progress_.done;
    ScanDecision decision = visit_(marks_, progress_);
    stopped_ = decision.step == ScanStep::kStop;
    discarded_ = discarded_ || decision.step == ScanStep::kDiscard;
    if (discarded_ || decision.step != ScanStep::kRebind || !scan_.rebind ||
        rubric_id_ == target_rubric_) {
      return std::nullopt;
    }
    if (auto error = Rebind()) return error;
    if (decision.passports.empty()) return std::nullopt;
    return context_.register_passports(marks_.exam.id, decision.passports, Action());
  }

  // Who re-binds, and why.
  ChiefAction Action() const {
    const ChiefAction& action = scan_.rebind->action;
    return {action.actor.empty() ? context_.actor : action.actor, action.reason};
  }

  std::optional<StoreError> Rebind() {
    const RubricInfo& from = marks_.exam.rubric;
    if (auto aspect = SlotMismatch(rubric_id_)) {
      return StoreError{
          StoreError::Kind::kConflict,
          Tr("exam {0} cannot be bound to rubric {1}@{2}: {1}@{3} was imported by an "
             "older skillscore, which stored aspect {4} elsewhere than {1}@{2} does",
             marks_.exam.id, from.code, scan_.rebind->version, from.version, *aspect)};
    }
    db_.Exec("UPDATE exams SET rubric = $2 WHERE id = $1", exam_id_, target_rubric_);
    ChiefAction action = Action();
    audit::Event event{.at = context_.now,
                       .actor = action.actor,
                       .action = audit::kRubricRebind,
                       .exam = marks_.exam.id,
                       .subject = marks_.exam.id,
                       .old_value = from.code + "@" + from.version,
                       .new_value = from.code + "@" + scan_.rebind->version,
                       .reason = action.reason,
                       .state = audit_.ExamState(exam_id_)};
    audit_.Append(event);
    ++rebound_;
    return std::nullopt;
  }

  // An aspect that rubric `from` and the target version store in different slots, or whose slot
  // the other version gives to another aspect; nullopt when marks keep their aspect as they are
  // (always, for versions imported with slots: sqlite_slots.h).
  std::optional<std::string> SlotMismatch(std::int64_t from) {
    auto cached = slot_mismatch_.find(from);
    if (cached != slot_mismatch_.end()) return cached->second;
    Result rows = db_.Exec(
        "SELECT o.code FROM rubric_aspects o JOIN rubric_aspects n ON n.rubric = $2 "
        "AND (n.code = o.code OR n.slot = o.slot) "
        "WHERE o.rubric = $1 AND (n.code <> o.code OR n.slot <> o.slot) ORDER BY o.ordinal "
        "LIMIT 1",
        from, target_rubric_);
    std::optional<std::string> mismatch;
    if (rows.rows() > 0) mismatch = rows.Text(0, 0);
    slot_mismatch_.emplace(from, mismatch);
    return mismatch;
  }

  const AspectSlots& CachedSlots(std::int64_t rubric_id) {
    auto cached = slots_by_rubric_.find(rubric_id);
    if (cached == slots_by_rubric_.end()) {
      cached = slots_by_rubric_.emplace(rubric_id, ReadAspectSlots(db_, rubric_id)).first;
    }
    return cached->second;
  }

  StoreResult<std::shared_ptr<const Rubric>> CachedRubric(std::int64_t id, const RubricInfo& info) {
    auto cached = rubrics_.find(id);
    if (cached != rubrics_.end()) return cached->second;
    Result yaml = db_.Exec("SELECT yaml FROM rubrics WHERE id = $1", id);
    auto rubric = ParseStoredRubric(db_, info, yaml.Text(0, 0));
    if (!rubric) return tl::unexpected(rubric.error());
    return rubrics_.emplace(id, std::make_shared<const Rubric>(std::move(*rubric))).first->second;
  }

  StoreResult<std::int64_t> RubricId(const std::string& code, const std::string& version) {
    Result rows =
        db_.Exec("SELECT id FROM rubrics WHERE code = $1 AND version = $2", code, version);
    if (rows.rows() > 0) return rows.Int(0, 0);
    return Refuse(StoreError::Kind::kNotFound,
                  Tr("rubric {0} is not in the database; import it with `skillscore rubric "
                     "import FILE`",
                     code + "@" + version));
  }

  // The exams the scan will visit; kNotFound for a named exam that does not exist.
  StoreResult<std::size_t> CountExams() {
    auto visited = [&](const std::optional<std::string>& exam) {
      return static_cast<std::size_t>(
          db_.Exec("SELECT count(*) FROM exams e JOIN rubrics r ON r.id = e.rubric "
                   "WHERE ($3::text IS NULL OR e.code = $3) AND r.code = $1 AND "
                   "($2::text IS NULL OR r.version <> $2)",
                   scan_.rubric_code, scan_.except_version, exam)
              .Int(0, 0));
    };
    if (scan_.exams.empty()) return visited(std::nullopt);
    std::size_t total = 0;
    for (const std::string& exam : scan_.exams) {
      if (db_.Exec("SELECT 1 FROM exams WHERE code = $1", exam).rows() == 0) {
        return Refuse(StoreError::Kind::kNotFound,
                      Tr("exam {0} does not exist; create it with `skillscore exam create`", exam));
      }
      total += visited(exam);
    }
    return total;
  }

  Connection& db_;
  AuditLog& audit_;
  const ExamScan& scan_;
  const ExamVisitor& visit_;
  const ScanContext& context_;
  std::int64_t target_rubric_ = 0;
  std::unordered_map<std::int64_t, std::shared_ptr<const Rubric>> rubrics_;
  std::unordered_map<std::int64_t, AspectSlots> slots_by_rubric_;
  std::unordered_map<std::int64_t, std::optional<std::string>> slot_mismatch_;
  ScanProgress progress_;
  std::size_t rebound_ = 0;
  bool stopped_ = false;
  bool discarded_ = false;
  // The exam being read.
  ExamMarks marks_;
  std::int64_t exam_id_ = 0;
  std::int64_t rubric_id_ = 0;
  const AspectSlots* slots_ = nullptr;  // of the exam's rubric version
  std::unordered_map<std::int64_t, std::size_t> candidate_index_;
  std::unordered_map<std::int64_t, std::string> judge_codes_;
  std::int64_t last_candidate_ = -1;
  const Candidate* candidate_ = nullptr;
};

}  // namespace

StoreResult<std::size_t> ScanExams(Connection& db, AuditLog& audit, const ExamScan& scan,
                                   const ExamVisitor& visit, const ScanContext& context) {
  Transaction transaction(db, scan.rebind ? Transaction::Mode::kWrite : Transaction::Mode::kRead);
  if (scan.rebind) {
    // The exams it may re-bind are locked first, in one order, so that the scan never waits for
    // a writer that waits for it.
    db.Exec(
        "SELECT e.id FROM exams e JOIN rubrics r ON r.id = e.rubric WHERE r.code = $1 "
        "ORDER BY e.id FOR UPDATE OF e",
        scan.rubric_code);
  }
  Scanner scanner(db, audit, scan, visit, context);
  auto rebound = scanner.Run();
  if (!rebound) return rebound;
  if (scanner.stopped() || scanner.discarded()) return std::size_t{0};  // rolled back
  transaction.Commit();
  return rebound;
}

}  // namespace skillscore::pg
