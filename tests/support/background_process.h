// A program started in the background, for tests that run several at once or kill one midway:
// its standard output and error go to files, collected when it is waited for.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "process.h"

namespace skillscore::testing {

class BackgroundProcess {
 public:
  // Starts `program` with `args`; `env` is added to (or replaces) the test's environment, and
  // the process runs in `working_directory` (empty: the test's own).
  BackgroundProcess(const std::string& program, const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env = {},
                    const std::string& working_directory = "");
  ~BackgroundProcess();  // kills the process if it still runs
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }
  void Kill(int signal_number);
  // Waits for the end; exit_code is 128 + the signal's number when a signal ended it.
  RunResult Wait();
  // Waits at most `seconds` for the end: false when the process still runs.
  bool WaitFor(double seconds);

 private:
  void Collect(int status);  // the exit status and the output of the ended process

  TempDir output_;
  pid_t pid_ = -1;
  bool waited_ = false;
  RunResult result_;
};

}  // namespace skillscore::testing
