// Reading the SQLite store's rows back into the engine's values: those of every store
// (skillscore/stored_values.h), named here for the store (sqlite_store.cc) and its scan.
#pragma once

#include "skillscore/stored_values.h"

namespace skillscore::sqlite {

using store_common::ParseStoredRubric;
using store_common::Refuse;
using store_common::StatusFromName;

}  // namespace skillscore::sqlite
