// audit::Verify over rows held in memory, with no database: the walk, the comparisons and the
// messages live in engine/audit, so a store only has to read its rows (VerifySource).
#include "skillscore/audit_verify.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace skillscore::audit {
namespace {

constexpr std::int64_t kExamRow = 7;

// One exam, "E1", with an exam-create event and a marks import of entries 1 and 2.
class MemorySource final : public VerifySource {
 public:
  MemorySource() {
    marks_ = {Mark(1, "C1", "A1", "J1", 3), Mark(2, "C2", "A1", "J1", 4)};
    Event create{.at = "2026-04-12T09:00:00Z",
                 .actor = "J1",
                 .action = kExamCreate,
                 .exam = "E1",
                 .subject = "E1",
                 .state = kExamState};
    Event import{.at = "2026-04-12T10:00:00Z",
                 .actor = "J1",
                 .action = kMarksImport,
                 .exam = "E1",
                 .subject = "marks.csv",
                 .new_value = "added 2, changed 0, unchanged 0",
                 .first_entry = 1,
                 .entries = 2,
                 .state = MarksDigest()};
    events_ = {create, import};
    Rechain();
  }

  // Gives every event its number, order and hashes, as a store's Append does.
  void Rechain() {
    std::string previous = kGenesisHash;
    for (std::size_t i = 0; i < events_.size(); ++i) {
      Event& event = events_[i];
      event.chain = ExamChain(event.exam);
      event.id = static_cast<std::int64_t>(i) + 1;
      event.order = event.id;
      event.prev_hash = previous;
      event.hash = EventHash(event);
      previous = event.hash;
    }
  }

  std::string MarksDigest() const {
    Digest digest;
    for (const ExamMark& mark : marks_) AddMark(digest, mark.Record());
    return digest.Hex();
  }

  static ExamMark Mark(std::int64_t entry, std::string candidate, std::string aspect,
                       std::string judge, std::int64_t value) {
    ExamMark mark;
    mark.stored.entry = entry;
    mark.stored.value = value;
    mark.candidate = std::move(candidate);
    mark.aspect = std::move(aspect);
    mark.judge = std::move(judge);
    return mark;
  }

  std::vector<Event> Events() override { return events_; }
  std::string RubricCodeOf(const std::string&) override { return "R"; }
  std::vector<NamedRow> Rubrics(const std::optional<std::string>&) override { return {}; }
  std::vector<NamedRow> Exams(const std::optional<std::string>&) override {
    return {{"E1", kExamRow}};
  }
  bool KeepsLegacyChain() const override { return false; }
  std::string RubricState(std::int64_t, bool) override { return Digest().Hex(); }
  std::string ExamState(std::int64_t) override { return exam_state_; }
  std::string CandidatesState(std::int64_t, bool) override { return Digest().Hex(); }
  std::string JudgesState(std::int64_t, bool) override { return Digest().Hex(); }
  std::string LocksState(std::int64_t) override { return Digest().Hex(); }
  std::string PassportsState(std::int64_t) override { return Digest().Hex(); }
  std::string CredentialsState(std::int64_t) override { return Digest().Hex(); }
  std::string AdminsState() override { return Digest().Hex(); }
  void StreamExamMarks(std::int64_t exam,
                       const std::function<void(const ExamMark&)>& visit) override {
    ASSERT_EQ(exam, kExamRow);
    for (const ExamMark& mark : marks_) visit(mark);
  }
  std::optional<std::pair<std::int64_t, std::int64_t>> HomelessMark() override { return homeless_; }

  static constexpr char kExamState[] = "exam state";
  std::vector<Event> events_;
  std::vector<ExamMark> marks_;
  std::string exam_state_ = kExamState;
  std::optional<std::pair<std::int64_t, std::int64_t>> homeless_;
};

TEST(AuditVerifyTest, IntactLogCountsTheExamChainAndNamesItsHead) {
  MemorySource source;
  AuditReport report = Verify(source, "E1");
  EXPECT_EQ(report.problem, std::nullopt);
  EXPECT_EQ(report.events, 2u);
  EXPECT_EQ(report.head, source.events_[1].hash);
}

TEST(AuditVerifyTest, ChangedMarkNamesTheEventThatEnteredIt) {
  MemorySource source;
  source.marks_[1].stored.value = 5;
  EXPECT_EQ(Verify(source, "E1").problem,
            "audit log broken at event 2 (marks import marks.csv, J1, 2026-04-12T10:00:00Z): the "
            "marks it entered were changed or deleted outside skillscore");
}

TEST(AuditVerifyTest, MarkOfNoEventIsNamedAfterEveryEventProblem) {
  MemorySource source;
  source.marks_.push_back(MemorySource::Mark(3, "C3", "A2", "J2", 1));
  EXPECT_EQ(Verify(source, std::nullopt).problem,
            "audit log broken: the mark of candidate C3 for aspect A2 by judge J2 (entry 3) is in "
            "no event; it was written outside skillscore");
  source.exam_state_ = "edited";
  EXPECT_EQ(Verify(source, std::nullopt).problem,
            "audit log broken at event 1 (exam create E1, J1, 2026-04-12T09:00:00Z): exam E1 no "
            "longer matches what it recorded; it was changed outside skillscore");
}

TEST(AuditVerifyTest, DeletedEventLeavesAGap) {
  MemorySource source;
  source.events_.erase(source.events_.begin());
  EXPECT_EQ(Verify(source, "E1").problem,
            "audit log broken at event 2 (marks import marks.csv, J1, 2026-04-12T10:00:00Z): 1 "
            "event(s) before it are missing (deleted)");
}

TEST(AuditVerifyTest, EditedEventBreaksItsHash) {
  MemorySource source;
  source.events_[1].actor = "J9";
  EXPECT_EQ(Verify(source, "E1").problem,
            "audit log broken at event 2 (marks import marks.csv, J9, 2026-04-12T10:00:00Z): the "
            "event was changed after it was written (its hash does not match its content)");
}

TEST(AuditVerifyTest, HomelessMarkIsReportedOnlyForTheWholeLog) {
  MemorySource source;
  source.homeless_ = std::pair<std::int64_t, std::int64_t>{12, 40};
  EXPECT_EQ(Verify(source, "E1").problem, std::nullopt);
  EXPECT_EQ(Verify(source, std::nullopt).problem,
            "audit log broken: the mark of candidate #12 for aspect ? by judge ? (entry 40) is in "
            "no event; it was written outside skillscore");
}

}  // namespace
}  // namespace skillscore::audit
