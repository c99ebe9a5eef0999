// Reading and checking a marks file on a thread of its own while the store writes the rows already
// checked (`marks import`): on two processor cores the import then takes about as long as the
// slower of the two rather than their sum. Rows pass from the reader in batches through a short
// queue, so memory stays small whatever the size of the file.
//
// Thread safety: a MarkReadAhead is used by the thread that created it. `read` runs on the reader
// thread and must share nothing with the caller but what both only read (the roster it checks
// against).
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "skillscore/exam_files.h"

namespace skillscore::cli {

class MarkReadAhead {
 public:
  // Reads rows, handing each to `take` (ReadMarksCsv), and returns their diagnostics.
  using Reader = std::function<Diagnostics(const MarkRowSink& take)>;

  // Starts `read` on a new thread.
  explicit MarkReadAhead(Reader read);
  // Stops the reader if its rows were not all taken, and waits for it.
  ~MarkReadAhead();
  MarkReadAhead(const MarkReadAhead&) = delete;
  MarkReadAhead& operator=(const MarkReadAhead&) = delete;

  // Hands the rows to `take` in order as the reader delivers them, on the calling thread, and
  // returns the reader's diagnostics; rethrows what the reader threw.
  Diagnostics TakeAll(const MarkRowSink& take);

 private:
  // Thrown on the reader thread to stop it once the caller has gone away.
  struct Cancelled {};

  void Run(const Reader& read);
  void Push(std::vector<MarkRow>& batch);
  bool Pop(std::vector<MarkRow>& batch);

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<MarkRow>> batches_;
  // Emptied batches for the reader to refill: their memory is reused rather than allocated and
  // touched afresh for every batch.
  std::vector<std::vector<MarkRow>> spare_;
  bool finished_ = false;
  bool cancelled_ = false;
  Diagnostics diagnostics_;
  std::exception_ptr failure_;
  std::thread thread_;  // last: it starts once the members it uses exist
};

}  // namespace skillscore::cli
