// A line on stderr, redrawn in place, that shows how far a long task is — exams re-scored by
// `rescore`, bytes of a marks file read by `marks import` — with the rate and the time left.
// Shown only on a terminal and without -q (ProgressShown), so that logs and pipes never see it;
// redrawn at most every 200 ms of its clock, so that it costs nothing per row.
//
// Thread safety: an ordinary object; Update and Clear from one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

namespace skillscore::cli {

// Where a task is when the line is drawn.
struct ProgressPosition {
  std::uint64_t done = 0;
  std::uint64_t total = 0;
  double per_second = 0;  // units of `done` per second since the start
  std::string left;       // the time left as H:MM:SS, "…" while no rate is known
};

// True when a progress line belongs on `err`: it is the process's stderr, a terminal, and the
// user did not ask for quiet (-q: `verbosity` < 0).
bool ProgressShown(const std::ostream& err, int verbosity);

// The words of `marks import`'s line: "120000 rows read, 5,2 of 40,0 MB, 0:00:07 left".
std::string MarksImportProgress(std::uint64_t rows, std::uint64_t bytes, std::uint64_t size,
                                const std::string& left);

class ProgressLine {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  // The words of the line for a position, in the user's language.
  using Wording = std::function<std::string(const ProgressPosition&)>;

  ProgressLine(std::ostream& out, bool shown, Wording wording,
               Clock clock = &std::chrono::steady_clock::now);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Redraws the line when the last drawing is old enough, and always when the task is done.
  void Update(std::uint64_t done, std::uint64_t total);
  // Takes the line away, so that output to the same terminal starts on a clean line.
  void Clear();

 private:
  std::ostream& out_;
  bool shown_;
  Wording wording_;
  Clock clock_;
  bool visible_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point drawn_;
};

}  // namespace skillscore::cli
