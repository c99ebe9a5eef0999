// The rubric a report was made under, as every JSON report names it.
#pragma once

#include "skillscore/json_writer.h"
#include "skillscore/rubric.h"

namespace skillscore::internal {

// Writes the members "code", "version" and "sha256" into the object the caller has begun; the
// hash is null for a rubric that has none (one read from a file, not from the database).
void WriteRubricIdentity(JsonWriter& json, const Rubric& rubric);

}  // namespace skillscore::internal
