// libFuzzer target: the rubric loader (rubric_loader.h) on any bytes. A rubric it accepts must
// also give its canonical JSON (the rubric's identity) and be scored with no marks.
#include <cstddef>
#include <cstdint>
#include <string>

#include "skillscore/rubric_loader.h"
#include "skillscore/scoring.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace skillscore;
  const std::string text(reinterpret_cast<const char*>(data), size);
  RubricLoad load = ParseRubric(text, "fuzz.yaml");
  if (!load.rubric) return 0;
  const Rubric& rubric = *load.rubric;
  if (CanonicalRubricJson(rubric).empty()) __builtin_trap();
  const std::vector<Candidate> candidates = {{"C1", "Ann", "", CandidateStatus::kPresent}};
  ScoreExam(rubric, BuildSheets(rubric, candidates, {}));
  return 0;
}
