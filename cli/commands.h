// The command groups of the command line; app.cc lists them. Each is defined in its own file.
#pragma once

#include <vector>

#include "app.h"

namespace skillscore::cli {

std::vector<Command> RubricCommands();  // rubric_command.cc
std::vector<Command> ScoreCommands();   // score_command.cc

}  // namespace skillscore::cli
