#include "skillscore/csv_writer.h"

namespace skillscore {
namespace {

bool NeedsQuotes(std::string_view field, char delimiter) {
  if (field.find_first_of(std::string{delimiter, '"', '\r', '\n'}) != std::string_view::npos) {
    return true;
  }
  // Readers commonly trim unquoted fields; quotes keep significant spaces.
  return !field.empty() && (field.front() == ' ' || field.back() == ' ');
}

// A plain decimal with an optional sign ("-2", "+1.5", "-0,25"): a number, not a formula.
bool IsNumber(std::string_view field) {
  if (!field.empty() && (field.front() == '-' || field.front() == '+')) field.remove_prefix(1);
  const std::size_t separator = field.find_first_of(".,");
  auto digits = [](std::string_view part) {
    return !part.empty() && part.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (separator == std::string_view::npos) return digits(field);
  return digits(field.substr(0, separator)) && digits(field.substr(separator + 1));
}

// Spreadsheets run a cell that starts with = + - @ (or a tab or CR before one) as a formula
// (OWASP "CSV injection"): such text gets a leading apostrophe, which spreadsheets show as text.
// Numbers stay numbers, so that negative marks and differences can still be summed.
bool MayBeFormula(std::string_view field) {
  if (field.empty() || std::string_view("=+-@\t\r").find(field.front()) == std::string_view::npos) {
    return false;
  }
  return !IsNumber(field);
}

std::string Quoted(std::string_view field) {
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

}  // namespace

std::string CsvRecord(const std::vector<std::string>& fields, char delimiter) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += delimiter;
    const std::string field = MayBeFormula(fields[i]) ? "'" + fields[i] : fields[i];
    out += NeedsQuotes(field, delimiter) ? Quoted(field) : field;
  }
  return out + '\n';
}

}  // namespace skillscore
