// Pass one of the rubric loader: the YAML tree → the Rubric model, with every local check.
#include <algorithm>
#include <unordered_map>

#include "rubric_internal.h"
#include "skillscore/i18n.h"
#include "skillscore/identifier.h"

namespace skillscore::internal {
namespace {

constexpr std::string_view kFormat = "skillscore-rubric/1";

// "'kind' must be one of: exam, competition; got 'test'" unless `text` is one of `allowed`.
bool CheckOneOf(const Field& field, const std::string& text,
                std::initializer_list<std::string_view> allowed, DiagnosticSink& sink) {
  if (std::find(allowed.begin(), allowed.end(), text) != allowed.end()) return true;
  std::string names;
  for (std::string_view name : allowed) names += (names.empty() ? "" : ", ") + std::string(name);
  sink.Error(field.ValueMark(),
             Tr("'{0}' must be one of: {1}; got '{2}'", field.name, names, text));
  return false;
}

// Printable ASCII without spaces, so that ids and codes survive file names and command lines.
bool IsPrintableAscii(std::string_view text, std::string_view also_forbidden) {
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return c > ' ' && c < 0x7F && also_forbidden.find(c) == std::string_view::npos;
  });
}

bool IsModuleId(std::string_view id) { return id.size() == 1 && id[0] >= 'A' && id[0] <= 'Z'; }

