#include "skillscore/passport_supersession.h"

#include "skillscore/i18n.h"

namespace skillscore {

tl::expected<std::optional<std::string>, Diagnostic> SupersededInRegister(
    const CsvTable& passport_register, std::string_view number) {
  // A register written in Russian heads its numbers «Номер», which the CSV reader takes for an id
  // column (column_names.h).
  auto number_column = passport_register.Column("number");
  if (!number_column) number_column = passport_register.Column("id");
  auto supersedes_column = passport_register.Column("supersedes");
  if (!number_column || !supersedes_column) {
    return tl::make_unexpected(Diagnostic{
        .file = passport_register.file,
        .line = passport_register.header_line,
        .message = Tr("not a passport register: expected the columns 'number' and 'supersedes'")});
  }
  for (const CsvRow& row : passport_register.rows) {
    if (row.fields[*supersedes_column] == number) return row.fields[*number_column];
  }
  return std::nullopt;
}

bool Supersedes(const PassportRecord& newer, std::string_view number) {
  return newer.supersedes && *newer.supersedes == number;
}

}  // namespace skillscore
