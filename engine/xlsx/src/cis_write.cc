// WriteCisWorkbook: a rubric as the CIS "Marking Scheme Import" workbook, with the skillscore
// sheet for what that layout has no place for (cis_workbook.h).
#include <map>

#include "cis_layout.h"
#include "skillscore/cis_workbook.h"
#include "skillscore/i18n.h"
#include "skillscore/xlsx_writer.h"

namespace skillscore {
namespace {

using cis::DecimalText;

constexpr int kAspectColumns = 11;  // A…K

// The parameters of one Calculations row: KEY:::VALUE#x~x# pairs joined by #-#.
std::string Parameters(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string text;
  for (const auto& [key, value] : pairs) {
    if (!text.empty()) text += "#-#";
    text += key + ":::" + value + "#x~x#";
  }
  return text;
}

// The Calculations row's kind and parameters for a measurement aspect, or an error.
tl::expected<std::pair<std::string, std::string>, std::string> CalculationOf(const Aspect& aspect) {
  std::vector<std::pair<std::string, std::string>> pairs;
  switch (aspect.calculation) {
    case Calculation::kPassFail:
      return std::pair<std::string, std::string>{"PASS_FAIL", ""};
    case Calculation::kNumberCompleted:
      return std::pair<std::string, std::string>{
          "NUMBER_COMPLETED",
          Parameters({{"NUM_POSSIBLE", std::to_string(aspect.number_completed)}})};
    case Calculation::kChoice:
      pairs.push_back({"DEDUCTION_TYPE", "PERCENT"});
      for (std::size_t n = 1; n <= aspect.options.size(); ++n) {
        const std::string& label = aspect.options[n - 1].label;
        // The parameters' separators cannot be escaped.
        for (std::string_view separator : {"#-#", "#x~x#", ":::"}) {
          if (label.find(separator) != std::string::npos) {
            return tl::make_unexpected(
                Tr("aspect {0}: the option label \"{1}\" holds \"{2}\", which a CIS workbook "
                   "uses to separate parameters",
                   aspect.id, label, separator));
          }
        }
        pairs.push_back({fmt::format("CHOICE{}_LABEL", n), label});
        pairs.push_back(
            {fmt::format("CHOICE{}_DEDUCTION", n), DecimalText(aspect.options[n - 1].deduct)});
      }
      return std::pair<std::string, std::string>{"CHOICE", Parameters(pairs)};
    case Calculation::kRanged: {
      std::vector<Range> ranges = aspect.ranges;
      // A leading range of one value without deduction is CIS's target value.
      if (ranges.size() > 3 && ranges[0].from == ranges[0].to && ranges[0].deduct == 0) {
        pairs.push_back({"TARGET_VALUE", DecimalText(ranges[0].from)});
        ranges.erase(ranges.begin());
      }
      const Rational unbounded = *Rational::ParseDecimal(cis::kUnboundedUpper);
      for (std::size_t n = 1; n <= ranges.size(); ++n) {
        const Range& range = ranges[n - 1];
        if (n > 1 && range.from == 0 && range.to == 0) {
          return tl::make_unexpected(
              Tr("aspect {0}: a CIS workbook cannot hold a range 0…0 after the first", aspect.id));
        }
        pairs.push_back({fmt::format("RANGE{}_LOWER", n), DecimalText(range.from)});
        pairs.push_back(
            {fmt::format("RANGE{}_UPPER", n), range.to == unbounded ? "" : DecimalText(range.to)});
        pairs.push_back({fmt::format("RANGE{}_DEDUCTION", n), DecimalText(range.deduct)});
      }
      return std::pair<std::string, std::string>{"RANGED_SCORE", Parameters(pairs)};
    }
  }
  return std::pair<std::string, std::string>{"PASS_FAIL", ""};
}

double Number(const Rational& value) { return value.ToDouble(); }

class CisWriter {
 public:
  CisWriter(const Rubric& rubric, XlsxWriter& out) : rubric_(rubric), out_(out) {}

