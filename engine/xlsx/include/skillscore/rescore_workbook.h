// The re-scoring diff as a workbook (`rescore --format xlsx --out FILE`): one sheet, one row per
// changed candidate, the columns of the CSV for people (rescore_report.h: RescorePeopleHeader) in
// the current language — totals and percents as numbers at the report decimals of the version they
// were computed under, grade, rank and scale as whole numbers, statuses, awards and dropped marks
// in words; the header row frozen with a filter.
//
// It is a RescoreReport that prints nothing: the changed rows are kept (only those: a national
// re-score changes few candidates) and Write puts them in the file, whole or not at all.
//
// Thread safety: an ordinary object; use one per thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/rescore_report.h"

namespace skillscore {

class RescoreWorkbook final : public RescoreReport {
 public:
  std::string Begin(std::string_view target) override;
  std::string Exam(const RescoreExamView& view) override;
  std::string End(const RescoreEnd& end) override;

  // Writes the sheet of changes to `path`; the error says why it could not be written.
  tl::expected<void, std::string> Write(const std::string& path) const;

 private:
  // One changed candidate, as its cells show it.
  struct Change {
    std::vector<std::string> who;  // exam, from, candidate, name, organisation, status
    Outcome before;
    Outcome after;
    int before_decimals = 0;
    int after_decimals = 0;
    std::string dropped;
  };

  std::vector<Change> changes_;
};

}  // namespace skillscore
