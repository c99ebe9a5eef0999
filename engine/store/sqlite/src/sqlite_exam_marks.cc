// Every stored mark of one exam in entry order, for audit verification (AuditLog::StreamExamMarks).
//
// A marks event's digest covers its marks in entry order, and entry numbers count per exam, while
// the mark tables are keyed by candidate, aspect and panel and carry no exam: no index leads to
// one exam's marks by entry (an index on the entry alone would walk the same numbers of every
// exam in the database). Asking SQLite for "ORDER BY entry, …" made its sorter copy and sort every
// row of the exam (on a million marks, most of `results`). So the rows are read along the tables'
// own keys, one key range per candidate of the exam, packed into 40 bytes each (row ids and
// denominators as 32-bit numbers, notes interned), sorted here in exactly the order of the query
// below, and handed out one at a time. The packed rows are the only memory that grows with the
// exam: about 40 MB for a million marks, released before the caller goes on.
//
// A row whose numbers do not fit (only a direct edit of the file writes such) sends the whole
// exam through SQLite's sort instead: the same order, and the same digests.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "sqlite_audit.h"

namespace skillscore::audit {
namespace {

using sqlite::Statement;

// The columns of ReadStoredMark, current marks and replaced ones.
constexpr const char* kColumns =
    "entry, candidate, aspect, panel, judge, value, den, note, withdrawn";

// One mark row in 40 bytes.
struct PackedMark {
  std::int64_t entry = 0;
  std::int64_t value = 0;  // the numerator, unless kNotAttempted
  std::int32_t candidate = 0;
  std::int32_t aspect = 0;
  std::int32_t panel = 0;
  std::int32_t judge = 0;
  std::int32_t den = 1;
  // kNotAttempted | kWithdrawn | the note: 0 NULL, else 1 + its index in PackedMarks::notes_.
  std::uint32_t note_and_flags = 0;

  static constexpr std::uint32_t kNotAttempted = 1U << 31;
  static constexpr std::uint32_t kWithdrawn = 1U << 30;
  static constexpr std::uint32_t kNoteMask = kWithdrawn - 1;

  bool NotAttempted() const { return (note_and_flags & kNotAttempted) != 0; }
  bool Withdrawn() const { return (note_and_flags & kWithdrawn) != 0; }
  std::uint32_t Note() const { return note_and_flags & kNoteMask; }
};
static_assert(sizeof(PackedMark) == 40);

class PackedMarks {
 public:
  // Packs the row of `query`; false when it does not fit.
  bool Add(const Statement& query) {
    PackedMark mark{.entry = query.Int(0)};
    if (!Narrow(query.Int(1), mark.candidate) || !Narrow(query.Int(2), mark.aspect) ||
        !Narrow(query.Int(3), mark.panel) || !Narrow(query.Int(4), mark.judge) ||
        !Narrow(query.Int(6), mark.den)) {
      return false;
    }
    if (query.IsNull(5)) {
      mark.note_and_flags |= PackedMark::kNotAttempted;
    } else {
      mark.value = query.Int(5);
    }
    if (query.Int(8) != 0) mark.note_and_flags |= PackedMark::kWithdrawn;
    if (!query.IsNull(7)) {
      auto [note, added] = note_index_.try_emplace(query.Text(7), notes_.size() + 1);
      if (added) notes_.push_back(note->first);
      if (note->second > PackedMark::kNoteMask) return false;
      mark.note_and_flags |= static_cast<std::uint32_t>(note->second);
    }
    marks_.push_back(mark);
    return true;
  }

  void Reserve(std::size_t marks) { marks_.reserve(marks); }

  // In the order of StoredMark::Tuple, as SQLite orders those columns: a NULL value or note
  // first, notes by their bytes.
  void Sort() {
    auto key = [](const PackedMark& m) {
      return std::tuple(m.entry, m.candidate, m.aspect, m.panel, m.judge, !m.NotAttempted(),
                        m.NotAttempted() ? 0 : m.value, m.den);
    };
    auto before = [&](const PackedMark& a, const PackedMark& b) {
      if (a.entry != b.entry) return a.entry < b.entry;  // all but direct edits decide here
      if (key(a) != key(b)) return key(a) < key(b);
      if (a.Note() != b.Note()) {
        if (a.Note() == 0 || b.Note() == 0) return a.Note() == 0;
        return NoteText(a) < NoteText(b);
      }
      return !a.Withdrawn() && b.Withdrawn();
    };
    if (!std::is_sorted(marks_.begin(), marks_.end(), before)) {
      std::sort(marks_.begin(), marks_.end(), before);
    }
  }

