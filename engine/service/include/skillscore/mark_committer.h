// Group commit of marks (docs/architecture.md, "The path of one mark"): a mark costs one durable
// commit (an fsync), and one writer at a time makes that the ceiling of marks per second. So the
// marks of many callers (the web server's request threads) are queued to one committer per store,
// which writes every mark pending by then with ExamService::EnterMarks — each under EnterMark's
// rules with its own actor and its own audit event, each in a savepoint of its own so that a
// refused mark fails alone — in ONE store transaction with one commit, and then answers every
// waiting caller. No caller hears of its mark before the commit has returned.
//
// A mark may carry a client_id (the web page's offline queue resends what it did not hear
// answered): a repeat of a (exam, actor, client_id) is answered with the first write's outcome
// and writes nothing, and the same id reused for another mark is refused. Writes of the same key
// never share a batch, so a repeat arriving with its first waits for the first's commit.
//
// Stopping: a caller's mark is written by a caller's thread (the first waiting caller that finds
// no batch running writes the next one), so a server that lets its requests in flight finish —
// `skillscore serve` on SIGTERM — has written every queued mark when they have.
//
// Thread safety: Enter may be called from any thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "skillscore/client_writes.h"
#include "skillscore/exam_service.h"
#include "skillscore/group_commit.h"

namespace skillscore {

class MarkCommitter {
 public:
  // Marks in one commit at most: more callers than this wait for the next commit. Each mark is a
  // savepoint, and PostgreSQL keeps 64 subtransactions per transaction in its cache; beyond them
  // every read of the batch slows down.
  static constexpr std::size_t kMostPerBatch = 64;

  // Runs `write` with an exam service over the store (the caller's connection, its own lock), or
  // returns why there is none; the committer calls it once per batch.
  using WithService =
      std::function<ServiceResult<void>(const std::function<void(ExamService&)>& write)>;

  explicit MarkCommitter(WithService with_service, std::size_t most = kMostPerBatch,
                         std::size_t remembered = ClientWrites::kCapacity);

  struct Written {
    Change change = Change::kAdded;
    bool repeated = false;  // a repeat of the client_id: the first write's change, nothing written
  };
  // Writes `mark` in the next batch and returns once it is durable (or refused). `client_id`
  // (empty: none) makes a resend of the same mark by the same actor the same write.
  ServiceResult<Written> Enter(const MarkRequest& mark, const std::string& client_id);

 private:
  struct Job;
  void WriteBatch(const std::vector<GroupCommit::Item*>& batch);

  WithService with_service_;
  GroupCommit batches_;
  ClientWrites client_writes_;               // used by the one batch that runs at a time
  std::atomic<std::uint64_t> anonymous_{0};  // keys of marks without a client_id
};

}  // namespace skillscore
