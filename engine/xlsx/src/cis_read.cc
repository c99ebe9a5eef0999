// ReadCisWorkbook: the CIS workbook → rubric YAML (with each line's cell) → the rubric loader.
#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "cis_layout.h"
#include "skillscore/cis_workbook.h"
#include "skillscore/i18n.h"
#include "skillscore/json_string.h"
#include "skillscore/text.h"
#include "skillscore/xlsx_reader.h"

namespace skillscore {
namespace {

using cis::kCalculationsSheet;
using cis::kSchemeSheet;
using cis::kSkillscoreSheet;
using cis::kUnboundedUpper;

// A cell's place for messages: "Sheet!K57".
std::string Place(const std::string& sheet, CellPosition position) {
  return sheet + "!" + CellName(position);
}

// The YAML being built, with the cell each line came from.
class YamlText {
 public:
  void Line(int indent, const std::string& content, const std::string& origin) {
    text_ += std::string(static_cast<std::size_t>(indent) * 2, ' ') + content + '\n';
    origins_.push_back(origin);
  }
  const std::string& text() const { return text_; }
  // The cell of a 1-based line; empty when unknown.
  std::string Origin(int line) const {
    if (line < 1 || line > static_cast<int>(origins_.size())) return "";
    return origins_[static_cast<std::size_t>(line - 1)];
  }

