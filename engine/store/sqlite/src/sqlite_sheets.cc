#include "sqlite_sheets.h"

#include <algorithm>
#include <optional>
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
    CandidateSheet sheet{people_.candidates[index],
                         std::vector<AspectRecord>(rubric_.AspectCount())};
    ReadSheet(people_.candidate_ids[index], sheet);
    return sheet;
  }

 private:
  void ReadSheet(std::int64_t candidate, CandidateSheet& sheet) {
    ReadFirstEntriesOfReplaced(candidate);
    std::size_t next_replaced = 0;
    std::optional<std::size_t> gathering;  // the judgement aspect whose panel is in gathered_
    marks_.Bind(1, candidate);
    while (marks_.Step()) {
      const Place place{marks_.Int(0), marks_.Int(1)};
      std::optional<std::size_t> ordinal = slots_.OrdinalOf(place.slot);
      if (!ordinal) continue;
      const std::int64_t entry = marks_.Int(5);
      while (next_replaced < replaced_places_.size() &&
             replaced_places_[next_replaced].first < place) {
        ++next_replaced;
      }
      std::int64_t first_entry = entry;
      if (next_replaced < replaced_places_.size() &&
          replaced_places_[next_replaced].first == place) {
        first_entry = std::min(first_entry, replaced_places_[next_replaced].second);
      }
      MarkValue value;
      value.not_attempted = marks_.IsNull(3);
      if (!value.not_attempted) value.number = Rational::Of(marks_.Int(3), marks_.Int(4));
      AspectRecord& record = sheet.aspects[*ordinal];
      if (rubric_.AspectAt(*ordinal).type == AspectType::kMeasurement) {
        if (!record.measurement || entry > measurement_entry_) {  // the latest entry counts
          record.measurement = value;
          measurement_entry_ = entry;
        }
        continue;
      }
      if (gathering != ordinal) {
        if (gathering) SettlePanel(sheet.aspects[*gathering].panel);
        gathering = ordinal;
      }
      Gather(first_entry, entry,
             {people_.judge_codes.at(marks_.Int(2)), static_cast<int>(value.number.numerator())});
    }
    marks_.Reset();
    if (gathering) SettlePanel(sheet.aspects[*gathering].panel);
  }

  // Where a judge's score was replaced, the first entry of that place (its current entry is later).
  void ReadFirstEntriesOfReplaced(std::int64_t candidate) {
    replaced_places_.clear();
    replaced_.Bind(1, candidate);
    while (replaced_.Step()) {
      replaced_places_.push_back({{replaced_.Int(0), replaced_.Int(1)}, replaced_.Int(2)});
    }
    replaced_.Reset();
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
  for (std::size_t i = 0; i < people.candidates.size(); ++i) take(reader.ReadOne(i));
}

CandidateSheet ReadCurrentSheet(Database& db, const Rubric& rubric, const AspectSlots& slots,
                                const StoredPeople& people, std::size_t index) {
  return SheetReader(db, rubric, slots, people).ReadOne(index);
}

}  // namespace skillscore::sqlite