  tl::expected<void, std::string> Write() {
    for (const Module& module : rubric_.modules) {
      for (const Subcriterion& subcriterion : module.subcriteria) {
        for (std::size_t place = 0; place < subcriterion.aspects.size(); ++place) {
          const Aspect& aspect = subcriterion.aspects[place];
          if (aspect.id != fmt::format("{}.{}", subcriterion.id, place + 1)) {
            return tl::make_unexpected(
                Tr("aspect {0}: a CIS workbook numbers aspects by place, this one would be {1}.{2}",
                   aspect.id, subcriterion.id, place + 1));
          }
          if (aspect.type == AspectType::kMeasurement &&
              aspect.calculation != Calculation::kPassFail) {
            auto calculation = CalculationOf(aspect);
            if (!calculation) return tl::make_unexpected(calculation.error());
            calculations_.push_back(*calculation);
            calculation_rows_[aspect.id] = static_cast<int>(calculations_.size()) + 1;
          }
        }
      }
    }
    WriteScheme();
    WriteCalculations();
    WriteSkillscoreSheet();
    return {};
  }

 private:
  void WriteScheme() {
    out_.AddSheet(cis::kSchemeSheet);
    out_.ColumnWidth(1, 1, 10);
    out_.ColumnWidth(2, 2, 40);
    out_.ColumnWidth(5, 5, 50);
    out_.ColumnWidth(7, 8, 30);
    out_.Header(1, 1, rubric_.title);
    int row = 3;
    std::map<std::string, Rational> section_marks;
    for (std::size_t ordinal = 0; ordinal < rubric_.AspectCount(); ++ordinal) {
      const Aspect& aspect = rubric_.AspectAt(ordinal);
      section_marks[aspect.section] += aspect.max;
    }
    for (auto [column, title] : {std::pair{1, "Section"},
                                 {2, "Title"},
                                 {9, "WSOS Marks"},
                                 {10, "Aspect Marks"},
                                 {11, "Variation"}}) {
      out_.Header(row, column, title);
    }
    for (const Section& section : rubric_.sections) {
      ++row;
      out_.Text(row, 1, section.id);
      out_.Text(row, 2, section.title);
      Rational actual = section_marks[section.id];
      if (section.target) {
        out_.Number(row, 9, Number(*section.target));
        out_.Number(row, 11, Number(actual - *section.target));
      }
      out_.Number(row, 10, Number(actual));
    }
    row += 2;
    out_.Header(row++, 1, "Criteria");
    out_.Header(row, 1, "ID");
    out_.Header(row, 2, "Name");
    out_.Header(row, 11, "Mark");
    for (const Module& module : rubric_.modules) {
      ++row;
      Rational max;
      for (const Subcriterion& subcriterion : module.subcriteria) {
        for (const Aspect& aspect : subcriterion.aspects) max += aspect.max;
      }
      out_.Text(row, 1, module.id);
      out_.Text(row, 2, module.title);
      out_.Number(row, 11, Number(max));
    }
    row += 2;
    const char* headers[kAspectColumns] = {"Sub\nCriterion\nID",
                                           "Sub Criterion\nName or Description",
                                           "Day of Marking",
                                           "Aspect Type",
                                           "Aspect - Description",
                                           "Judg Score",
                                           "Extra Aspect Description",
                                           "Requirement\n(Measurement only)",
                                           "WSOS Section",
                                           "Calculation Row",
                                           "Max Mark"};
    for (int column = 1; column <= kAspectColumns; ++column) {
      out_.Header(row, column, headers[column - 1]);
    }
    for (const Module& module : rubric_.modules) {
      for (const Subcriterion& subcriterion : module.subcriteria) {
        ++row;
        out_.Text(row, 1, subcriterion.id);
        out_.Text(row, 2, subcriterion.title);
        if (subcriterion.day > 0) out_.Number(row, 3, subcriterion.day);
        for (const Aspect& aspect : subcriterion.aspects) row = WriteAspect(row + 1, aspect);
      }
    }
  }

