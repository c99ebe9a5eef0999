// Both bundled samples get passports (issue 12: `na` — not attempted — is an answer, not a missing
// mark). Each sample has two `na` marks and one disputed panel; the panel is settled as at the
// exam (one judge re-scores after the discussion), the chief expert locks everything, and then
// every present candidate gets a passport, those with an `na` mark among them.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "db_support.h"

namespace skillscore::testing {
namespace {

struct Sample {
  std::string folder;  // under samples/
  std::string rubric;  // under rubrics/
  std::string rubric_id;
  std::string exam;
  std::string chief;
  std::vector<std::string> settle;   // the `mark` that settles the disputed panel
  std::size_t present;               // candidates who get a passport
  std::vector<std::string> with_na;  // lines of `passport issue` of candidates with an na mark
};

const std::vector<Sample> kSamples = {
    {"de-2026-0412",
     "de-09.02.07-2026-pu.yaml",
     "09.02.07-2026-PU@2026.1",
     "DE-2026-0412",
     "E01",
     {"--as", "E05", "mark", "DE-2026-0412", "C06", "B2.7", "3", "--reason", "settled"},
     11,
     {"issued passport DE-2026-0412-C05-1 for Ершов Кирилл Валерьевич (C05)\n",
      "issued passport DE-2026-0412-C09-1 for Карпов Егор Александрович (C09)\n"}},
    {"ws-2026-web",
     "ws-web-technologies-2026.yaml",
     "WS-WEB-2026@2026.2",
     "WS-2026-WEB",
     "J01",
     {"--as", "J05", "mark", "WS-2026-WEB", "W05", "D2.1", "2", "--reason", "settled"},
     14,
     {"issued passport WS-2026-WEB-W11-1 for Мельникова Ева Сергеевна (W11)\n",
      "issued passport WS-2026-WEB-W14-1 for Панов Степан Николаевич (W14)\n"}},
};

std::size_t Lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

class SamplesPassportsTest : public DbTest {
 protected:
  RunResult AsChief(const Sample& sample, const std::vector<std::string>& args) {
    return Db(args, WithEnv({{"SKILLSCORE_JUDGE", sample.chief}}));
  }

  std::string ResultsStatus(const std::string& exam) {
    RunResult run = Db({"results", exam, "--format", "json"});
    const std::size_t begin = run.out.find("\"status\": \"") + 11;
    return run.out.substr(begin, run.out.find('"', begin) - begin);
  }
};

TEST_F(SamplesPassportsTest, EverySampleGetsPassportsOnceItsDisputeIsSettled) {
  const std::string keys = dir_.File("keys");
  ASSERT_EQ(Db({"keys", "init", "--issuer", "Колледж связи № 54", "--dir", keys}).exit_code, 0);
  for (const Sample& sample : kSamples) {
    const std::string folder = SourcePath("samples/" + sample.folder + "/");
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"rubric", "import", SourcePath("rubrics/" + sample.rubric)},
             {"exam", "create", sample.exam, "--rubric", sample.rubric_id},
             {"candidates", "import", sample.exam, folder + "candidates.csv"},
             {"judges", "import", sample.exam, folder + "judges.csv"},
             {"marks", "import", sample.exam, folder + "marks.csv"}}) {
      RunResult run = AsChief(sample, args);
      ASSERT_EQ(run.exit_code, 0) << sample.folder << ": " << run.err;
    }
    EXPECT_EQ(ResultsStatus(sample.exam), "provisional") << sample.folder;
    RunResult settled = Db(sample.settle);
    ASSERT_EQ(settled.exit_code, 0) << settled.err;
    RunResult locked = AsChief(sample, {"lock", sample.exam, "--all"});
    ASSERT_EQ(locked.exit_code, 0) << locked.err;
    EXPECT_EQ(locked.err, "") << sample.folder;
    EXPECT_EQ(ResultsStatus(sample.exam), "final") << sample.folder;
    RunResult issued = AsChief(sample, {"passport", "issue", sample.exam, "--dir", keys});
    EXPECT_EQ(issued.exit_code, 0) << issued.err;
    EXPECT_EQ(Lines(issued.out), sample.present) << issued.out;
    for (const std::string& line : sample.with_na) {
      EXPECT_NE(issued.out.find(line), std::string::npos) << issued.out;
    }
  }
}

}  // namespace
}  // namespace skillscore::testing