 private:
  std::string text_;
  std::vector<std::string> origins_;
};

// A YAML double-quoted scalar: a JSON string is one (json_string.h, the rubric hash's escaping).
std::string Quoted(std::string_view text) {
  std::string out;
  AppendJsonString(text, out, kRubricJsonString);
  return out;
}

// A cell's text without the blanks and line breaks around it.
std::string Trimmed(std::string_view text) { return std::string(Trim(text, kWhitespace)); }

// Header text compared without case and with every run of spaces or line breaks as one space.
std::string HeaderKey(std::string_view text) {
  std::string key;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      if (!key.empty() && key.back() != ' ') key += ' ';
    } else {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

// A YAML scalar for a number read from a cell or a parameter: plain when it is a decimal (a
// decimal comma accepted), else quoted so that the loader reports it as "not a number".
std::string NumberScalar(const std::string& text) {
  std::string decimal = Trimmed(text);
  if (std::count(decimal.begin(), decimal.end(), ',') == 1 &&
      decimal.find('.') == std::string::npos) {
    std::replace(decimal.begin(), decimal.end(), ',', '.');
  }
  if (auto displayed = DisplayedDecimal(decimal)) return *displayed;
  return Quoted(text);
}

class CisReader {
 public:
  CisReader(const XlsxWorkbook& workbook, std::string file, const CisReadOptions& options)
      : workbook_(workbook), file_(std::move(file)), options_(options) {}

  // The YAML, or nullopt when the workbook's form has errors (then in diagnostics()).
  std::optional<YamlText> Read();
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

 private:
  struct Scalar {
    std::string yaml;  // the scalar as YAML: quoted text or a plain number
    bool present = false;
  };
  struct Level {
    std::string text;
    std::string origin;
  };
  struct AspectRow {
    int row = 0;
    bool judgement = false;
    Scalar text, section, max;
    std::optional<int> calculation_row;
    std::map<int, Level> levels;
  };
  struct SubcriterionRow {
    int row = 0;
    std::string id;
    Scalar title, day;
    std::vector<AspectRow> aspects;
  };
  struct Calculation {
    int row = 0;
    std::string kind;
    std::map<std::string, std::string> parameters;
  };

  void Error(const std::string& place, std::string message) {
    diagnostics_.push_back({Severity::kError, file_ + ":" + place, 0, 0, std::move(message)});
  }
  void Warning(const std::string& place, std::string message) {
    diagnostics_.push_back({Severity::kWarning, file_ + ":" + place, 0, 0, std::move(message)});
  }
  bool HasErrors() const { return skillscore::HasErrors(diagnostics_); }

  const XlsxCell& CellAt(const XlsxSheet& sheet, int row, int column) {
    return sheet.At({row, column});
  }
  bool RowEmpty(const XlsxSheet& sheet, int row, int last_column) {
    for (int column = 1; column <= last_column; ++column) {
      if (!Trimmed(CellAt(sheet, row, column).value).empty()) return false;
    }
    return true;
  }
  void CheckNotMerged(const XlsxSheet& sheet, int row, int last_column);
  Scalar TextCell(const XlsxSheet& sheet, int row, int column);
  Scalar NumberCell(const XlsxSheet& sheet, int row, int column);
  std::optional<int> WholeNumberCell(const XlsxSheet& sheet, int row, int column);
  std::string PlainText(const XlsxSheet& sheet, int row, int column) {
    return Trimmed(CellAt(sheet, row, column).value);
  }
  // The text shown in a cell: a number as the decimal Excel displays.
  std::string ShownText(const XlsxSheet& sheet, int row, int column) {
    const XlsxCell& cell = CellAt(sheet, row, column);
    std::string text = Trimmed(cell.value);
    if (cell.kind == XlsxCell::Kind::kNumber) return DisplayedDecimal(text).value_or(text);
    return text;
  }
  std::optional<int> FindRow(const XlsxSheet& sheet, int from,
                             const std::function<bool(int)>& matches) {
    for (int row = from; row <= sheet.RowCount(); ++row) {
      if (matches(row)) return row;
    }
    return std::nullopt;
  }

  // What the skillscore sheet (or --id, --kind) says besides the CIS layout.
  struct Settings {
    std::optional<std::string> code, version;
    std::optional<RubricKind> kind;
    std::string code_origin, version_origin, kind_origin;
    std::vector<std::pair<std::string, std::string>> lines;  // grades and policy: YAML, cell
  };
  // policy.* rows by group ("" for policy.judges, "rounding" for policy.rounding.aspect).
  struct PolicyRows {
    std::vector<std::string> groups;  // in order of first appearance
    std::map<std::string, std::vector<std::pair<std::string, int>>> rows;  // path, row
  };

  void ReadIdentity(YamlText& yaml);
  void ReadSettings(const XlsxSheet& sheet, Settings& settings);
  void GradeLines(const XlsxSheet& sheet, const std::vector<int>& rows,
                  std::vector<std::pair<std::string, std::string>>& lines);
  void PolicyLines(const XlsxSheet& sheet, const PolicyRows& policy,
                   std::vector<std::pair<std::string, std::string>>& lines);
  void ReadSections(const XlsxSheet& sheet, YamlText& yaml);
  std::vector<SubcriterionRow> ReadAspectTable(const XlsxSheet& sheet, int header_row);
  void ReadCalculations();
  void WriteModules(const XlsxSheet& sheet, std::vector<SubcriterionRow>& subcriteria,
                    YamlText& yaml);
  void WriteAspect(const AspectRow& aspect, YamlText& yaml);
  void WriteCalculation(const AspectRow& aspect, YamlText& yaml);

  const XlsxWorkbook& workbook_;
  std::string file_;
  CisReadOptions options_;
  std::vector<Diagnostic> diagnostics_;
  std::map<int, Calculation> calculations_;
  std::string aspect_total_;  // the sum of maxima, as YAML
  std::set<std::string> reported_merges_;
};

void CisReader::CheckNotMerged(const XlsxSheet& sheet, int row, int last_column) {
  for (int column = 1; column <= last_column; ++column) {
    auto range = sheet.MergedAt({row, column});
    if (!range) continue;
    std::string place = Place(sheet.name(), range->first);
    if (!reported_merges_.insert(place).second) continue;
    Error(place, Tr("merged cells {0}:{1}; unmerge them, every value in its own cell",
                    CellName(range->first), CellName(range->last)));
  }
}

CisReader::Scalar CisReader::TextCell(const XlsxSheet& sheet, int row, int column) {
  const XlsxCell& cell = CellAt(sheet, row, column);
  if (cell.kind == XlsxCell::Kind::kError) {
    Error(Place(sheet.name(), {row, column}),
          Tr("the cell holds the error {0}, expected text", cell.value));
    return {};
  }
  std::string text = Trimmed(cell.value);
  if (text.empty()) return {};
  if (cell.kind == XlsxCell::Kind::kNumber) text = DisplayedDecimal(text).value_or(text);
  return {Quoted(text), true};
}

CisReader::Scalar CisReader::NumberCell(const XlsxSheet& sheet, int row, int column) {
  const XlsxCell& cell = CellAt(sheet, row, column);
  std::string place = Place(sheet.name(), {row, column});
  if (cell.formula) {
    Error(place, Tr("a formula where a number is expected; enter the number itself"));
    return {};
  }
  if (cell.kind == XlsxCell::Kind::kEmpty || Trimmed(cell.value).empty()) return {};
  if (cell.kind == XlsxCell::Kind::kBoolean || cell.kind == XlsxCell::Kind::kError) {
    Error(place, Tr("expected a number, got {0}", cell.value));
    return {};
  }
  if (cell.kind == XlsxCell::Kind::kNumber) {
    std::string displayed = DisplayedDecimal(cell.value).value_or(cell.value);
    // Excel stores 0.5 as "0.5" and 0.001 as "1E-3": only binary noise differs from the display.
    if (cell.value != displayed && cell.value.find_first_of("eE") == std::string::npos) {
      Warning(place, Tr("the cell holds {0}, read as {1}", cell.value, LocalDecimal(displayed)));
    }
    return {displayed, true};
  }
  return {NumberScalar(cell.value), true};
}

std::optional<int> CisReader::WholeNumberCell(const XlsxSheet& sheet, int row, int column) {
  Scalar number = NumberCell(sheet, row, column);
  if (!number.present) return std::nullopt;
  auto value = Rational::ParseDecimal(number.yaml);
  if (!value || !value->IsInteger() || value->numerator() < 0 || value->numerator() > 1'000'000) {
    Error(Place(sheet.name(), {row, column}),
          Tr("expected a whole number, got {0}", Trimmed(CellAt(sheet, row, column).value)));
    return std::nullopt;
  }
  return static_cast<int>(value->numerator());
}

std::optional<YamlText> CisReader::Read() {
  auto scheme = workbook_.Sheet(kSchemeSheet);
  if (!scheme) {
    bool absent = std::find(workbook_.sheet_names().begin(), workbook_.sheet_names().end(),
                            kSchemeSheet) == workbook_.sheet_names().end();
    diagnostics_.push_back(
        {Severity::kError, file_, 0, 0,
         absent ? Tr("not a CIS marking scheme: the workbook has no sheet '{0}'", kSchemeSheet)
                : scheme.error()});
    return std::nullopt;
  }
  ReadCalculations();
  YamlText yaml;
  ReadIdentity(yaml);
  yaml.Line(0, "title: " + TextCell(*scheme, 1, 1).yaml, Place(kSchemeSheet, {1, 1}));
  CheckNotMerged(*scheme, 1, 1);

  auto header_row = FindRow(*scheme, 1, [&](int row) {
    return HeaderKey(CellAt(*scheme, row, 1).value) == "sub criterion id";
  });
  if (!header_row) {
    Error(kSchemeSheet, Tr("not a CIS marking scheme: no aspect table (a row headed "
                           "'Sub Criterion ID' in column A)"));
    return std::nullopt;
  }
  std::vector<SubcriterionRow> subcriteria = ReadAspectTable(*scheme, *header_row);
  yaml.Line(0, "max: " + aspect_total_, Place(kSchemeSheet, {*header_row, 11}));
  ReadSections(*scheme, yaml);
  WriteModules(*scheme, subcriteria, yaml);
  if (HasErrors()) return std::nullopt;
  return yaml;
}

void CisReader::ReadIdentity(YamlText& yaml) {
  Settings settings{options_.code, options_.version, options_.kind, {}, {}, {}, {}};
  if (auto sheet = workbook_.Sheet(kSkillscoreSheet)) ReadSettings(*sheet, settings);
  if (!settings.code || !settings.version || settings.code->empty() || settings.version->empty()) {
    diagnostics_.push_back({Severity::kError, file_, 0, 0,
                            Tr("the workbook does not name the rubric: give --id CODE@VERSION")});
  }
  bool exam = settings.kind.value_or(RubricKind::kCompetition) == RubricKind::kExam;
  yaml.Line(0, "format: skillscore-rubric/1", "");
  yaml.Line(0, "code: " + Quoted(settings.code.value_or("")), settings.code_origin);
  yaml.Line(0, "version: " + Quoted(settings.version.value_or("")), settings.version_origin);
  yaml.Line(0, std::string("kind: ") + (exam ? "exam" : "competition"), settings.kind_origin);
  for (const auto& [line, origin] : settings.lines) yaml.Line(0, line, origin);
}

void CisReader::ReadSettings(const XlsxSheet& sheet, Settings& settings) {
  std::vector<int> grade_rows;
  PolicyRows policy;
  for (int row = 1; row <= sheet.RowCount(); ++row) {
    CheckNotMerged(sheet, row, 3);
    std::string key = PlainText(sheet, row, 1);
    std::string value = ShownText(sheet, row, 2);
    std::string origin = Place(kSkillscoreSheet, {row, 2});
    if (key.empty()) continue;
    if (key == "code" || key == "version") {
      auto& setting = key == "code" ? settings.code : settings.version;
      if (setting) continue;  // --id gave it
      setting = value;
      (key == "code" ? settings.code_origin : settings.version_origin) = origin;
    } else if (key == "kind") {
      if (settings.kind) continue;  // --kind gave it
      if (value == "exam" || value == "competition") {
        settings.kind = value == "exam" ? RubricKind::kExam : RubricKind::kCompetition;
        settings.kind_origin = origin;
      } else {
        Error(origin, Tr("kind must be exam or competition, got '{0}'", value));
      }
    } else if (key == "grade") {
      grade_rows.push_back(row);
    } else if (key.starts_with("policy.")) {
      std::string path = key.substr(7);
      std::string group = path.substr(0, path.find('.') == std::string::npos ? 0 : path.find('.'));
      if (!policy.rows.count(group)) policy.groups.push_back(group);
      policy.rows[group].push_back({path, row});
    } else {
      Error(Place(kSkillscoreSheet, {row, 1}),
            Tr("unknown key '{0}'; expected code, version, kind, grade or policy.…", key));
    }
  }
  GradeLines(sheet, grade_rows, settings.lines);
  PolicyLines(sheet, policy, settings.lines);
}

void CisReader::GradeLines(const XlsxSheet& sheet, const std::vector<int>& rows,
                           std::vector<std::pair<std::string, std::string>>& lines) {
  if (rows.empty()) return;
  lines.push_back({"grades:", Place(kSkillscoreSheet, {rows.front(), 1})});
  for (int row : rows) {
    lines.push_back(
        {"  - grade: " + NumberCell(sheet, row, 2).yaml, Place(kSkillscoreSheet, {row, 2})});
    lines.push_back(
        {"    min_percent: " + NumberCell(sheet, row, 3).yaml, Place(kSkillscoreSheet, {row, 3})});
  }
}

// `policy.judges` → `policy: {judges: …}`, `policy.rounding.aspect` → `rounding: {aspect: …}`.
void CisReader::PolicyLines(const XlsxSheet& sheet, const PolicyRows& policy,
                            std::vector<std::pair<std::string, std::string>>& lines) {
  if (policy.groups.empty()) return;
  lines.push_back(
      {"policy:", Place(kSkillscoreSheet, {policy.rows.at(policy.groups[0])[0].second, 1})});
  for (const std::string& group : policy.groups) {
    const auto& rows = policy.rows.at(group);
    if (!group.empty()) {
      lines.push_back({"  " + group + ":", Place(kSkillscoreSheet, {rows[0].second, 1})});
    }
    std::string indent(group.empty() ? 2 : 4, ' ');
    for (const auto& [path, row] : rows) {
      std::string name = group.empty() ? path : path.substr(group.size() + 1);
      bool number = CellAt(sheet, row, 2).kind == XlsxCell::Kind::kNumber;
      std::string value = number ? NumberCell(sheet, row, 2).yaml : TextCell(sheet, row, 2).yaml;
      lines.push_back({indent + name + ": " + value, Place(kSkillscoreSheet, {row, 2})});
    }
  }
}

void CisReader::ReadSections(const XlsxSheet& sheet, YamlText& yaml) {
  auto header = FindRow(
      sheet, 1, [&](int row) { return HeaderKey(CellAt(sheet, row, 1).value) == "section"; });
  if (!header) {
    Error(kSchemeSheet, Tr("not a CIS marking scheme: no block headed 'Section' in column A"));
    return;
  }
  yaml.Line(0, "sections:", Place(kSchemeSheet, {*header, 1}));
  for (int row = *header + 1; row <= sheet.RowCount() && !RowEmpty(sheet, row, 11); ++row) {
    CheckNotMerged(sheet, row, 11);
    yaml.Line(1, "- id: " + TextCell(sheet, row, 1).yaml, Place(kSchemeSheet, {row, 1}));
    yaml.Line(2, "title: " + TextCell(sheet, row, 2).yaml, Place(kSchemeSheet, {row, 2}));
    Scalar target = NumberCell(sheet, row, 9);
    if (target.present) yaml.Line(2, "target: " + target.yaml, Place(kSchemeSheet, {row, 9}));
  }
}

std::vector<CisReader::SubcriterionRow> CisReader::ReadAspectTable(const XlsxSheet& sheet,
                                                                   int header_row) {
  std::vector<SubcriterionRow> subcriteria;
  Rational total;  // of the maxima that could be read; the loader reports the others
  for (int row = header_row + 1; row <= sheet.RowCount() && !RowEmpty(sheet, row, 11); ++row) {
    CheckNotMerged(sheet, row, 11);
    std::string id = PlainText(sheet, row, 1);
    std::string type = HeaderKey(PlainText(sheet, row, 4));
    if (!id.empty()) {
      subcriteria.push_back({row, ShownText(sheet, row, 1), TextCell(sheet, row, 2), {}, {}});
      if (auto day = WholeNumberCell(sheet, row, 3)) {
        subcriteria.back().day = {std::to_string(*day), true};
      }
    }
    if (!type.empty()) {
      if (subcriteria.empty()) {
        Error(Place(kSchemeSheet, {row, 4}),
              Tr("an aspect before the first sub-criterion (column A names one)"));
        continue;
      }
      if (type != "m" && type != "j") {
        Error(Place(kSchemeSheet, {row, 4}),
              Tr("aspect type must be M (measurement) or J (judgement), got '{0}'",
                 PlainText(sheet, row, 4)));
        continue;
      }
      AspectRow aspect{row,
                       type == "j",
                       TextCell(sheet, row, 5),
                       TextCell(sheet, row, 9),
                       NumberCell(sheet, row, 11),
                       std::nullopt,
                       {}};
      if (!aspect.judgement) aspect.calculation_row = WholeNumberCell(sheet, row, 10);
      if (auto max = Rational::ParseDecimal(aspect.max.yaml)) total += *max;
      subcriteria.back().aspects.push_back(std::move(aspect));
    } else if (id.empty()) {
      std::string place = Place(kSchemeSheet, {row, 6});
      auto score = WholeNumberCell(sheet, row, 6);
      bool under_judgement = !subcriteria.empty() && !subcriteria.back().aspects.empty() &&
                             subcriteria.back().aspects.back().judgement;
      if (!score) {
        if (PlainText(sheet, row, 6).empty()) {
          Error(Place(kSchemeSheet, {row, 4}),
                Tr("expected an aspect type (M or J) in column D or a judgement score in "
                   "column F"));
        }
      } else if (!under_judgement) {
        Error(place, Tr("a judgement score row that follows no judgement aspect"));
      } else if (*score > 3) {
        Error(place, Tr("a judgement score must be 0, 1, 2 or 3, got {0}", *score));
      } else if (!subcriteria.back()
                      .aspects.back()
                      .levels
                      .emplace(*score,
                               Level{TextCell(sheet, row, 7).yaml, Place(kSchemeSheet, {row, 7})})
                      .second) {
        Error(place, Tr("judgement score {0} is described twice", *score));
      }
    }
  }
  aspect_total_ = cis::DecimalText(total);
  return subcriteria;
}

void CisReader::ReadCalculations() {
  auto sheet = workbook_.Sheet(kCalculationsSheet);
  if (!sheet) return;
  for (int row = 1; row <= sheet->RowCount(); ++row) {
    if (RowEmpty(*sheet, row, 4)) continue;
    CheckNotMerged(*sheet, row, 4);
    Calculation calculation{row, PlainText(*sheet, row, 2), {}};
    std::string parameters = CellAt(*sheet, row, 4).value;
    for (std::size_t start = 0; start < parameters.size();) {
      std::size_t end = parameters.find("#-#", start);
      if (end == std::string::npos) end = parameters.size();
      std::string pair = parameters.substr(start, end - start);
      if (pair.ends_with("#x~x#")) pair.resize(pair.size() - 5);
      auto separator = pair.find(":::");
      if (separator != std::string::npos) {
        calculation.parameters[Trimmed(pair.substr(0, separator))] =
            Trimmed(pair.substr(separator + 3));
      } else if (!Trimmed(pair).empty()) {
        Error(Place(kCalculationsSheet, {row, 4}), Tr("parameter '{0}' is not KEY:::VALUE", pair));
      }
      start = end + 3;
    }
    calculations_[row] = std::move(calculation);
  }
}

void CisReader::WriteModules(const XlsxSheet& sheet, std::vector<SubcriterionRow>& subcriteria,
                             YamlText& yaml) {
  auto criteria = FindRow(sheet, 1, [&](int row) {
    return HeaderKey(CellAt(sheet, row, 1).value) == "id" &&
           HeaderKey(CellAt(sheet, row, 2).value) == "name";
  });
  if (!criteria) {
    Error(kSchemeSheet, Tr("not a CIS marking scheme: no block of criteria headed 'ID' and 'Name' "
                           "in columns A and B"));
    return;
  }
  yaml.Line(0, "modules:", Place(kSchemeSheet, {*criteria, 1}));
  std::vector<std::string> module_ids;
  for (int row = *criteria + 1; row <= sheet.RowCount() && !RowEmpty(sheet, row, 11); ++row) {
    CheckNotMerged(sheet, row, 11);
    std::string id = ShownText(sheet, row, 1);
    module_ids.push_back(id);
    yaml.Line(1, "- id: " + TextCell(sheet, row, 1).yaml, Place(kSchemeSheet, {row, 1}));
    yaml.Line(2, "title: " + TextCell(sheet, row, 2).yaml, Place(kSchemeSheet, {row, 2}));
    bool any = false;
    for (const SubcriterionRow& subcriterion : subcriteria) {
      if (id.empty() || !subcriterion.id.starts_with(id)) continue;
      if (!any) yaml.Line(2, "subcriteria:", Place(kSchemeSheet, {row, 1}));
      any = true;
      std::string origin = Place(kSchemeSheet, {subcriterion.row, 1});
      yaml.Line(3, "- id: " + Quoted(subcriterion.id), origin);
      yaml.Line(4, "title: " + subcriterion.title.yaml, Place(kSchemeSheet, {subcriterion.row, 2}));
      if (subcriterion.day.present) {
        yaml.Line(4, "day: " + subcriterion.day.yaml, Place(kSchemeSheet, {subcriterion.row, 3}));
      }
      if (subcriterion.aspects.empty()) continue;  // the loader reports the missing aspects
      yaml.Line(4, "aspects:", origin);
      for (const AspectRow& aspect : subcriterion.aspects) WriteAspect(aspect, yaml);
    }
    if (!any) yaml.Line(2, "subcriteria: []", Place(kSchemeSheet, {row, 1}));
  }
  for (const SubcriterionRow& subcriterion : subcriteria) {
    bool placed = std::any_of(module_ids.begin(), module_ids.end(), [&](const std::string& id) {
      return !id.empty() && subcriterion.id.starts_with(id);
    });
    if (!placed) {
      Error(Place(kSchemeSheet, {subcriterion.row, 1}),
            Tr("sub-criterion {0} belongs to no criterion of the 'ID' / 'Name' block",
               subcriterion.id));
    }
  }
}

void CisReader::WriteAspect(const AspectRow& aspect, YamlText& yaml) {
  auto at = [&](int column) { return Place(kSchemeSheet, {aspect.row, column}); };
  yaml.Line(5, std::string("- type: ") + (aspect.judgement ? "judgement" : "measurement"), at(4));
  if (aspect.text.present) yaml.Line(6, "text: " + aspect.text.yaml, at(5));
  if (aspect.section.present) yaml.Line(6, "section: " + aspect.section.yaml, at(9));
  if (aspect.max.present) yaml.Line(6, "max: " + aspect.max.yaml, at(11));
  if (aspect.judgement) {
    if (aspect.levels.empty()) return;  // the loader reports the missing levels
    yaml.Line(6, "levels:", at(4));
    for (const auto& [score, level] : aspect.levels) {
      yaml.Line(7, std::to_string(score) + ": " + level.text, level.origin);
    }
    return;
  }
  WriteCalculation(aspect, yaml);
}

void CisReader::WriteCalculation(const AspectRow& aspect, YamlText& yaml) {
  int row = aspect.calculation_row.value_or(1);
  std::string reference = Place(kSchemeSheet, {aspect.row, 10});
  auto found = calculations_.find(row);
  if (found == calculations_.end()) {
    if (row != 1) {
      Error(reference, Tr("calculation row {0} is empty in sheet '{1}'", row, kCalculationsSheet));
    }
    return;
  }
  const Calculation& calculation = found->second;
  std::string origin = Place(kCalculationsSheet, {row, 4});
  auto parameter = [&](const std::string& key) -> std::optional<std::string> {
    auto value = calculation.parameters.find(key);
    if (value == calculation.parameters.end() || value->second.empty()) return std::nullopt;
    return value->second;
  };
  auto missing = [&](const std::string& key) {
    Error(origin, Tr("{0} needs the parameter {1}", calculation.kind, key));
  };
  if (calculation.kind == "PASS_FAIL") return;
  if (calculation.kind == "NUMBER_COMPLETED") {
    auto possible = parameter("NUM_POSSIBLE");
    if (!possible) return missing("NUM_POSSIBLE");
    yaml.Line(6, "calculation:", reference);
    yaml.Line(7, "number_completed: " + NumberScalar(*possible), origin);
  } else if (calculation.kind == "CHOICE") {
    if (auto type = parameter("DEDUCTION_TYPE"); type && *type != "PERCENT") {
      return Error(origin, Tr("DEDUCTION_TYPE must be PERCENT, got '{0}'", *type));
    }
    yaml.Line(6, "calculation:", reference);
    yaml.Line(7, "choice:", origin);
    for (int n = 1; parameter(fmt::format("CHOICE{}_LABEL", n)); ++n) {
      yaml.Line(8, "- label: " + Quoted(*parameter(fmt::format("CHOICE{}_LABEL", n))), origin);
      auto deduction = parameter(fmt::format("CHOICE{}_DEDUCTION", n));
      if (!deduction) return missing(fmt::format("CHOICE{}_DEDUCTION", n));
      yaml.Line(9, "deduct: " + NumberScalar(*deduction), origin);
    }
  } else if (calculation.kind == "RANGED_SCORE") {
    yaml.Line(6, "calculation:", reference);
    yaml.Line(7, "ranged:", origin);
    auto range = [&](const std::string& from, const std::string& to, const std::string& deduct) {
      yaml.Line(8, "- from: " + from, origin);
      yaml.Line(9, "to: " + to, origin);
      yaml.Line(9, "deduct: " + deduct, origin);
    };
    if (auto target = parameter("TARGET_VALUE")) {
      range(NumberScalar(*target), NumberScalar(*target), "0");
    }
    // CIS has ranges 1…3; ranges 4, 5 … are read too (WriteCisWorkbook writes them for rubrics
    // with more ranges).
    for (int n = 1; n <= 3 || calculation.parameters.count(fmt::format("RANGE{}_LOWER", n)); ++n) {
      auto lower = parameter(fmt::format("RANGE{}_LOWER", n));
      auto upper = parameter(fmt::format("RANGE{}_UPPER", n));
      auto deduct = parameter(fmt::format("RANGE{}_DEDUCTION", n));
      if (!lower || !deduct) continue;
      auto lower_value = Rational::ParseDecimal(NumberScalar(*lower));
      auto upper_value = upper ? Rational::ParseDecimal(NumberScalar(*upper)) : std::nullopt;
      bool zero_lower = lower_value && *lower_value == 0;
      bool zero_upper = upper_value && *upper_value == 0;
      if (n > 1 && zero_lower && zero_upper) continue;
      bool unbounded = !upper || (zero_upper && lower_value && *lower_value > 0);
      range(NumberScalar(*lower), unbounded ? kUnboundedUpper : NumberScalar(*upper),
            NumberScalar(*deduct));
    }
  } else {
    Error(Place(kCalculationsSheet, {row, 2}),
          Tr("unknown calculation '{0}'; expected PASS_FAIL, NUMBER_COMPLETED, CHOICE or "
             "RANGED_SCORE",
             calculation.kind));
  }
}

// Diagnostics in workbook order: the workbook's own first, then by sheet (scheme, calculations,
// skillscore), row and column, parsed back from "file:Sheet!K57".
void SortByCell(std::vector<Diagnostic>& diagnostics, const std::string& file_name) {
  auto key = [&](const Diagnostic& diagnostic) {
    std::string place =
        diagnostic.file.substr(std::min(diagnostic.file.size(), file_name.size() + 1));
    auto bang = place.rfind('!');
    if (place.empty() || bang == std::string::npos) return std::tuple(-1, 0, 0);
    std::string sheet = place.substr(0, bang);
    int order = sheet == kSchemeSheet ? 0 : sheet == kCalculationsSheet ? 1 : 2;
    int column = 0, row = 0;
    for (char c : place.substr(bang + 1)) {
      if (c >= 'A' && c <= 'Z') column = column * 26 + (c - 'A' + 1);
      if (c >= '0' && c <= '9') row = row * 10 + (c - '0');
    }
    return std::tuple(order, row, column);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

}  // namespace

CisRubricLoad ReadCisWorkbook(std::string bytes, const std::string& file_name,
                              const CisReadOptions& options) {
  CisRubricLoad result;
  auto workbook = XlsxWorkbook::Open(std::move(bytes));
  if (!workbook) {
    result.load.diagnostics.push_back({Severity::kError, file_name, 0, 0, workbook.error()});
    return result;
  }
  CisReader reader(*workbook, file_name, options);
  std::optional<YamlText> yaml = reader.Read();
  std::vector<Diagnostic> diagnostics = std::move(reader.diagnostics());
  if (!yaml) {
    SortByCell(diagnostics, file_name);
    result.load.diagnostics = std::move(diagnostics);
    return result;
  }
  RubricLoad load = ParseRubric(yaml->text(), file_name);
  for (Diagnostic& diagnostic : load.diagnostics) {
    std::string origin = yaml->Origin(diagnostic.line);
    diagnostic.file = origin.empty() ? file_name : file_name + ":" + origin;
    diagnostic.line = 0;
    diagnostic.column = 0;
    diagnostics.push_back(std::move(diagnostic));
  }
  SortByCell(diagnostics, file_name);
  result.load.rubric = std::move(load.rubric);
  result.load.diagnostics = std::move(diagnostics);
  result.yaml = yaml->text();
  return result;
}

}  // namespace skillscore