  const std::vector<PackedMark>& marks() const { return marks_; }
  const std::string& NoteText(const PackedMark& mark) const { return notes_[mark.Note() - 1]; }

 private:
  static bool Narrow(std::int64_t wide, std::int32_t& narrow) {
    if (wide < std::numeric_limits<std::int32_t>::min() ||
        wide > std::numeric_limits<std::int32_t>::max()) {
      return false;
    }
    narrow = static_cast<std::int32_t>(wide);
    return true;
  }

  std::vector<PackedMark> marks_;
  std::vector<std::string> notes_;
  std::unordered_map<std::string, std::size_t> note_index_;
};

StoredMark Unpack(const PackedMark& packed, const PackedMarks& marks) {
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

// The marks and replaced marks of the exam's candidates, read along each table's primary key;
// nullopt when some row does not fit a PackedMark.
std::optional<PackedMarks> ReadPacked(sqlite::Database& db, std::int64_t exam_id) {
  PackedMarks packed;
  {
    // Room for every entry the exam's marks events own: the pages are touched only as rows come.
    Statement owned = db.Prepare(
        "SELECT coalesce(sum(entries), 0) FROM audit_events "
        "WHERE exam = (SELECT code FROM exams WHERE id = ?1) AND first_entry IS NOT NULL");
    owned.Bind(1, exam_id);
    constexpr std::int64_t kMostReserved = std::int64_t{1} << 26;
    if (owned.Step())
      packed.Reserve(
          static_cast<std::size_t>(std::clamp<std::int64_t>(owned.Int(0), 0, kMostReserved)));
  }
  for (const char* table : {"marks", "mark_history"}) {
    Statement query =
        db.Prepare(fmt::format("SELECT {} FROM {} WHERE candidate IN (SELECT id FROM candidates "
                               "WHERE exam = ?1)",
                               kColumns, table)
                       .c_str());
    query.Bind(1, exam_id);
    while (query.Step()) {
      if (!packed.Add(query)) return std::nullopt;
    }
  }
  packed.Sort();
  return packed;
}

}  // namespace

void AuditLog::StreamExamMarks(std::int64_t exam_id,
                               const std::function<void(const ExamMark&)>& visit) {
  sqlite::SmallPageCache small_cache(db_);
  // The aspect id of each slot: the exam's rubric version's, else that of the latest version of
  // its code that has the slot (a retired aspect).
  std::unordered_map<std::int64_t, std::string> aspects;
  {
    Statement query = db_.Prepare(
        "SELECT a.slot, a.code FROM exams e JOIN rubrics x ON x.id = e.rubric "
        "JOIN rubrics r ON r.code = x.code JOIN rubric_aspects a ON a.rubric = r.id "
        "WHERE e.id = ?1 ORDER BY r.id = x.id DESC, r.id DESC");
    query.Bind(1, exam_id);
    while (query.Step()) aspects.try_emplace(query.Int(0), query.Text(1));
  }
  // The codes of the exam's people by row id, looked up here rather than joined to every mark
  // row, so that the query reads the marks' own keys alone.
  auto codes = [&](const char* sql) {
    std::unordered_map<std::int64_t, std::string> by_id;
    Statement query = db_.Prepare(sql);
    query.Bind(1, exam_id);
    while (query.Step()) by_id.emplace(query.Int(0), query.Text(1));
    return by_id;
  };
  const auto candidates = codes("SELECT id, code FROM candidates WHERE exam = ?1");
  const auto judges = codes("SELECT id, code FROM judges WHERE exam = ?1");
  auto code = [](const std::unordered_map<std::int64_t, std::string>& by_id, std::int64_t id,
                 std::string& out) {
    auto found = by_id.find(id);
    if (found != by_id.end()) {
      out = found->second;
    } else {
      out = fmt::format("#{}", id);
    }
  };
  ExamMark mark;
  auto hand_over = [&] {
    code(candidates, mark.stored.candidate, mark.candidate);
    code(judges, mark.stored.judge, mark.judge);
    auto aspect = aspects.find(mark.stored.aspect);
    if (aspect != aspects.end()) {
      mark.aspect = aspect->second;
    } else {
      mark.aspect = fmt::format("#{}", mark.stored.aspect + 1);
    }
    visit(mark);
  };
  if (std::optional<PackedMarks> packed = ReadPacked(db_, exam_id)) {
    for (const PackedMark& row : packed->marks()) {
      mark.stored = Unpack(row, *packed);
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
