#include "progress_line.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "skillscore/i18n.h"

namespace skillscore::cli {
namespace {

constexpr std::chrono::milliseconds kRedrawEvery{200};

std::string Duration(double seconds) {
  auto whole = static_cast<long>(std::lround(seconds));
  return fmt::format("{}:{:02}:{:02}", whole / 3600, whole / 60 % 60, whole % 60);
}

// Bytes as megabytes to one decimal, with the decimal comma in Russian.
std::string Megabytes(std::uint64_t bytes) {
  std::string text = fmt::format("{:.1f}", static_cast<double>(bytes) / 1e6);
  if (CurrentLanguage() == Language::kRussian) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

}  // namespace

std::string MarksImportProgress(std::uint64_t rows, std::uint64_t bytes, std::uint64_t size,
                                const std::string& left) {
  return Tr("{0} rows read, {1} of {2} MB, {3} left", rows, Megabytes(bytes), Megabytes(size),
            left);
}

bool ProgressShown(const std::ostream& err, int verbosity) {
  return &err == &std::cerr && isatty(STDERR_FILENO) != 0 && verbosity >= 0;
}

ProgressLine::ProgressLine(std::ostream& out, bool shown, Wording wording, Clock clock)
    : out_(out),
      shown_(shown),
      wording_(std::move(wording)),
      clock_(std::move(clock)),
      start_(clock_()),
      drawn_(start_ - kRedrawEvery) {}  // the first update draws

ProgressLine::~ProgressLine() { Clear(); }

void ProgressLine::Update(std::uint64_t done, std::uint64_t total) {
  if (!shown_) return;
  std::chrono::steady_clock::time_point now = clock_();
  if (done < total && now - drawn_ < kRedrawEvery) return;
  drawn_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double per_second = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  std::string left = per_second > 0 && total >= done
                         ? Duration(static_cast<double>(total - done) / per_second)
                         : "…";
  out_ << "\r\033[K"
       << wording_({.done = done, .total = total, .per_second = per_second, .left = left})
       << std::flush;
  visible_ = true;
}

void ProgressLine::Clear() {
  if (!visible_) return;
  out_ << "\r\033[K" << std::flush;
  visible_ = false;
}

}  // namespace skillscore::cli
