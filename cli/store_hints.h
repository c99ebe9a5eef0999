// A store's refusal as the command line shows it: the message every front end shows
// (StoreMessage), with the command or flag that helps where the command line has one — the command
// that makes a missing exam or rubric, the flag that names the database.
#pragma once

#include <string>

#include "skillscore/store_error.h"

namespace skillscore {

std::string CommandLineMessage(const StoreError& error);

}  // namespace skillscore
