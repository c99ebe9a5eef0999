#include "skillscore/store.h"

#include <utility>

namespace skillscore {

// The default for a store without a streaming read: the whole exam, handed over sheet by sheet.
StoreResult<void> ExamStore::StreamExamSheets(std::string_view exam, ExamData& roster,
                                              const SheetSink& take) {
  auto data = LoadExamData(exam);
  if (!data) return tl::unexpected(data.error());
  std::vector<CandidateSheet> sheets = std::move(data->sheets);
  roster = std::move(*data);
  for (const CandidateSheet& sheet : sheets) take(sheet);
  return {};
}

StoreResult<AuditReport> ExamStore::VerifyAndStreamExamSheets(std::string_view exam,
                                                              ExamData& roster,
                                                              const SheetSink& take) {
  auto report = VerifyAudit(std::string(exam));
  if (!report) return report;
  if (auto read = StreamExamSheets(exam, roster, take); !read) {
    return tl::unexpected(read.error());
  }
  return report;
}

}  // namespace skillscore
