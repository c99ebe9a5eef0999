#include "skillscore/exam_files.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "skillscore/i18n.h"
#include "skillscore/mark_value.h"

namespace skillscore {
namespace {

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

// Lower case for ASCII and the Russian alphabet (UTF-8), enough to compare keywords that a
// spreadsheet may have capitalised ("Present", "Снят", "ГЛАВНЫЙ").
std::string Lower(std::string_view text) {
  std::string lower;
  lower.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (c == 0xD0 && next >= 0x90 && next <= 0x9F) {  // А…П → а…п
      lower += {'\xD0', static_cast<char>(next + 0x20)};
      ++i;
    } else if (c == 0xD0 && next >= 0xA0 && next <= 0xAF) {  // Р…Я → р…я
      lower += {'\xD1', static_cast<char>(next - 0x20)};
      ++i;
    } else if (c == 0xD0 && next == 0x81) {  // Ё → ё
      lower += "\xD1\x91";
      ++i;
    } else {
      lower += static_cast<char>(std::tolower(c));
    }
  }
  return lower;
}

template <typename Value>
struct Keyword {
  std::string_view word;
  Value value;
};

template <typename Value, std::size_t kCount>
std::optional<Value> FindKeyword(const Keyword<Value> (&keywords)[kCount], std::string_view text) {
  const std::string lower = Lower(text);
  for (const auto& keyword : keywords) {
    if (keyword.word == lower) return keyword.value;
  }
  return std::nullopt;
}

constexpr Keyword<CandidateStatus> kStatuses[] = {
    {"present", CandidateStatus::kPresent},
    {"absent", CandidateStatus::kAbsent},
    {"withdrawn", CandidateStatus::kWithdrawn},
    {"disqualified", CandidateStatus::kDisqualified},
    {"присутствует", CandidateStatus::kPresent},
    {"отсутствует", CandidateStatus::kAbsent},
    {"снят", CandidateStatus::kWithdrawn},
    {"снята", CandidateStatus::kWithdrawn},
    {"дисквалифицирован", CandidateStatus::kDisqualified},
    {"дисквалифицирована", CandidateStatus::kDisqualified},
};

constexpr Keyword<JudgeRole> kRoles[] = {
    {"expert", JudgeRole::kExpert},         {"chief", JudgeRole::kChief},
    {"эксперт", JudgeRole::kExpert},        {"главный", JudgeRole::kChief},
    {"главный эксперт", JudgeRole::kChief},
};

// An empty cell keeps the default; otherwise the error names the value and what is expected.
std::optional<std::string> SetStatus(Candidate& candidate, const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (auto status = FindKeyword(kStatuses, text)) {
    candidate.status = *status;
    return std::nullopt;
  }
  return Tr("status \"{0}\" is unknown: expected present, absent, withdrawn or disqualified", text);
}

std::optional<std::string> SetRole(Judge& judge, const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (auto role = FindKeyword(kRoles, text)) {
    judge.role = *role;
    return std::nullopt;
  }
  return Tr("role \"{0}\" is unknown: expected expert or chief", text);
}

// The trimmed value of a column, or "" when the file has no such column.
std::string Cell(const CsvTable& table, const CsvRow& row, std::string_view column) {
  const auto index = table.Column(column);
  return index ? Trim(row.fields[*index]) : "";
}

Diagnostic RowError(const CsvTable& table, const CsvRow& row, std::string message) {
  return {Severity::kError, table.file, row.line, 0, std::move(message)};
}

// Candidates and judges files share their shape: id, name, organization and one optional
// keyword column (`extra_column`) that `set_extra` applies to the person.
template <typename Person, typename SetExtra>
tl::expected<std::vector<Person>, Diagnostics> ReadPeople(const CsvTable& table,
                                                          const std::string& extra_column,
                                                          SetExtra set_extra) {
  Diagnostics diagnostics = CheckColumns(table, {"id", "name", "organization"}, {extra_column});
  if (!diagnostics.empty()) return tl::make_unexpected(std::move(diagnostics));
  std::vector<Person> people;
  std::unordered_map<std::string, int> line_by_id;
  for (const CsvRow& row : table.rows) {
    Person person;
    person.id = Cell(table, row, "id");
    person.name = Cell(table, row, "name");
    person.organization = Cell(table, row, "organization");
    if (person.id.empty()) {
      diagnostics.push_back(RowError(table, row, Tr("id is empty: every row needs an id")));
    } else if (auto [first, added] = line_by_id.emplace(person.id, row.line); !added) {
      diagnostics.push_back(RowError(
          table, row, Tr("id \"{0}\" is already used on line {1}", person.id, first->second)));
    }
    if (auto problem = set_extra(person, Cell(table, row, extra_column))) {
      diagnostics.push_back(RowError(table, row, *problem));
    }
    people.push_back(std::move(person));
  }
  if (!diagnostics.empty()) return tl::make_unexpected(std::move(diagnostics));
  return people;
}

template <typename Person>
const Person* FindById(const std::vector<Person>& people, const std::string& id) {
  auto found = std::find_if(people.begin(), people.end(),
                            [&](const Person& person) { return person.id == id; });
  return found == people.end() ? nullptr : &*found;
}

// scoring.md §6: a judge never marks a candidate of their own organisation. Only known (non-empty)
// organisations can match.
std::optional<std::string> ConflictOfInterest(const Policy& policy, const Judge* judge,
                                              const Candidate* candidate) {
  if (policy.conflict_of_interest != ConflictRule::kOrganization) return std::nullopt;
  if (judge == nullptr || candidate == nullptr) return std::nullopt;
  const std::string organization = Trim(judge->organization);
  if (organization.empty() || organization != Trim(candidate->organization)) return std::nullopt;
  return Tr(
      "conflict of interest: judge \"{0}\" and candidate \"{1}\" are both from \"{2}\"; a "
      "judge may not mark a candidate of their own organisation (policy "
      "conflict_of_interest: organization)",
      judge->id, candidate->id, organization);
}

}  // namespace

