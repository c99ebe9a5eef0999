// Marks of many people written together (exam_service.h, ExamService::EnterMarks): the rules are
// EnterMark's, mark by mark; only the commit is shared.
#include <optional>

#include "skillscore/exam_service.h"
#include "skillscore/i18n.h"

namespace skillscore {

std::vector<ServiceResult<Change>> ExamService::EnterMarks(std::span<const MarkRequest> marks) {
  std::vector<ServiceResult<Change>> results;
  results.reserve(marks.size());
  auto committed = store_.WriteTogether([&] {
    for (const MarkRequest& request : marks) {
      std::optional<ThreadLanguage> language;
      if (request.language) language.emplace(*request.language);
      results.push_back(EnterMark(request.actor, request.exam, request.mark));
    }
  });
  if (!committed) {
    results.assign(marks.size(), tl::make_unexpected(FromStore(committed.error())));
  }
  return results;
}

}  // namespace skillscore
