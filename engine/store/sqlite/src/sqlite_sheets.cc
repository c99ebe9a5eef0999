#include "sqlite_sheets.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <span>
#include <utility>

namespace skillscore::sqlite {
namespace {

// A place of a sheet in the marks table: its aspect slot and panel (0 for a measurement, else
// the judge's row id). The primary keys of marks and mark_history both begin (candidate, slot,
// panel), so both queries below come in this order without a sort.
struct Place {
  std::int64_t slot = 0;
  std::int64_t panel = 0;
  friend auto operator<=>(const Place&, const Place&) = default;
};

// One judge's current score in a panel being gathered, with the entry that decides its place.
struct GatheredScore {
  std::int64_t first_entry = 0;
  std::int64_t entry = 0;
  PanelScore score;
};

// A current mark of a candidate, as the sheet needs it.
struct CurrentMark {
  Place place;
  std::int64_t judge = 0;
  std::optional<std::int64_t> value;  // nullopt: not attempted
  std::int64_t den = 1;
  std::int64_t entry = 0;
};

class SheetReader {
 public:
  SheetReader(Database& db, const Rubric& rubric, const AspectSlots& slots,
              const StoredPeople& people)
      : rubric_(rubric),
        slots_(slots),
        people_(people),
        marks_(db.Prepare("SELECT aspect, panel, judge, value, den, entry FROM marks "
                          "WHERE candidate = ?1 AND withdrawn = 0 ORDER BY aspect, panel")),
        replaced_(
            db.Prepare("SELECT aspect, panel, min(entry) FROM mark_history "
                       "WHERE candidate = ?1 GROUP BY aspect, panel ORDER BY aspect, panel")) {}

  std::vector<CandidateSheet> Read() {
    std::vector<CandidateSheet> sheets;
    sheets.reserve(people_.candidates.size());
    for (std::size_t i = 0; i < people_.candidates.size(); ++i) sheets.push_back(ReadOne(i));
    return sheets;
  }

  // The sheet of the candidate at `index` of the people.
  CandidateSheet ReadOne(std::size_t index) {
    CandidateSheet sheet;
    ReadInto(index, sheet);
    return sheet;
  }

  // The same into `sheet`, whose memory is reused: a stream of sheets then allocates no panel
  // after the first candidate's.
  void ReadInto(std::size_t index, CandidateSheet& sheet) {
    const std::int64_t candidate = people_.candidate_ids[index];
    replaced_places_.clear();
    replaced_.Bind(1, candidate);
    while (replaced_.Step()) {
      replaced_places_.push_back({{replaced_.Int(0), replaced_.Int(1)}, replaced_.Int(2)});
    }
    replaced_.Reset();
    marks_.Bind(1, candidate);
    Assemble(index, sheet, [&](CurrentMark& mark) {
      if (!marks_.Step()) return false;
      mark = {.place = {marks_.Int(0), marks_.Int(1)},
              .judge = marks_.Int(2),
              .value = std::nullopt,
              .den = marks_.Int(4),
              .entry = marks_.Int(5)};
      if (!marks_.IsNull(3)) mark.value = marks_.Int(3);
      return true;
    });
    marks_.Reset();
  }

  // The same sheet into `sheet` from the exam's marks read already (in key order).
  void BuildInto(std::size_t index, const PackedMarks& marks, CandidateSheet& sheet) {
    const std::int64_t id = people_.candidate_ids[index];
    std::span<const PackedMark> current;
    std::span<const PackedMark> replaced;
    if (id >= std::numeric_limits<std::int32_t>::min() &&
        id <= std::numeric_limits<std::int32_t>::max()) {
      const auto candidate = static_cast<std::int32_t>(id);
      current = PackedMarks::Of(marks.Current(), candidate);
      replaced = PackedMarks::Of(marks.Replaced(), candidate);
    }
    replaced_places_.clear();
    for (const PackedMark& row : replaced) {  // by place, then entry: the first is the least
      const Place place{row.aspect, row.panel};
      if (replaced_places_.empty() || replaced_places_.back().first != place) {
        replaced_places_.push_back({place, row.entry});
      }
    }
    auto next = current.begin();
    Assemble(index, sheet, [&](CurrentMark& mark) {
      while (next != current.end() && next->Withdrawn()) ++next;
      if (next == current.end()) return false;
      mark = {.place = {next->aspect, next->panel},
              .judge = next->judge,
              .value = std::nullopt,
              .den = next->den,
              .entry = next->entry};
      if (!next->NotAttempted()) mark.value = next->value;
      ++next;
      return true;
    });
  }

