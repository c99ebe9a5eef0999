#include "rubric_json.h"

namespace skillscore::internal {

void WriteRubricIdentity(JsonWriter& json, const Rubric& rubric) {
  json.Key("code");
  json.String(rubric.code);
  json.Key("version");
  json.String(rubric.version);
  json.Key("sha256");
  if (rubric.sha256.empty()) {
    json.Null();
  } else {
    json.String(rubric.sha256);
  }
}

}  // namespace skillscore::internal