tl::expected<std::vector<Candidate>, Diagnostics> ReadCandidates(const CsvTable& table) {
  return ReadPeople<Candidate>(table, "status", SetStatus);
}

tl::expected<std::vector<Judge>, Diagnostics> ReadJudges(const CsvTable& table) {
  return ReadPeople<Judge>(table, "role", SetRole);
}

tl::expected<MarkEntry, std::string> CheckMark(const MarkContext& context,
                                               const std::string& candidate,
                                               const std::string& aspect, const std::string& judge,
                                               const std::string& value_text) {
  const Rubric& rubric = *context.rubric;
  MarkEntry entry{Trim(candidate), 0, Trim(judge), {}};
  const std::string aspect_id = Trim(aspect);
  if (entry.candidate.empty()) return tl::make_unexpected(Tr("no candidate given"));
  if (aspect_id.empty()) return tl::make_unexpected(Tr("no aspect given"));
  if (entry.judge.empty()) return tl::make_unexpected(Tr("no judge given"));

  const Candidate* registered_candidate = nullptr;
  if (context.candidates != nullptr) {
    registered_candidate = FindById(*context.candidates, entry.candidate);
    if (registered_candidate == nullptr) {
      return tl::make_unexpected(
          Tr("candidate \"{0}\" is not registered for this exam", entry.candidate));
    }
  }
  const auto ordinal = rubric.FindAspect(aspect_id);
  if (!ordinal) {
    return tl::make_unexpected(
        Tr("aspect \"{0}\" is not in rubric {1}", aspect_id, rubric.Identity()));
  }
  entry.aspect = *ordinal;
  const Judge* registered_judge = nullptr;
  if (context.judges != nullptr) {
    registered_judge = FindById(*context.judges, entry.judge);
    if (registered_judge == nullptr) {
      return tl::make_unexpected(Tr("judge \"{0}\" is not registered for this exam", entry.judge));
    }
  }
  if (auto conflict = ConflictOfInterest(rubric.policy, registered_judge, registered_candidate)) {
    return tl::make_unexpected(*conflict);
  }
  auto value = ParseMarkValue(rubric.AspectAt(*ordinal), Trim(value_text));
  if (!value) return tl::make_unexpected(value.error());
  entry.value = *value;
  return entry;
}

tl::expected<std::vector<MarkRow>, Diagnostics> ReadMarks(const CsvTable& table,
                                                          const MarkContext& context) {
  Diagnostics diagnostics =
      CheckColumns(table, {"candidate", "aspect", "judge", "value"}, {"exam", "note"});
  if (!diagnostics.empty()) return tl::make_unexpected(std::move(diagnostics));
  std::vector<MarkRow> rows;
  for (const CsvRow& row : table.rows) {
    const std::string exam = Cell(table, row, "exam");
    if (context.exam && !exam.empty() && exam != *context.exam) {
      diagnostics.push_back(RowError(
          table, row,
          Tr("exam \"{0}\" does not match the exam being imported, \"{1}\"", exam, *context.exam)));
    }
    auto entry = CheckMark(context, Cell(table, row, "candidate"), Cell(table, row, "aspect"),
                           Cell(table, row, "judge"), Cell(table, row, "value"));
    if (!entry) {
      diagnostics.push_back(RowError(table, row, entry.error()));
      continue;
    }
    const auto note = table.Column("note");
    rows.push_back({row.line, std::move(*entry), note ? row.fields[*note] : std::string()});
  }
  if (!diagnostics.empty()) return tl::make_unexpected(std::move(diagnostics));
  return rows;
}

std::vector<Candidate> CandidatesFromMarks(const std::vector<MarkRow>& rows) {
  std::vector<Candidate> candidates;
  std::unordered_set<std::string> seen;
  for (const MarkRow& row : rows) {
    if (seen.insert(row.entry.candidate).second) {
      candidates.push_back(
          {row.entry.candidate, row.entry.candidate, "", CandidateStatus::kPresent});
    }
  }
  return candidates;
}

}  // namespace skillscore
