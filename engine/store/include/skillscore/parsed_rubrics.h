// Rubrics parsed once per store object. Content stored under a code@version never changes
// (store.h), so a store that reads the same exam's roster again and again — once per mark entered
// through the web — parses its rubric's YAML once instead of every time.
//
// Thread safety: one thread at a time, like the store that owns it.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include "skillscore/rubric.h"
#include "skillscore/store.h"

namespace skillscore {

class ParsedRubrics {
 public:
  // A copy of the rubric `info` names, parsed by `parse` unless it was parsed before. At most
  // kKept rubrics are kept: a database holds few versions, and a full memo starts afresh.
  StoreResult<Rubric> Get(const RubricInfo& info,
                          const std::function<StoreResult<Rubric>()>& parse);

  static constexpr std::size_t kKept = 8;

 private:
  std::map<std::string, Rubric> parsed_;  // by code@version and content hash
};

}  // namespace skillscore
