#include "pg_sheets.h"

#include <fmt/format.h>

#include <optional>

#include "pg_copy_binary_rows.h"
#include "skillscore/exam.h"

namespace skillscore::pg {
namespace {

// The current marks of exam {0} (a row id, written in: COPY takes no parameters) by candidate, each
// candidate's in the order of its places' first entries (a replaced mark keeps the place its first
// entry took, as ReadSheets orders them).
constexpr char kSheetMarks[] =
    "COPY (SELECT m.candidate, m.aspect, m.judge, m.value, m.den FROM marks m "
    "JOIN candidates c ON c.id = m.candidate LEFT JOIN (SELECT h.candidate, h.aspect, "
    "h.panel, min(h.entry) AS first FROM mark_history h JOIN candidates k ON k.id = "
    "h.candidate WHERE k.exam = {0} GROUP BY 1, 2, 3) h ON h.candidate = m.candidate AND "
    "h.aspect = m.aspect AND h.panel = m.panel WHERE c.exam = {0} AND NOT m.withdrawn "
    "ORDER BY m.candidate, least(m.entry, h.first), m.entry) TO STDOUT (FORMAT binary)";
constexpr int kSheetMarkFields = 5;  // aspect: its slot

// Builds the sheet of one candidate at a time, walking the roster in step with the marks.
class SheetStream {
 public:
  SheetStream(const SheetRoster& roster, const ExamStore::SheetSink& take)
      : roster_(roster), take_(take) {}

  // A mark of the candidate with row id `candidate`.
  void Add(std::int64_t candidate, std::size_t ordinal, const std::string& judge,
           const MarkValue& value) {
    while (next_ < roster_.candidate_ids.size() && roster_.candidate_ids[next_] != candidate) {
      HandOver();
    }
    if (next_ == roster_.candidate_ids.size()) return;  // not on the roster: ReadSheets's rule
    if (!builder_) Start();
    builder_->Add(MarkEntry{roster_.candidates[next_].id, ordinal, judge, value});
  }

  // Hands over the sheets not handed over yet.
  void Finish() {
    while (next_ < roster_.candidate_ids.size()) HandOver();
  }

 private:
  // The sheet of the roster's next candidate, with the marks added to it (none: an empty one).
  void HandOver() {
    if (!builder_) Start();
    std::vector<CandidateSheet> sheet = std::move(*builder_).Finish();
    builder_.reset();
    ++next_;
    take_(sheet.front());
  }

  void Start() {
    builder_.emplace(roster_.rubric, std::vector<Candidate>{roster_.candidates[next_]});
  }

  const SheetRoster& roster_;
  const ExamStore::SheetSink& take_;
  std::size_t next_ = 0;
  std::optional<SheetBuilder> builder_;  // of the candidate at next_, once it has a mark
};

}  // namespace

void StreamCurrentSheets(Connection& db, const SheetRoster& roster,
                         const ExamStore::SheetSink& take) {
  SheetStream sheets(roster, take);
  bool first = true;
  db.CopyOut(fmt::format(kSheetMarks, roster.exam_id), [&](std::string_view message) {
    BinaryCopyRow fields(message, first, kSheetMarkFields);
    first = false;
    if (fields.trailer()) return;
    const std::int64_t candidate = *fields.NextInt();
    const std::optional<std::size_t> ordinal = roster.slots.OrdinalOf(*fields.NextInt());
    const std::int64_t judge = *fields.NextInt();
    const std::optional<std::int64_t> value = fields.NextInt();
    const std::int64_t den = *fields.NextInt();
    if (!ordinal) return;  // an aspect the exam's rubric version removed
    MarkValue mark;
    mark.not_attempted = !value;
    if (value) mark.number = Rational::Of(*value, den);
    sheets.Add(candidate, *ordinal, roster.judge_codes.at(judge), mark);
  });
  sheets.Finish();
}

}  // namespace skillscore::pg
