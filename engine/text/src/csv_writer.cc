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
    out += NeedsQuotes(fields[i], delimiter) ? Quoted(fields[i]) : fields[i];
  }
  return out + '\n';
}

}  // namespace skillscore