 private:
  // The sheet of the candidate at `index` from their current marks, not withdrawn, in key order
  // (`next` fills in the next one, false when there is none), given replaced_places_.
  template <typename NextMark>
  void Assemble(std::size_t index, CandidateSheet& sheet, NextMark next) {
    sheet.candidate = people_.candidates[index];
    if (sheet.aspects.size() != rubric_.AspectCount()) {
      sheet.aspects.assign(rubric_.AspectCount(), AspectRecord());
    } else {
      for (AspectRecord& record : sheet.aspects) {
        record.measurement.reset();
        record.panel.clear();
      }
    }
    std::size_t next_replaced = 0;
    std::optional<std::size_t> gathering;  // the judgement aspect whose panel is in gathered_
    CurrentMark mark;
    while (next(mark)) {
      std::optional<std::size_t> ordinal = slots_.OrdinalOf(mark.place.slot);
      if (!ordinal) continue;
      while (next_replaced < replaced_places_.size() &&
             replaced_places_[next_replaced].first < mark.place) {
        ++next_replaced;
      }
      std::int64_t first_entry = mark.entry;
      if (next_replaced < replaced_places_.size() &&
          replaced_places_[next_replaced].first == mark.place) {
        first_entry = std::min(first_entry, replaced_places_[next_replaced].second);
      }
      MarkValue value;
      value.not_attempted = !mark.value;
      if (mark.value) value.number = Rational::Of(*mark.value, mark.den);
      AspectRecord& record = sheet.aspects[*ordinal];
      if (rubric_.AspectAt(*ordinal).type == AspectType::kMeasurement) {
        if (!record.measurement || mark.entry > measurement_entry_) {  // the latest entry counts
          record.measurement = value;
          measurement_entry_ = mark.entry;
        }
        continue;
      }
      if (gathering != ordinal) {
        if (gathering) SettlePanel(sheet.aspects[*gathering].panel);
        gathering = ordinal;
      }
      Gather(first_entry, mark.entry,
             {people_.judge_codes.at(mark.judge), static_cast<int>(value.number.numerator())});
    }
    if (gathering) SettlePanel(sheet.aspects[*gathering].panel);
  }

  // A judge's score joins the panel; should the same judge stand in two places (a measurement
  // turned judgement by a corrected rubric), the later entry counts, placed by the earlier one.
  void Gather(std::int64_t first_entry, std::int64_t entry, PanelScore score) {
    for (GatheredScore& gathered : gathered_) {
      if (gathered.score.judge != score.judge) continue;
      if (entry > gathered.entry) {
        gathered.entry = entry;
        gathered.score.score = score.score;
      }
      gathered.first_entry = std::min(gathered.first_entry, first_entry);
      return;
    }
    gathered_.push_back({first_entry, entry, std::move(score)});
  }

  // The gathered panel in order of each judge's first entry, as BuildSheets orders it.
  void SettlePanel(std::vector<PanelScore>& panel) {
    std::sort(gathered_.begin(), gathered_.end(),
              [](const GatheredScore& a, const GatheredScore& b) {
                return a.first_entry < b.first_entry;
              });
    panel.reserve(gathered_.size());
    for (GatheredScore& gathered : gathered_) panel.push_back(std::move(gathered.score));
    gathered_.clear();
  }

  const Rubric& rubric_;
  const AspectSlots& slots_;
  const StoredPeople& people_;
  Statement marks_;
  Statement replaced_;
  std::vector<std::pair<Place, std::int64_t>> replaced_places_;
  std::vector<GatheredScore> gathered_;
  std::int64_t measurement_entry_ = 0;
};

}  // namespace

std::vector<CandidateSheet> ReadCurrentSheets(Database& db, const Rubric& rubric,
                                              const AspectSlots& slots,
                                              const StoredPeople& people) {
  SmallPageCache small_cache(db);
  return SheetReader(db, rubric, slots, people).Read();
}

void StreamCurrentSheets(Database& db, const Rubric& rubric, const AspectSlots& slots,
                         const StoredPeople& people,
                         const std::function<void(const CandidateSheet&)>& take) {
  SmallPageCache small_cache(db);
  SheetReader reader(db, rubric, slots, people);
  CandidateSheet sheet;
  for (std::size_t i = 0; i < people.candidates.size(); ++i) {
    reader.ReadInto(i, sheet);
    take(sheet);
  }
}

AuditReport VerifyAndStreamSheets(Database& db, audit::AuditLog& audit, const ExamKey& exam,
                                  const AspectSlots& slots, const StoredPeople& people,
                                  const Rubric& rubric,
                                  const std::function<void(const CandidateSheet&)>& take) {
  SmallPageCache small_cache(db);
  std::optional<PackedMarks> marks = PackedMarks::Read(db, exam.id);
  if (!marks) {
    AuditReport report = audit.Verify(exam.code);
    StreamCurrentSheets(db, rubric, slots, people, take);
    return report;
  }
  SheetReader reader(db, rubric, slots, people);
  CandidateSheet sheet;
  for (std::size_t i = 0; i < people.candidates.size(); ++i) {
    reader.BuildInto(i, *marks, sheet);
    take(sheet);
  }
  return audit.Verify(exam.code, &*marks);
}

CandidateSheet ReadCurrentSheet(Database& db, const Rubric& rubric, const AspectSlots& slots,
                                const StoredPeople& people, std::size_t index) {
  return SheetReader(db, rubric, slots, people).ReadOne(index);
}

}  // namespace skillscore::sqlite
