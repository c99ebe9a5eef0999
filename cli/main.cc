// skillscore: scoring of demonstration exams and skills competitions from the command line.
// The only place that ends the process; everything else returns an exit code (app.h).
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "app.h"
#include "io.h"
#include "skillscore/i18n.h"

int main(int argc, char** argv) {
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    return static_cast<int>(skillscore::cli::Run(args, std::cin, std::cout, std::cerr));
  } catch (const std::exception& error) {
    // A bug or exhausted resources: there is nothing better than to say so and fail.
    skillscore::cli::PrintError(skillscore::Tr("internal error: {0}", error.what()), std::cerr);
    return static_cast<int>(skillscore::cli::ExitCode::kStorage);
  }
}
