// The progress line of long tasks (cli/progress_line.h), driven by a fake clock: what it draws,
// when it redraws, the rate and time left, and that it is silent unless shown.
#include "progress_line.h"

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

#include "skillscore/i18n.h"

namespace skillscore::cli {
namespace {

using std::chrono::milliseconds;
using TimePoint = std::chrono::steady_clock::time_point;

class ProgressLineTest : public ::testing::Test {
 protected:
  void TearDown() override { SetLanguage(Language::kEnglish); }

  ProgressLine Line(bool shown) {
    return ProgressLine(
        out_, shown,
        [](const ProgressPosition& at) {
          return MarksImportProgress(at.done / 100, at.done, at.total, at.left);
        },
        [this] { return now_; });
  }

  std::ostringstream out_;
  TimePoint now_{};
};

TEST_F(ProgressLineTest, DrawsRowsBytesAndTheTimeLeft) {
  ProgressLine line = Line(true);
  now_ += milliseconds(2000);
  line.Update(10'000'000, 40'000'000);  // 5 MB/s: 6 s for the 30 MB left
  EXPECT_EQ(out_.str(), "\r\033[K100000 rows read, 10.0 of 40.0 MB, 0:00:06 left");
}

TEST_F(ProgressLineTest, RedrawsAtMostEvery200MsButAlwaysAtTheEnd) {
  ProgressLine line = Line(true);
  now_ += milliseconds(1000);
  line.Update(1'000'000, 4'000'000);
  now_ += milliseconds(100);
  line.Update(1'100'000, 4'000'000);  // too soon: not drawn
  now_ += milliseconds(100);
  line.Update(1'200'000, 4'000'000);
  now_ += milliseconds(10);
  line.Update(4'000'000, 4'000'000);  // done: drawn at once
  line.Clear();
  EXPECT_EQ(out_.str(),
            "\r\033[K10000 rows read, 1.0 of 4.0 MB, 0:00:03 left"
            "\r\033[K12000 rows read, 1.2 of 4.0 MB, 0:00:03 left"  // 2.8 s at 1 MB/s
            "\r\033[K40000 rows read, 4.0 of 4.0 MB, 0:00:00 left"
            "\r\033[K");
}

TEST_F(ProgressLineTest, NoRateYetLeavesTheTimeOpen) {
  ProgressLine line = Line(true);
  line.Update(0, 4'000'000);
  EXPECT_EQ(out_.str(), "\r\033[K0 rows read, 0.0 of 4.0 MB, … left");
}

TEST_F(ProgressLineTest, RussianHasDecimalCommas) {
  SetLanguage(Language::kRussian);
  ProgressLine line = Line(true);
  now_ += milliseconds(4000);
  line.Update(5'250'000, 42'000'000);
  EXPECT_EQ(out_.str(), "\r\033[Kпрочитано строк: 52500, 5,2 из 42,0 МБ, осталось 0:00:28");
}

TEST_F(ProgressLineTest, SilentWhenNotShown) {
  {
    ProgressLine line = Line(false);
    now_ += milliseconds(1000);
    line.Update(1, 2);
    line.Update(2, 2);
  }
  EXPECT_EQ(out_.str(), "");
  EXPECT_FALSE(ProgressShown(out_, 0));  // not the process's stderr
}

}  // namespace
}  // namespace skillscore::cli
