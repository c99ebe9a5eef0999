#include "skillscore/column_names.h"

#include <array>
#include <utility>

#include "skillscore/utf8.h"

namespace skillscore {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 26> kRussianNames = {{
    {"код", "id"},
    {"идентификатор", "id"},
    {"ид", "id"},
    {"номер", "id"},
    {"фио", "name"},
    {"ф.и.о.", "name"},
    {"имя", "name"},
    {"организация", "organization"},
    {"образовательная организация", "organization"},
    {"оо", "organization"},
    {"статус", "status"},
    {"роль", "role"},
    {"подкритерии", "subcriteria"},  // a judge's marking groups (marking_groups.h)
    {"группы оценки", "subcriteria"},
    {"участник", "candidate"},
    {"кандидат", "candidate"},
    {"аспект", "aspect"},
    {"эксперт", "judge"},
    {"судья", "judge"},
    {"оценка", "value"},
    {"балл", "value"},
    {"значение", "value"},
    {"экзамен", "exam"},
    {"примечание", "note"},
    {"комментарий", "note"},
    {"заменяет", "supersedes"},  // the passport register (passport_supersession.h)
}};

// Cyrillic and Latin capitals to small letters, ё to е.
std::string Folded(std::string_view text) {
  std::string folded;
  for (std::size_t at = 0; at < text.size();) {
    char32_t c = DecodeUtf8(text, at);
    if (c >= U'А' && c <= U'Я') c += 0x20;
    if (c >= U'A' && c <= U'Z') c += 0x20;
    if (c == U'Ё' || c == U'ё') c = U'е';
    AppendUtf8(c, folded);
  }
  return folded;
}

}  // namespace

std::string CanonicalColumnName(std::string_view name) {
  std::string folded = Folded(name);
  for (const auto& [russian, english] : kRussianNames) {
    if (folded == Folded(russian)) return std::string(english);
  }
  return std::string(name);
}

}  // namespace skillscore
