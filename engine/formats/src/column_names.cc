#include "skillscore/column_names.h"

#include <array>
#include <utility>

#include "skillscore/case_fold.h"

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

}  // namespace

std::string CanonicalColumnName(std::string_view name) {
  std::string folded = FoldCase(name);
  for (const auto& [russian, english] : kRussianNames) {
    if (folded == FoldCase(russian)) return std::string(english);
  }
  return std::string(name);
}

}  // namespace skillscore