// A letter and a positive number without leading zeros: "A1", "C12".
bool IsSubcriterionId(std::string_view id) {
  return id.size() >= 2 && IsModuleId(id.substr(0, 1)) && id[1] >= '1' && id[1] <= '9' &&
         std::all_of(id.begin() + 2, id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Reads a text field and applies an extra check that may report at the value.
template <typename Check>
std::optional<std::string> TextWith(const MapReader& map, std::string_view key, Presence presence,
                                    DiagnosticSink& sink, Check check) {
  std::optional<Field> field = map.Get(key, presence);
  if (!field) return std::nullopt;
  std::optional<std::string> text = ReadText(*field, sink);
  if (text && !check(*field, *text)) return std::nullopt;
  return text;
}

// Sets `target` from an optional whole-number key when it lies in minimum…maximum (no upper
// bound when maximum is nullopt); reports it otherwise.
void ReadWholeNumberInto(const MapReader& map, std::string_view key, int minimum,
                         std::optional<int> maximum, int& target, DiagnosticSink& sink) {
  std::optional<Field> field = map.Get(key, Presence::kOptional);
  std::optional<int> value = field ? ReadWholeNumber(*field, sink) : std::nullopt;
  if (!value) return;
  bool in_range = maximum ? CheckBetween(*field, *value, minimum, *maximum, sink)
                          : CheckAtLeast(*field, *value, minimum, sink);
  if (in_range) target = *value;
}

class RubricReader {
 public:
  RubricReader(Rubric& rubric, RubricMarks& marks, DiagnosticSink& sink)
      : rubric_(rubric), marks_(marks), sink_(sink) {}

  void Read(const MapReader& root) {
    ReadHeader(root);
    ReadSections(root);
    ReadGrades(root);
    if (std::optional<MapReader> policy = root.Map(
            "policy", Presence::kOptional,
            {"judges", "max_spread", "conflict_of_interest", "rounding", "scale", "awards"})) {
      ReadPolicy(*policy);
    }
    ReadModules(root);
  }

 private:
  void ReadHeader(const MapReader& root) {
    rubric_.format =
        TextWith(root, "format", Presence::kRequired, sink_,
                 [&](const Field& field, const std::string& text) {
                   if (text == kFormat) return true;
                   sink_.Error(field.ValueMark(),
                               Tr("unknown format '{0}'; expected skillscore-rubric/1", text));
                   return false;
                 })
            .value_or("");
    rubric_.code =
        TextWith(root, "code", Presence::kRequired, sink_,
                 [&](const Field& field, const std::string& text) {
                   if (auto problem = IdentifierProblem("code", text)) {
                     sink_.Error(field.ValueMark(), *problem);
                     return false;
                   }
                   if (IsPrintableAscii(text, "@")) return true;
                   sink_.Error(
                       field.ValueMark(),
                       Tr("code '{0}' must be printable ASCII without spaces or '@'", text));
                   return false;
                 })
            .value_or("");
    rubric_.version = TextWith(root, "version", Presence::kRequired, sink_,
                               [&](const Field& field, const std::string& text) {
                                 auto problem = IdentifierProblem("version", text);
                                 if (problem) sink_.Error(field.ValueMark(), *problem);
                                 return !problem;
                               })
                          .value_or("");
    rubric_.title = root.Text("title", Presence::kRequired).value_or("");
    std::optional<std::string> kind = TextWith(
        root, "kind", Presence::kRequired, sink_, [&](const Field& field, const std::string& text) {
          return CheckOneOf(field, text, {"exam", "competition"}, sink_);
        });
    rubric_.kind = kind == "competition" ? RubricKind::kCompetition : RubricKind::kExam;
    if (std::optional<Field> max = root.Get("max", Presence::kRequired)) {
      marks_.max = max->ValueMark();
      std::optional<Rational> value = ReadNumber(*max, sink_);
      marks_.max_valid = value && CheckPositive(*max, *value, sink_);
      rubric_.max = value.value_or(0);
    }
  }

  void ReadSections(const MapReader& root) {
    std::optional<std::vector<Field>> items = root.List("sections", Presence::kRequired);
    if (!items) return;
    marks_.sections_read = true;
    for (const Field& item : *items) {
      std::optional<MapReader> map = MapReader::Open(item, {"id", "title", "target"}, sink_);
      if (!map) continue;
      Section section;
      SectionMarks marks{map->mark(), map->mark(), {}};
      if (std::optional<Field> id = map->Get("id", Presence::kRequired)) {
        marks.id = id->ValueMark();
        section.id = ReadText(*id, sink_).value_or("");
      }
      section.title = map->Text("title", Presence::kRequired).value_or("");
      if (std::optional<Field> target = map->Get("target", Presence::kOptional)) {
        marks.target = target->ValueMark();
        std::optional<Rational> value = ReadNumber(*target, sink_);
        if (value && CheckAtLeast(*target, *value, 0, sink_)) section.target = value;
      }
      rubric_.sections.push_back(std::move(section));
      marks_.sections.push_back(marks);
    }
  }

  // Only an exam has grades; every rubric carries a table (the default one unless an exam gives
  // its own) so that the model's invariant holds everywhere.
  void ReadGrades(const MapReader& root) {
    rubric_.grades = DefaultGradeTable();
    std::optional<Field> grades = root.Get("grades", Presence::kOptional);
    if (!grades) return;
    if (rubric_.kind == RubricKind::kCompetition) {
      sink_.Error(grades->key.Mark(),
                  Tr("'grades' apply only to kind exam; remove them from a competition rubric"));
      return;
    }
    std::optional<std::vector<Field>> items = ReadList(*grades, sink_);
    if (!items) return;
    rubric_.grades.clear();
    std::optional<Rational> row_above;
    std::optional<std::pair<Rational, YAML::Mark>> last_row_percent;
    for (const Field& item : *items) {
      last_row_percent.reset();
      std::optional<MapReader> map = MapReader::Open(item, {"grade", "min_percent"}, sink_);
      if (!map) continue;
      std::optional<int> grade = map->WholeNumber("grade", Presence::kRequired);
      std::optional<Field> field = map->Get("min_percent", Presence::kRequired);
      std::optional<Rational> percent = field ? ReadNumber(*field, sink_) : std::nullopt;
      if (!percent || !CheckBetween(*field, *percent, 0, 100, sink_)) continue;
      if (row_above && *percent >= *row_above) {
        sink_.Error(field->ValueMark(),
                    Tr("min_percent {0} must be lower than {1} in the row above",
                       MessageDecimal(*percent), MessageDecimal(*row_above)));
      }
      row_above = percent;
      last_row_percent.emplace(*percent, field->ValueMark());
      if (grade) rubric_.grades.push_back({*grade, *percent});
    }
    if (last_row_percent && last_row_percent->first != 0) {
      sink_.Error(last_row_percent->second,
                  Tr("the last grade row must have min_percent 0, got {0}",
                     MessageDecimal(last_row_percent->first)));
    }
  }

  void ReadPolicy(const MapReader& map) {
    Policy& policy = rubric_.policy;
    ReadWholeNumberInto(map, "judges", 1, std::nullopt, policy.judges, sink_);
    ReadWholeNumberInto(map, "max_spread", 0, 3, policy.max_spread, sink_);
    if (auto value = TextWith(map, "conflict_of_interest", Presence::kOptional, sink_,
                              [&](const Field& field, const std::string& text) {
                                return CheckOneOf(field, text, {"organization", "none"}, sink_);
                              })) {
      policy.conflict_of_interest =
          *value == "none" ? ConflictRule::kNone : ConflictRule::kOrganization;
    }
    if (auto rounding = map.Map("rounding", Presence::kOptional, {"aspect", "report"})) {
      ReadRounding(*rounding);
    }
    if (auto scale = map.Map("scale", Presence::kOptional, {"method", "centre", "spread"})) {
      ReadScale(*scale);
    }
    if (auto awards = map.Map("awards", Presence::kOptional, {"min_competitors", "medallion"})) {
      ReadWholeNumberInto(*awards, "min_competitors", 0, std::nullopt, policy.min_competitors,
                          sink_);
      ReadWholeNumberInto(*awards, "medallion", 0, 1000, policy.medallion, sink_);
    }
  }

  void ReadRounding(const MapReader& map) {
    if (auto field = map.Get("aspect", Presence::kOptional)) {
      bool exact = field->value.IsScalar() && field->value.Scalar() == "exact";
      std::optional<int> decimals = exact ? std::nullopt : ParseWholeNumber(field->value);
      // Fewer than 2 decimals could round a full mark above its maximum (0.25 → 0.3).
      if (decimals && *decimals >= 2 && *decimals <= 6) {
        rubric_.policy.aspect_rounding = decimals;
      } else if (!exact) {
        sink_.Error(field->ValueMark(),
                    Tr("'{0}' must be exact or a whole number of decimals from 2 to 6, got {1}",
                       field->name, Describe(field->value)));
      }
    }
    ReadWholeNumberInto(map, "report", 0, 6, rubric_.policy.report_decimals, sink_);
  }

  void ReadScale(const MapReader& map) {
    Policy& policy = rubric_.policy;
    if (auto method =
            TextWith(map, "method", Presence::kOptional, sink_,
                     [&](const Field& field, const std::string& text) {
                       return CheckOneOf(field, text, {"robust", "zscore", "none"}, sink_);
                     })) {
      policy.scale_method = *method == "zscore" ? ScaleMethod::kZScore
                            : *method == "none" ? ScaleMethod::kNone
                                                : ScaleMethod::kRobust;
    }
    ReadPositiveNumberInto(map, "centre", policy.scale_centre);
    ReadPositiveNumberInto(map, "spread", policy.scale_spread);
  }

  void ReadPositiveNumberInto(const MapReader& map, std::string_view key, Rational& target) {
    std::optional<Field> field = map.Get(key, Presence::kOptional);
    std::optional<Rational> value = field ? ReadNumber(*field, sink_) : std::nullopt;
    if (value && CheckPositive(*field, *value, sink_)) target = *value;
  }

  void ReadModules(const MapReader& root) {
    std::optional<std::vector<Field>> items = root.List("modules", Presence::kRequired);
    if (!items) {
      marks_.maxima_complete = false;
      return;
    }
    for (const Field& item : *items) {
      std::optional<MapReader> map = MapReader::Open(item, {"id", "title", "subcriteria"}, sink_);
      if (!map) {
        marks_.maxima_complete = false;
        continue;
      }
      Module module;
      ModuleMarks marks{map->mark(), map->mark(), {}};
      if (std::optional<Field> id = map->Get("id", Presence::kRequired)) {
        marks.id = id->ValueMark();
        module.id = ReadText(*id, sink_).value_or("");
        if (!module.id.empty() && !IsModuleId(module.id)) {
          sink_.Error(marks.id, Tr("module id '{0}' must be a single letter A–Z", module.id));
        }
      }
      module.title = map->Text("title", Presence::kRequired).value_or("");
      ReadSubcriteria(*map, module, marks);
      rubric_.modules.push_back(std::move(module));
      marks_.modules.push_back(std::move(marks));
    }
  }

  void ReadSubcriteria(const MapReader& module_map, Module& module, ModuleMarks& module_marks) {
    std::optional<std::vector<Field>> items = module_map.List("subcriteria", Presence::kRequired);
    if (!items) {
      marks_.maxima_complete = false;
      return;
    }
    for (const Field& item : *items) {
      std::optional<MapReader> map =
          MapReader::Open(item, {"id", "title", "day", "aspects"}, sink_);
      if (!map) {
        marks_.maxima_complete = false;
        continue;
      }
      Subcriterion subcriterion;
      SubcriterionMarks marks{map->mark(), map->mark(), {}};
      if (std::optional<Field> id = map->Get("id", Presence::kRequired)) {
        marks.id = id->ValueMark();
        subcriterion.id = ReadText(*id, sink_).value_or("");
        CheckSubcriterionId(subcriterion.id, module.id, marks.id);
      }
      subcriterion.title = map->Text("title", Presence::kRequired).value_or("");
      ReadWholeNumberInto(*map, "day", 1, std::nullopt, subcriterion.day, sink_);
      ReadAspects(*map, subcriterion, marks);
      module.subcriteria.push_back(std::move(subcriterion));
      module_marks.subcriteria.push_back(std::move(marks));
    }
  }

  void CheckSubcriterionId(const std::string& id, const std::string& module_id,
                           const YAML::Mark& mark) {
    if (id.empty()) return;
    if (!IsSubcriterionId(id)) {
      sink_.Error(mark, Tr("sub-criterion id '{0}' must be a module letter followed by a number, "
                           "e.g. A1",
                           id));
    } else if (IsModuleId(module_id) && id[0] != module_id[0]) {
      sink_.Error(mark, Tr("sub-criterion id '{0}' must start with the letter of its module {1}",
                           id, module_id));
    }
  }

  void ReadAspects(const MapReader& subcriterion_map, Subcriterion& subcriterion,
                   SubcriterionMarks& subcriterion_marks) {
    std::optional<std::vector<Field>> items = subcriterion_map.List("aspects", Presence::kRequired);
    if (!items) {
      marks_.maxima_complete = false;
      return;
    }
    for (std::size_t index = 0; index < items->size(); ++index) {
      std::optional<MapReader> map =
          MapReader::Open((*items)[index],
                          {"id", "type", "text", "section", "max", "calculation", "levels"}, sink_);
      if (!map) {
        marks_.maxima_complete = false;
        continue;
      }
      Aspect aspect;
      AspectMarks marks{map->mark(), map->mark(), map->mark(), true};
      ReadAspectId(*map, subcriterion.id, index + 1, aspect, marks);
      ReadAspect(*map, aspect, marks);
      subcriterion.aspects.push_back(std::move(aspect));
      subcriterion_marks.aspects.push_back(marks);
    }
  }

  // An explicit id, or `<subcriterion>.<n>` (left empty when the sub-criterion has no id).
  void ReadAspectId(const MapReader& map, const std::string& subcriterion_id, std::size_t position,
                    Aspect& aspect, AspectMarks& marks) {
    std::optional<Field> id = map.Get("id", Presence::kOptional);
    if (!id) {
      if (!subcriterion_id.empty()) aspect.id = subcriterion_id + "." + std::to_string(position);
      return;
    }
    marks.id = id->ValueMark();
    marks.default_id = false;
    aspect.id = ReadText(*id, sink_).value_or("");
    if (!aspect.id.empty() && !IsPrintableAscii(aspect.id, "")) {
      sink_.Error(marks.id,
                  Tr("aspect id '{0}' must be printable ASCII without spaces", aspect.id));
    }
  }

  void ReadAspect(const MapReader& map, Aspect& aspect, AspectMarks& marks) {
    std::optional<std::string> type = TextWith(
        map, "type", Presence::kRequired, sink_, [&](const Field& field, const std::string& text) {
          return CheckOneOf(field, text, {"measurement", "judgement"}, sink_);
        });
    aspect.type = type == "judgement" ? AspectType::kJudgement : AspectType::kMeasurement;
    aspect.text = map.Text("text", Presence::kRequired).value_or("");
    if (std::optional<Field> section = map.Get("section", Presence::kRequired)) {
      marks.section = section->ValueMark();
      aspect.section = ReadText(*section, sink_).value_or("");
    }
    ReadAspectMax(map, aspect);
    if (type == "measurement") {
      ReadMeasurement(map, aspect);
    } else if (type == "judgement") {
      ReadJudgement(map, aspect);
    }
  }

  void ReadAspectMax(const MapReader& map, Aspect& aspect) {
    std::optional<Field> max = map.Get("max", Presence::kRequired);
    std::optional<Rational> value = max ? ReadNumber(*max, sink_) : std::nullopt;
    bool valid = value && CheckPositive(*max, *value, sink_);
    if (valid && !value->HasAtMostDecimals(2)) {
      sink_.Error(max->ValueMark(), Tr("'{0}' must have at most 2 decimals, got {1}", max->name,
                                       MessageDecimal(*value)));
      valid = false;
    }
    if (valid) {
      aspect.max = *value;
    } else {
      marks_.maxima_complete = false;
    }
  }

  void ReadMeasurement(const MapReader& map, Aspect& aspect) {
    if (std::optional<Field> levels = map.Get("levels", Presence::kOptional)) {
      sink_.Error(levels->key.Mark(), Tr("'levels' apply only to judgement aspects"));
    }
    if (std::optional<Field> calculation = map.Get("calculation", Presence::kOptional)) {
      ReadCalculation(*calculation, aspect);
    }
  }

  void ReadJudgement(const MapReader& map, Aspect& aspect) {
    if (std::optional<Field> calculation = map.Get("calculation", Presence::kOptional)) {
      sink_.Error(calculation->key.Mark(), Tr("'calculation' applies only to measurement aspects"));
    }
    std::optional<MapReader> levels = map.Map("levels", Presence::kRequired, {"0", "1", "2", "3"});
    if (!levels) return;
    std::string missing;
    for (int score = 0; score < 4; ++score) {
      std::string key = std::to_string(score);
      if (std::optional<Field> level = levels->Get(key, Presence::kOptional)) {
        aspect.levels[score] = ReadText(*level, sink_).value_or("");
      } else {
        missing += (missing.empty() ? "" : ", ") + key;
      }
    }
    if (!missing.empty()) {
      sink_.Error(levels->mark(),
                  Tr("a judgement aspect needs levels 0, 1, 2 and 3; missing: {0}", missing));
    }
  }

  // pass_fail (plain or as `{pass_fail: }`), {number_completed: n}, {choice: […]}, {ranged: […]}.
  void ReadCalculation(const Field& field, Aspect& aspect) {
    if (field.value.IsScalar() && field.value.Scalar() == "pass_fail") return;
    if (!field.value.IsMap()) {
      ReportType(field, Tr("pass_fail or a mapping with number_completed, choice or ranged"),
                 sink_);
      return;
    }
    std::optional<MapReader> map = MapReader::Open(
        field, {"pass_fail", "number_completed", "choice", "ranged"}, sink_, field.name + ".");
    std::vector<Field> chosen = map->Fields();
    if (chosen.size() != 1) {
      if (chosen.size() > 1 || field.value.size() == 0) {
        sink_.Error(map->mark(), Tr("'{0}' must have exactly one of pass_fail, number_completed, "
                                    "choice, ranged",
                                    field.name));
      }
      return;
    }
    const Field& kind = chosen.front();
    const std::string& name = kind.key.Scalar();
    if (name == "pass_fail") {
      if (!kind.value.IsNull()) {
        sink_.Error(kind.ValueMark(),
                    Tr("'{0}' takes no value, got {1}", kind.name, Describe(kind.value)));
      }
    } else if (name == "number_completed") {
      aspect.calculation = Calculation::kNumberCompleted;
      std::optional<int> count = ReadWholeNumber(kind, sink_);
      if (count && CheckAtLeast(kind, *count, 1, sink_)) aspect.number_completed = *count;
    } else if (name == "choice") {
      aspect.calculation = Calculation::kChoice;
      ReadChoice(kind, aspect);
    } else {
      aspect.calculation = Calculation::kRanged;
      ReadRanged(kind, aspect);
    }
  }

  void ReadChoice(const Field& field, Aspect& aspect) {
    std::optional<std::vector<Field>> items = ReadList(field, sink_);
    if (!items) return;
    if (items->size() < 2) {
      sink_.Error(field.ValueMark(),
                  Tr("'{0}' needs at least 2 options, got {1}", field.name, items->size()));
    }
    std::unordered_map<std::string, int> label_lines;
    for (const Field& item : *items) {
      std::optional<MapReader> map = MapReader::Open(item, {"label", "deduct"}, sink_);
      if (!map) continue;
      std::optional<std::string> label;
      if (std::optional<Field> field = map->Get("label", Presence::kRequired)) {
        label = ReadText(*field, sink_);
        int line = field->ValueMark().line + 1;
        if (label && !label_lines.emplace(*label, line).second) {
          sink_.Error(field->ValueMark(), Tr("duplicate choice label '{0}' (first at line {1})",
                                             *label, label_lines[*label]));
        }
      }
      std::optional<Rational> deduct = ReadDeduct(*map);
      if (label && deduct) aspect.options.push_back({*label, *deduct});
    }
  }

  void ReadRanged(const Field& field, Aspect& aspect) {
    std::optional<std::vector<Field>> items = ReadList(field, sink_);
    if (!items) return;
    for (const Field& item : *items) {
      std::optional<MapReader> map = MapReader::Open(item, {"from", "to", "deduct"}, sink_);
      if (!map) continue;
      std::optional<Field> from_field = map->Get("from", Presence::kRequired);
      std::optional<Rational> from = from_field ? ReadNumber(*from_field, sink_) : std::nullopt;
      std::optional<Rational> to = map->Number("to", Presence::kRequired);
      std::optional<Rational> deduct = ReadDeduct(*map);
      if (from && to && *from > *to) {
        sink_.Error(from_field->ValueMark(), Tr("range from {0} to {1} is empty: 'from' must not "
                                                "exceed 'to'",
                                                MessageDecimal(*from), MessageDecimal(*to)));
      } else if (from && to && deduct) {
        aspect.ranges.push_back({*from, *to, *deduct});
      }
    }
  }

  std::optional<Rational> ReadDeduct(const MapReader& map) {
    std::optional<Field> field = map.Get("deduct", Presence::kRequired);
    std::optional<Rational> value = field ? ReadNumber(*field, sink_) : std::nullopt;
    if (!value || !CheckBetween(*field, *value, 0, 100, sink_)) return std::nullopt;
    return value;
  }

  Rubric& rubric_;
  RubricMarks& marks_;
  DiagnosticSink& sink_;
};

}  // namespace

void ReadRubric(const YAML::Node& root, Rubric& rubric, RubricMarks& marks, DiagnosticSink& sink) {
  if (!root.IsMap()) {
    sink.Error(root.Mark().is_null() ? YAML::Mark() : root.Mark(),
               Tr("a rubric must be a mapping with keys such as format, code and modules, got {0}",
                  Describe(root)));
    marks.maxima_complete = false;
    return;
  }
  std::optional<MapReader> map = MapReader::Open(Field{"", {}, root},
                                                 {"format", "code", "version", "title", "kind",
                                                  "max", "sections", "grades", "policy", "modules"},
                                                 sink);
  RubricReader(rubric, marks, sink).Read(*map);
}

}  // namespace skillscore::internal
