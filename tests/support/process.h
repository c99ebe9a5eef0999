// Runs the real `skillscore` binary (or any program) the way a user would, for end-to-end tests:
// arguments, optional standard input and environment, captured stdout, stderr and exit code.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace skillscore::testing {

struct RunResult {
  int exit_code = -1;  // 128 + signal number when killed by a signal
  std::string out;
  std::string err;
};

struct RunOptions {
  std::string stdin_text;
  std::map<std::string, std::string> env;  // added to (or replacing) the test's environment
  std::string working_directory;           // empty = the test's own
};

RunResult Run(const std::string& program, const std::vector<std::string>& args,
              const RunOptions& options = {});

// Runs the built skillscore binary with LANG=C.UTF-8 unless options.env says otherwise.
RunResult RunSkillscore(const std::vector<std::string>& args, const RunOptions& options = {});

// A fresh empty directory under the system temp folder, removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content);

}  // namespace skillscore::testing
