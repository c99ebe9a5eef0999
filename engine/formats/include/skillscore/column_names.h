// Russian column names of the candidates, judges and marks files (CSV and workbooks), accepted
// beside the English ones of shared/spec/cli.md. The CSV reader puts the English name in place of
// a Russian one as it reads the header, so every check after it sees one set of names. Matching
// ignores letter case (Участник = участник) and treats ё as е.
//
//   id            код, идентификатор, ид, номер
//   name          фио, имя, ф.и.о.
//   organization  организация, образовательная организация, оо
//   status        статус
//   role          роль
//   candidate     участник, кандидат
//   aspect        аспект
//   judge         эксперт, судья
//   value         оценка, балл, значение
//   exam          экзамен
//   note          примечание, комментарий
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace skillscore {

// The English column name for a Russian one; any other name unchanged.
std::string CanonicalColumnName(std::string_view name);

}  // namespace skillscore
