// Every stored mark of one exam in entry order, for audit verification (AuditLog::StreamExamMarks).
//
// A marks event's digest covers its marks in entry order, and entry numbers count per exam, while
// the mark tables are keyed by candidate, aspect and panel and carry no exam: no index leads to
// one exam's marks by entry (an index on the entry alone would walk the same numbers of every
// exam in the database). Asking SQLite for "ORDER BY entry, …" made its sorter copy and sort every
// row of the exam (on a million marks, most of `results`). So the rows are read along the tables'
// own keys, one key range per candidate of the exam, packed into 40 bytes each
// (sqlite_packed_marks.h; the caller may have read them already, for the sheets), sorted in
// exactly the order of the query below, and handed out one at a time. The packed rows are the
// only memory that grows with the exam: about 40 MB for a million marks.
//
// A row whose numbers do not fit (only a direct edit of the file writes such) sends the whole
// exam through SQLite's sort instead: the same order, and the same digests.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sqlite_audit.h"
#include "sqlite_packed_marks.h"

namespace skillscore::audit {
namespace {

using sqlite::Statement;

// The columns of ReadStoredMark, current marks and replaced ones.
constexpr const char* kColumns =
    "entry, candidate, aspect, panel, judge, value, den, note, withdrawn";

StoredMark Unpack(const sqlite::PackedMark& packed, const sqlite::PackedMarks& marks) {
  StoredMark mark{.entry = packed.entry,
                  .candidate = packed.candidate,
                  .aspect = packed.aspect,
                  .panel = packed.panel,
                  .judge = packed.judge,
                  .value = std::nullopt,
                  .den = packed.den,
                  .note = packed.Note() != 0 ? marks.NoteText(packed) : std::string(),
                  .withdrawn = packed.Withdrawn()};
  if (!packed.NotAttempted()) mark.value = packed.value;
  return mark;
}

// The codes of people or aspects by row id (or slot): a table indexed by the id when the ids are
// close together, as a store numbers them, else a hash map. Looked up for every mark.
class CodesById {
 public:
  explicit CodesById(std::unordered_map<std::int64_t, std::string> by_id)
      : by_id_(std::move(by_id)) {
    if (by_id_.empty()) return;
    auto [low, high] = std::minmax_element(by_id_.begin(), by_id_.end(),
                                           [](auto& a, auto& b) { return a.first < b.first; });
    const std::int64_t span = high->first - low->first;
    if (span < 0 || span > 4 * static_cast<std::int64_t>(by_id_.size()) + 1024) return;
    low_ = low->first;
    dense_.resize(static_cast<std::size_t>(span) + 1);
    for (auto& [id, code] : by_id_) dense_[static_cast<std::size_t>(id - low_)] = &code;
  }

  // The code of `id`, or nullptr.
  const std::string* Find(std::int64_t id) const {
    if (!dense_.empty() || by_id_.empty()) {
      if (id < low_ || id - low_ >= static_cast<std::int64_t>(dense_.size())) return nullptr;
      return dense_[static_cast<std::size_t>(id - low_)];
    }
    auto found = by_id_.find(id);
    return found != by_id_.end() ? &found->second : nullptr;
  }

 private:
  std::unordered_map<std::int64_t, std::string> by_id_;
  std::int64_t low_ = 0;
  std::vector<const std::string*> dense_;
};

}  // namespace

void AuditLog::StreamExamMarks(std::int64_t exam_id,
                               const std::function<void(const ExamMark&)>& visit,
                               sqlite::PackedMarks* read) {
  sqlite::SmallPageCache small_cache(db_);
  // The aspect id of each slot: the exam's rubric version's, else that of the latest version of
  // its code that has the slot (a retired aspect).
  std::unordered_map<std::int64_t, std::string> aspect_by_slot;
  {
    Statement query = db_.Prepare(
        "SELECT a.slot, a.code FROM exams e JOIN rubrics x ON x.id = e.rubric "
        "JOIN rubrics r ON r.code = x.code JOIN rubric_aspects a ON a.rubric = r.id "
        "WHERE e.id = ?1 ORDER BY r.id = x.id DESC, r.id DESC");
    query.Bind(1, exam_id);
    while (query.Step()) aspect_by_slot.try_emplace(query.Int(0), query.Text(1));
  }
  const CodesById aspects(std::move(aspect_by_slot));
  // The codes of the exam's people by row id, looked up here rather than joined to every mark
  // row, so that the query reads the marks' own keys alone.
  auto codes = [&](const char* sql) {
    std::unordered_map<std::int64_t, std::string> by_id;
    Statement query = db_.Prepare(sql);
    query.Bind(1, exam_id);
    while (query.Step()) by_id.emplace(query.Int(0), query.Text(1));
    return by_id;
  };
  const CodesById candidates(codes("SELECT id, code FROM candidates WHERE exam = ?1"));
  const CodesById judges(codes("SELECT id, code FROM judges WHERE exam = ?1"));
  auto code = [](const CodesById& by_id, std::int64_t id, std::string& out) {
    if (const std::string* found = by_id.Find(id)) {
      out = *found;
    } else {
      out = fmt::format("#{}", id);
    }
  };
  ExamMark mark;
  auto hand_over = [&] {
    code(candidates, mark.stored.candidate, mark.candidate);
    code(judges, mark.stored.judge, mark.judge);
    if (const std::string* aspect = aspects.Find(mark.stored.aspect)) {
      mark.aspect = *aspect;
    } else {
      mark.aspect = fmt::format("#{}", mark.stored.aspect + 1);
    }
    visit(mark);
  };
  std::optional<sqlite::PackedMarks> own;
  if (read == nullptr) {
    own = sqlite::PackedMarks::Read(db_, exam_id);
    if (own) read = &*own;
  }
  if (read != nullptr) {
    read->SortByEntry();
    for (const sqlite::PackedMark& row : read->marks()) {
      mark.stored = Unpack(row, *read);
      hand_over();
    }
    return;
  }
  // SQLite's sorter orders the rows (spilling to temporary files when they do not fit in its
  // memory), in the order of StoredMark::Tuple: NULL values first, notes by their bytes.
  Statement query = db_.Prepare(
      fmt::format("SELECT {0} FROM marks WHERE candidate IN (SELECT id FROM candidates "
                  "WHERE exam = ?1) UNION ALL SELECT {0} FROM mark_history WHERE candidate IN "
                  "(SELECT id FROM candidates WHERE exam = ?1) ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9",
                  kColumns)
          .c_str());
  query.Bind(1, exam_id);
  while (query.Step()) {
    mark.stored = ReadStoredMark(query);
    hand_over();
  }
}

}  // namespace skillscore::audit
