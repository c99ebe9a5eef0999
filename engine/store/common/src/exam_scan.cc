// Scanning exams for re-scoring (exam_scan.h). The store streams its rows; this groups them exam
// by exam, never holding more than one exam, and caches what exams share (rubric versions, their
// slots).
#include "skillscore/exam_scan.h"

#include <memory>
#include <optional>

#include "skillscore/exam.h"
#include "skillscore/stored_values.h"

namespace skillscore::store_common {
namespace {

class Scanner {
 public:
  Scanner(ScanRows& rows, const ExamScan& scan, const ExamVisitor& visit,
          const ScanContext& context)
      : rows_(rows), scan_(scan), visit_(visit), context_(context) {}

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
      if (auto error = Stream(nullptr)) return tl::unexpected(*error);
    }
    for (const std::string& exam : scan_.exams) {
      if (stopped_) break;
      if (auto error = Stream(&exam)) return tl::unexpected(*error);
    }
    return rebound_;
  }

  // The visitor ended the scan early, or discarded what it would write.
  bool stopped() const { return stopped_; }
  bool discarded() const { return discarded_; }

 private:
  // The rows of one scan query, exam by exam.
  std::optional<StoreError> Stream(const std::string* exam) {
    std::optional<std::int64_t> current;
    std::optional<StoreError> error;
    rows_.Stream(scan_, exam, [&](const ScanRow& row) {
      if (row.exam != current) {
        if (current) {
          if ((error = Finish()) || stopped_) return false;
        }
        if ((error = Start(row.exam))) return false;
        current = row.exam;
      }
      if (row.slot) AddMark(row);
      return true;
    });
    if (error) return error;
    if (current && !stopped_) return Finish();
    return std::nullopt;
  }

  std::optional<StoreError> Start(std::int64_t exam_id) {
    ScannedExam exam = rows_.Exam(exam_id);
    marks_.candidates.clear();
    marks_.sheets.clear();
    exam_id_ = exam_id;
    rubric_id_ = exam.rubric_id;
    marks_.exam = std::move(exam.info);
    auto rubric = CachedRubric(rubric_id_, marks_.exam.rubric);
    if (!rubric) return rubric.error();
    marks_.rubric = *rubric;
    slots_ = &CachedSlots(rubric_id_);
    ReadPeople(exam_id);
    sheets_.emplace(*marks_.rubric, marks_.candidates);
    if (scan_.rebind) context_.read_register(marks_.exam.id, marks_);
    return std::nullopt;
  }

  void ReadPeople(std::int64_t exam_id) {
    candidate_index_.clear();
    judge_codes_.clear();
    last_candidate_ = -1;
    people_.clear();
    rows_.People(exam_id, people_, judge_codes_);
    for (auto& [id, candidate] : people_) {
      candidate_index_.emplace(id, marks_.candidates.size());
      marks_.candidates.push_back(std::move(candidate));
    }
  }

  // The mark of an aspect that the exam's rubric version removed no longer counts.
  void AddMark(const ScanRow& row) {
    std::optional<std::size_t> ordinal = slots_->OrdinalOf(*row.slot);
    if (!ordinal) return;
    if (row.candidate != last_candidate_) {
      last_candidate_ = row.candidate;
      candidate_ = &marks_.candidates[candidate_index_.at(row.candidate)];
    }
    MarkValue value;
    value.not_attempted = !row.value;
    if (!value.not_attempted) value.number = Rational::Of(*row.value, row.den);
    sheets_->Add({candidate_->id, *ordinal, judge_codes_.at(row.judge), value});
  }

  std::optional<StoreError> Finish() {
    ++progress_.done;
    marks_.sheets = std::move(*sheets_).Finish();
    sheets_.reset();
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
      return StoreError::Of(
          StoreError::Code::kRebindAspectMoved,
          {marks_.exam.id, from.code, scan_.rebind->version, from.version, *aspect});
    }
    rows_.Rebind(exam_id_, target_rubric_);
    ChiefAction action = Action();
    audit::Event event{.at = context_.now,
                       .actor = action.actor,
                       .action = audit::kRubricRebind,
                       .exam = marks_.exam.id,
                       .subject = marks_.exam.id,
                       .old_value = from.code + "@" + from.version,
                       .new_value = from.code + "@" + scan_.rebind->version,
                       .reason = action.reason,
                       .state = rows_.ExamState(exam_id_)};
    rows_.Append(event);
    ++rebound_;
    return std::nullopt;
  }

  std::optional<std::string> SlotMismatch(std::int64_t from) {
    auto cached = slot_mismatch_.find(from);
    if (cached != slot_mismatch_.end()) return cached->second;
    return slot_mismatch_.emplace(from, rows_.SlotMismatch(from, target_rubric_)).first->second;
  }

  const AspectSlots& CachedSlots(std::int64_t rubric_id) {
    auto cached = slots_by_rubric_.find(rubric_id);
    if (cached == slots_by_rubric_.end()) {
      cached = slots_by_rubric_.emplace(rubric_id, rows_.Slots(rubric_id)).first;
    }
    return cached->second;
  }

  StoreResult<std::shared_ptr<const Rubric>> CachedRubric(std::int64_t id, const RubricInfo& info) {
    auto cached = rubrics_.find(id);
    if (cached != rubrics_.end()) return cached->second;
    auto rubric = ParseStoredRubric(rows_.DatabaseName(), info, rows_.RubricYaml(id));
    if (!rubric) return tl::unexpected(rubric.error());
    return rubrics_.emplace(id, std::make_shared<const Rubric>(std::move(*rubric))).first->second;
  }

  StoreResult<std::int64_t> RubricId(const std::string& code, const std::string& version) {
    if (auto id = rows_.RubricId(code, version)) return *id;
    return RubricNotFound(code + "@" + version);
  }

  // The exams the scan will visit; kNotFound for a named exam that does not exist.
  StoreResult<std::size_t> CountExams() {
    if (scan_.exams.empty()) return rows_.CountExams(scan_, nullptr);
    std::size_t total = 0;
    for (const std::string& exam : scan_.exams) {
      if (!rows_.ExamExists(exam)) {
        return ExamNotFound(exam);
      }
      total += rows_.CountExams(scan_, &exam);
    }
    return total;
  }

  ScanRows& rows_;
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
  std::vector<std::pair<std::int64_t, Candidate>> people_;
  std::unordered_map<std::int64_t, std::size_t> candidate_index_;
  std::unordered_map<std::int64_t, std::string> judge_codes_;
  std::int64_t last_candidate_ = -1;
  const Candidate* candidate_ = nullptr;
  std::optional<SheetBuilder> sheets_;  // of the exam being read, until its visit
};

}  // namespace

StoreResult<ScanOutcome> ScanExams(ScanRows& rows, const ExamScan& scan, const ExamVisitor& visit,
                                   const ScanContext& context) {
  Scanner scanner(rows, scan, visit, context);
  auto rebound = scanner.Run();
  if (!rebound) return tl::unexpected(rebound.error());
  if (scanner.stopped() || scanner.discarded()) return ScanOutcome{0, false};
  return ScanOutcome{*rebound, true};
}

}  // namespace skillscore::store_common
