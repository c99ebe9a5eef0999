#include "skillscore/document_text.h"

#include <algorithm>

#include "skillscore/i18n.h"

namespace skillscore {
namespace {

std::string WithLocalSeparator(std::string number) {
  if (CurrentLanguage() == Language::kRussian) std::replace(number.begin(), number.end(), '.', ',');
  return number;
}

bool IsIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

}  // namespace

std::string LocalDecimal(const Rational& value, int decimals) {
  return WithLocalSeparator(value.ToDecimal(decimals));
}

std::string LocalDecimal(std::string_view decimal, int decimals) {
  auto value = Rational::ParseDecimal(decimal);
  if (!value) return std::string(decimal);
  return LocalDecimal(*value, decimals);
}

int DecimalPlaces(std::string_view decimal) {
  std::size_t point = decimal.find('.');
  return point == std::string_view::npos ? 0 : static_cast<int>(decimal.size() - point - 1);
}

std::string LocalDate(std::string_view iso_date) {
  if (CurrentLanguage() != Language::kRussian || !IsIsoDate(iso_date)) {
    return std::string(iso_date);
  }
  return std::string(iso_date.substr(8, 2)) + "." + std::string(iso_date.substr(5, 2)) + "." +
         std::string(iso_date.substr(0, 4));
}

std::string LocalTimestamp(std::string_view timestamp) {
  if (timestamp.size() != 20 || timestamp[10] != 'T' || timestamp.back() != 'Z') {
    return std::string(timestamp);
  }
  return LocalDate(timestamp.substr(0, 10)) + " " + std::string(timestamp.substr(11, 5)) + " UTC";
}

std::optional<std::string> GradeWord(int grade) {
  switch (grade) {
    case 5:
      return Tr("excellent");
    case 4:
      return Tr("good");
    case 3:
      return Tr("satisfactory");
    case 2:
      return Tr("unsatisfactory");
    default:
      return std::nullopt;
  }
}

std::string GradeText(int grade) {
  auto word = GradeWord(grade);
  return word ? Tr("{0} ({1})", grade, *word) : std::to_string(grade);
}

}  // namespace skillscore
