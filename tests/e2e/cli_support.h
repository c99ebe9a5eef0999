// Helpers shared by the end-to-end tests of the command line.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "paths.h"
#include "process.h"
#include "skillscore/rubric_loader.h"

namespace skillscore::testing {

inline std::string E2eDataPath(const std::string& name) {
  return SourcePath("tests/e2e/data/" + name);
}

// Runs skillscore inside tests/e2e/data, so that messages name files as the test wrote them, and
// in English and UTC whatever the caller's locale and zone (the test may set the variables itself).
inline RunResult RunInData(const std::vector<std::string>& args, RunOptions options = {}) {
  options.env.try_emplace("LC_ALL", "");
  options.env.try_emplace("LC_MESSAGES", "");
  options.env.try_emplace("LANG", "C.UTF-8");
  options.env.try_emplace("TZ", "UTC");  // the zone of exams created without --timezone
  if (options.working_directory.empty()) options.working_directory = E2eDataPath("");
  return RunSkillscore(args, options);
}

inline RunOptions WithStdin(std::string text) {
  RunOptions options;
  options.stdin_text = std::move(text);
  return options;
}

inline RunOptions WithEnv(std::map<std::string, std::string> env) {
  RunOptions options;
  options.env = std::move(env);
  return options;
}

// The content hash the loader gives a rubric file (its identity, printed in results).
inline std::string RubricSha256(const std::string& path) {
  return ParseRubric(ReadFile(path), path).rubric.value().sha256;
}

}  // namespace skillscore::testing
