#include "mark_read_ahead.h"

#include <utility>

namespace skillscore::cli {
namespace {

// Rows per batch, and batches the queue holds: enough to keep both threads busy through the
// uneven pace of the store (a candidate's rows are written at once), and a few megabytes at most.
constexpr std::size_t kBatchRows = 1024;
constexpr std::size_t kQueuedBatches = 8;

}  // namespace

MarkReadAhead::MarkReadAhead(Reader read)
    : thread_([this, read = std::move(read)] { Run(read); }) {}

MarkReadAhead::~MarkReadAhead() {
  {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Diagnostics MarkReadAhead::TakeAll(const MarkRowSink& take) {
  std::vector<MarkRow> batch;
  while (Pop(batch)) {
    for (const MarkRow& row : batch) take(row);
  }
  thread_.join();
  if (failure_) std::rethrow_exception(failure_);
  return std::move(diagnostics_);
}

void MarkReadAhead::Run(const Reader& read) {
  Diagnostics diagnostics;
  std::exception_ptr failure;
  try {
    std::vector<MarkRow> batch;
    diagnostics = read([&](const MarkRow& row) {
      if (batch.empty()) batch.reserve(kBatchRows);
      batch.push_back(row);
      if (batch.size() == kBatchRows) Push(batch);
    });
    if (!batch.empty()) Push(batch);
  } catch (const Cancelled&) {
    // The caller stopped taking rows: nobody waits for the rest.
  } catch (...) {
    failure = std::current_exception();
  }
  {
    std::lock_guard lock(mutex_);
    diagnostics_ = std::move(diagnostics);
    failure_ = failure;
    finished_ = true;
  }
  changed_.notify_all();
}

// Queues the batch, waiting for room, and leaves `batch` empty.
void MarkReadAhead::Push(std::vector<MarkRow>& batch) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return batches_.size() < kQueuedBatches || cancelled_; });
  if (cancelled_) throw Cancelled{};
  batches_.push_back(std::move(batch));
  batch.clear();
  if (!spare_.empty()) {  // a batch the caller has taken: its memory is already in place
    batch = std::move(spare_.back());
    spare_.pop_back();
  }
  lock.unlock();
  changed_.notify_all();
}

// The next batch, waiting for one; false when the reader has finished and all were taken. The
// batch taken before is handed back, emptied, for the reader to fill again.
bool MarkReadAhead::Pop(std::vector<MarkRow>& batch) {
  batch.clear();
  std::unique_lock lock(mutex_);
  if (batch.capacity() != 0) spare_.push_back(std::move(batch));
  changed_.wait(lock, [this] { return !batches_.empty() || finished_; });
  if (batches_.empty()) return false;
  batch = std::move(batches_.front());
  batches_.pop_front();
  lock.unlock();
  changed_.notify_all();
  return true;
}

}  // namespace skillscore::cli