  // Writes the aspect from `row` on; returns the last row written.
  int WriteAspect(int row, const Aspect& aspect) {
    bool judgement = aspect.type == AspectType::kJudgement;
    out_.Text(row, 4, judgement ? "J" : "M");
    out_.Text(row, 5, aspect.text);
    out_.Text(row, 9, aspect.section);
    out_.Number(row, 11, Number(aspect.max));
    if (!judgement) {
      auto found = calculation_rows_.find(aspect.id);
      out_.Number(row, 10, found == calculation_rows_.end() ? 1 : found->second);
      return row;
    }
    for (int score = 0; score < 4; ++score) {
      ++row;
      out_.Number(row, 6, score);
      out_.Text(row, 7, aspect.levels[static_cast<std::size_t>(score)]);
    }
    return row;
  }

  void WriteCalculations() {
    out_.AddSheet(cis::kCalculationsSheet);
    out_.Text(1, 1, "Pass / fail");
    out_.Text(1, 2, "PASS_FAIL");
    int row = 1;
    for (const auto& [kind, parameters] : calculations_) {
      ++row;
      out_.Text(row, 1, fmt::format("Calculation {}", row));
      out_.Text(row, 2, kind);
      out_.Text(row, 4, parameters);
    }
  }

  void WriteSkillscoreSheet() {
    out_.AddSheet(cis::kSkillscoreSheet);
    out_.ColumnWidth(1, 1, 28);
    out_.ColumnWidth(2, 2, 20);
    int row = 0;
    auto text = [&](const std::string& key, const std::string& value) {
      out_.Text(++row, 1, key);
      out_.Text(row, 2, value);
    };
    auto number = [&](const std::string& key, const Rational& value) {
      out_.Text(++row, 1, key);
      out_.Number(row, 2, Number(value));
    };
    text("code", rubric_.code);
    text("version", rubric_.version);
    text("kind", rubric_.kind == RubricKind::kExam ? "exam" : "competition");
    if (rubric_.kind == RubricKind::kExam) {
      for (const GradeRow& grade : rubric_.grades) {
        number("grade", grade.grade);
        out_.Number(row, 3, Number(grade.min_percent));
      }
    }
    const Policy& policy = rubric_.policy;
    number("policy.judges", policy.judges);
    number("policy.max_spread", policy.max_spread);
    text("policy.conflict_of_interest",
         policy.conflict_of_interest == ConflictRule::kOrganization ? "organization" : "none");
    if (policy.aspect_rounding) {
      number("policy.rounding.aspect", *policy.aspect_rounding);
    } else {
      text("policy.rounding.aspect", "exact");
    }
    number("policy.rounding.report", policy.report_decimals);
    text("policy.scale.method", policy.scale_method == ScaleMethod::kRobust   ? "robust"
                                : policy.scale_method == ScaleMethod::kZScore ? "zscore"
                                                                              : "none");
    number("policy.scale.centre", policy.scale_centre);
    number("policy.scale.spread", policy.scale_spread);
    number("policy.awards.min_competitors", policy.min_competitors);
    number("policy.awards.medallion", policy.medallion);
  }

  const Rubric& rubric_;
  XlsxWriter& out_;
  std::vector<std::pair<std::string, std::string>> calculations_;  // rows 2, 3, …
  std::map<std::string, int> calculation_rows_;                    // by aspect id
};

}  // namespace

tl::expected<void, std::string> WriteCisWorkbook(const Rubric& rubric, const std::string& path) {
  XlsxWriter out(path);
  CisWriter writer(rubric, out);
  if (auto written = writer.Write(); !written) return written;
  return out.Close();
}

}  // namespace skillscore
