#include "skillscore/rescore_workbook.h"

#include <cstdlib>

#include "skillscore/i18n.h"
#include "skillscore/report.h"
#include "skillscore/xlsx_writer.h"

namespace skillscore {
namespace {

// The number a report shows, as the double the cell holds: parsed from the rounded decimal, so
// that the cell is exactly the number the CSV and JSON print.
double ReportValue(const Rational& value, int decimals) {
  return std::strtod(ReportNumber(value, decimals).c_str(), nullptr);
}

// Writes the cells of one row from column 1 on; an absent number leaves its cell empty.
class RowWriter {
 public:
  RowWriter(XlsxWriter& out, int row) : out_(out), row_(row) {}

  void Text(const std::string& text) {
    ++column_;
    if (!text.empty()) out_.Text(row_, column_, text);
  }
  void Number(const Rational& value, int decimals) {
    out_.Number(row_, ++column_, ReportValue(value, decimals), decimals);
  }
  void Whole(const std::optional<int>& value) {
    ++column_;
    if (value) out_.Number(row_, column_, *value, 0);
  }

 private:
  XlsxWriter& out_;
  int row_;
  int column_ = 0;
};

std::string AwardText(const std::optional<Award>& award) {
  return award ? AwardWord(*award) : std::string();
}

std::string YesNo(bool value) { return value ? Tr("yes") : Tr("no"); }

}  // namespace

std::string RescoreWorkbook::Begin(std::string_view) { return {}; }

std::string RescoreWorkbook::Exam(const RescoreExamView& view) {
  for (const CandidateRescore& c : view.rescore.candidates) {
    if (!c.Changed()) continue;
    changes_.push_back(Change{
        .who = {std::string(view.exam), view.from.Identity(), c.candidate.id, c.candidate.name,
                c.candidate.organization, Tr(CandidateStatusName(c.candidate.status))},
        .before = c.before,
        .after = c.after,
        .before_decimals = view.from.policy.report_decimals,
        .after_decimals = view.to.policy.report_decimals,
        .dropped = DroppedMarksWords(c.dropped)});
  }
  return {};
}

std::string RescoreWorkbook::End(const RescoreEnd&) { return {}; }

tl::expected<void, std::string> RescoreWorkbook::Write(const std::string& path) const {
  XlsxWriter out(path);
  out.AddSheet(Tr("Re-scoring"));
  std::vector<std::string> header = RescorePeopleHeader();
  for (std::size_t c = 0; c < header.size(); ++c) {
    out.Header(1, static_cast<int>(c) + 1, header[c]);
  }
  int row = 1;
  for (const Change& change : changes_) {
    RowWriter cells(out, ++row);
    for (const std::string& text : change.who) cells.Text(text);
    const Outcome& b = change.before;
    const Outcome& a = change.after;
    cells.Number(b.total, change.before_decimals);
    cells.Number(a.total, change.after_decimals);
    cells.Number(b.percent, change.before_decimals);
    cells.Number(a.percent, change.after_decimals);
    cells.Whole(b.grade);
    cells.Whole(a.grade);
    cells.Whole(b.rank);
    cells.Whole(a.rank);
    cells.Whole(b.scale);
    cells.Whole(a.scale);
    cells.Text(AwardText(b.award));
    cells.Text(AwardText(a.award));
    cells.Text(YesNo(b.provisional));
    cells.Text(YesNo(a.provisional));
    cells.Text(change.dropped);
  }
  out.FreezeHeader(row, static_cast<int>(header.size()));
  return out.Close();
}

}  // namespace skillscore
