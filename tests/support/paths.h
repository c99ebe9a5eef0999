// Where tests find the project's files and the built binary.
#pragma once

#include <string>

namespace skillscore::testing {

inline std::string SourcePath(const std::string& relative) {
  return std::string(SKILLSCORE_SOURCE_DIR) + "/" + relative;
}

inline std::string BinaryPath() { return SKILLSCORE_BINARY; }

}  // namespace skillscore::testing
