// libFuzzer target: the CSV reader (csv.h), whole and streamed in small pieces, and the marks
// reader built on it (exam_files.h). Whatever the bytes, the readers must return a table or
// diagnostics — no crash, no hang, no unbounded memory — and the streamed read must agree with
// the whole one.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_rubric.h"
#include "skillscore/csv.h"
#include "skillscore/exam_files.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace skillscore;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = ParseCsv(text, "fuzz.csv");
  if (table) {
    for (const CsvRow& row : table->rows) {
      if (row.fields.size() != table->header.size()) __builtin_trap();
    }
  }

  static const Rubric rubric = fuzz::SmallRubric();
  static const std::vector<Candidate> candidates = {
      {"C1", "Ann", "College 1", CandidateStatus::kPresent},
      {"C2", "Bob", "", CandidateStatus::kPresent}};
  static const std::vector<Judge> judges = {{"J1", "Jan", "College 2", JudgeRole::kExpert},
                                            {"J2", "Jo", "", JudgeRole::kChief}};
  const MarkContext context{&rubric, &candidates, &judges, std::nullopt};
  std::size_t whole_rows = 0;
  const Diagnostics whole =
      ReadMarksCsv(text, "fuzz.csv", context, [&](const MarkRow&) { ++whole_rows; });
  std::istringstream in{std::string(text)};
  std::size_t streamed_rows = 0;
  const Diagnostics streamed = ReadMarksCsv(
      in, "fuzz.csv", context, [&](const MarkRow&) { ++streamed_rows; }, 7);
  if (whole.size() != streamed.size() || whole_rows != streamed_rows) __builtin_trap();
  return 0;
}
