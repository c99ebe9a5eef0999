#include "sqlite_packed_marks.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <tuple>

namespace skillscore::sqlite {
namespace {

bool Narrow(std::int64_t wide, std::int32_t& narrow) {
  if (wide < std::numeric_limits<std::int32_t>::min() ||
      wide > std::numeric_limits<std::int32_t>::max()) {
    return false;
  }
  narrow = static_cast<std::int32_t>(wide);
  return true;
}

// The primary keys of marks (candidate, aspect, panel) and mark_history (… , entry).
bool KeyBefore(const PackedMark& a, const PackedMark& b) {
  return std::tie(a.candidate, a.aspect, a.panel, a.entry) <
         std::tie(b.candidate, b.aspect, b.panel, b.entry);
}

// The rows in key order: SQLite reads them so, one candidate of the IN list after another, but
// the order of the list is its choice.
void KeepKeyOrder(std::vector<PackedMark>::iterator begin, std::vector<PackedMark>::iterator end) {
  if (!std::is_sorted(begin, end, KeyBefore)) std::sort(begin, end, KeyBefore);
}

}  // namespace

std::optional<PackedMarks> PackedMarks::Read(Database& db, std::int64_t exam_id) {
  PackedMarks packed;
  packed.exam_id_ = exam_id;
  {
    // Room for every entry the exam's marks events own: the pages are touched only as rows come.
    Statement owned = db.Prepare(
        "SELECT coalesce(sum(entries), 0) FROM audit_events "
        "WHERE exam = (SELECT code FROM exams WHERE id = ?1) AND first_entry IS NOT NULL");
    owned.Bind(1, exam_id);
    constexpr std::int64_t kMostReserved = std::int64_t{1} << 26;
    if (owned.Step()) {
      packed.marks_.reserve(
          static_cast<std::size_t>(std::clamp<std::int64_t>(owned.Int(0), 0, kMostReserved)));
    }
  }
  auto read = [&](const char* table) {
    Statement query = db.Prepare(
        fmt::format("SELECT entry, candidate, aspect, panel, judge, value, den, note, withdrawn "
                    "FROM {} WHERE candidate IN (SELECT id FROM candidates WHERE exam = ?1)",
                    table)
            .c_str());
    query.Bind(1, exam_id);
    while (query.Step()) {
      if (!packed.Add(query)) return false;
    }
    return true;
  };
  if (!read("marks")) return std::nullopt;
  packed.current_ = packed.marks_.size();
  if (!read("mark_history")) return std::nullopt;
  const auto replaced = packed.marks_.begin() + static_cast<std::ptrdiff_t>(packed.current_);
  KeepKeyOrder(packed.marks_.begin(), replaced);
  KeepKeyOrder(replaced, packed.marks_.end());
  return packed;
}

bool PackedMarks::Add(const Statement& query) {
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

std::span<const PackedMark> PackedMarks::Current() const {
  return std::span<const PackedMark>(marks_).first(current_);
}

std::span<const PackedMark> PackedMarks::Replaced() const {
  return std::span<const PackedMark>(marks_).subspan(current_);
}

std::span<const PackedMark> PackedMarks::Of(std::span<const PackedMark> rows,
                                            std::int32_t candidate) {
  auto first =
      std::lower_bound(rows.begin(), rows.end(), candidate,
                       [](const PackedMark& mark, std::int32_t id) { return mark.candidate < id; });
  auto last =
      std::upper_bound(first, rows.end(), candidate,
                       [](std::int32_t id, const PackedMark& mark) { return id < mark.candidate; });
  return {first, last};
}

void PackedMarks::SortByEntry() {
  if (sorted_by_entry_) return;
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
  sorted_by_entry_ = true;
  current_ = 0;
}

}  // namespace skillscore::sqlite
