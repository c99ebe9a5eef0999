// The messages for people of a store's refusals (store_error.h), in the current language (i18n.h).
// Made here, at the edge, for every front end alike: they name ids and values, never a command
// or a flag — a front end adds its own hints (the command line: cli/store_hints.h).
//
// Thread safety: pure functions of the error and the calling thread's language.
#pragma once

#include <string>

#include "skillscore/store_error.h"

namespace skillscore {

// The message of `error`: for a batch of marks, one line per refused mark, each starting with
// where the mark came from ("marks.csv:7: ", "line 7: ", or nothing for a mark typed in).
std::string StoreMessage(const StoreError& error);

}  // namespace skillscore
