#include "skillscore/mark_committer.h"

#include <optional>
#include <utility>

#include "skillscore/i18n.h"

namespace skillscore {
namespace {

// What a mark was, to refuse a client_id reused for another mark.
std::string Fingerprint(const MarkInput& mark) {
  return mark.candidate + '\x1f' + mark.aspect + '\x1f' + mark.judge + '\x1f' + mark.value +
         '\x1f' + mark.reason;
}

}  // namespace

// A mark waiting for its batch, and once written its answer.
struct MarkCommitter::Job : GroupCommit::Item {
  const MarkRequest* request = nullptr;
  const std::string* client_id = nullptr;
  std::string fingerprint;
  std::optional<ServiceResult<Written>> answer;
};

MarkCommitter::MarkCommitter(WithService with_service, std::size_t most, std::size_t remembered)
    : with_service_(std::move(with_service)), batches_(most), client_writes_(remembered) {}

ServiceResult<MarkCommitter::Written> MarkCommitter::Enter(const MarkRequest& mark,
                                                           const std::string& client_id) {
  Job job;
  job.request = &mark;
  job.client_id = &client_id;
  // Without a client_id each mark is a key of its own: never taken for a repeat.
  job.key = client_id.empty() ? "\x1e" + std::to_string(anonymous_++)
                              : mark.exam + '\x1f' + mark.actor.id + '\x1f' + client_id;
  job.fingerprint = Fingerprint(mark.mark);
  batches_.Submit(job, [this](const std::vector<GroupCommit::Item*>& batch) { WriteBatch(batch); });
  return std::move(*job.answer);
}

void MarkCommitter::WriteBatch(const std::vector<GroupCommit::Item*>& batch) {
  std::vector<Job*> writing;
  std::vector<MarkRequest> requests;
  for (GroupCommit::Item* item : batch) {
    auto& job = static_cast<Job&>(*item);
    const ClientWrites::Remembered* first =
        job.client_id->empty() ? nullptr : client_writes_.Find(job.key);
    if (first == nullptr) {
      writing.push_back(&job);
      requests.push_back(*job.request);
    } else if (first->fingerprint == job.fingerprint) {
      job.answer = Written{first->change, true};
    } else {
      std::optional<ThreadLanguage> language;
      if (job.request->language) language.emplace(*job.request->language);
      job.answer = tl::make_unexpected(
          ServiceError{ServiceError::Code::kInvalidInput,
                       Tr("client_id {0} was already used for another mark", *job.client_id)});
    }
  }
  if (writing.empty()) return;
  std::vector<ServiceResult<Change>> changes;
  auto served =
      with_service_([&](ExamService& service) { changes = service.EnterMarks(requests); });
  for (std::size_t i = 0; i < writing.size(); ++i) {
    Job& job = *writing[i];
    if (!served) {
      job.answer = tl::make_unexpected(served.error());
    } else if (!changes[i]) {
      job.answer = tl::make_unexpected(std::move(changes[i].error()));
    } else {
      if (!job.client_id->empty()) client_writes_.Remember(job.key, {job.fingerprint, *changes[i]});
      job.answer = Written{*changes[i], false};
    }
  }
}

}  // namespace skillscore
