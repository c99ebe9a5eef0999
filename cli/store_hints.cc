#include "store_hints.h"

#include "skillscore/i18n.h"
#include "skillscore/store_messages.h"

namespace skillscore {

std::string CommandLineMessage(const StoreError& error) {
  using Code = StoreError::Code;
  const std::string noun = error.args.empty() ? std::string() : error.args[0];
  switch (error.code) {
    case Code::kExamNotFound:
      return Tr("exam {0} does not exist; create it with `skillscore exam create`", noun);
    case Code::kRubricNotFound:
      return Tr("rubric {0} is not in the database; import it with `skillscore rubric import FILE`",
                noun);
    case Code::kDatabasePathEmpty:
      return Tr("the database path is empty: give a file with --db or $SKILLSCORE_DB");
    case Code::kDatabaseNotAFile:
      return Tr(
          "--db {0} is not a file: an in-memory database or a URI keeps nothing once the "
          "command ends; give a file path",
          noun);
    default:
      return StoreMessage(error);
  }
}

}  // namespace skillscore
