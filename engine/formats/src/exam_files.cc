#include "skillscore/exam_files.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "csv_rows.h"
#include "skillscore/case_fold.h"
#include "skillscore/i18n.h"
#include "skillscore/identifier.h"
#include "skillscore/mark_value.h"
#include "skillscore/text.h"

namespace skillscore {
namespace {

template <typename Value>
struct Keyword {
  std::string_view word;
  Value value;
};

template <typename Value, std::size_t kCount>
std::optional<Value> FindKeyword(const Keyword<Value> (&keywords)[kCount], std::string_view text) {
  const std::string lower = FoldCase(text);
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
  return index ? std::string(Trim(row.fields[*index], kSpaces)) : "";
}

// A judge's marking groups (marking_groups.h): sub-criterion ids separated by commas, semicolons
// or spaces; each an identifier, none twice. Whether the rubric has them is the exam's to check.
std::optional<std::string> SetSubcriteria(Judge& judge, const std::string& text) {
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t end = rest.find_first_of(",; \t");
    const std::string_view id = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (id.empty()) continue;
    if (auto problem = IdentifierProblem("subcriteria", id)) return problem;
    if (std::find(judge.subcriteria.begin(), judge.subcriteria.end(), id) !=
        judge.subcriteria.end()) {
      return Tr("subcriteria: \"{0}\" is listed twice", id);
    }
    judge.subcriteria.emplace_back(id);
  }
  return std::nullopt;
}

Diagnostic RowError(const CsvTable& table, const CsvRow& row, std::string message) {
  return {Severity::kError, table.file, row.line, 0, std::move(message)};
}

// What an optional column of a people file sets: the problem with its cell, if any.
template <typename Person>
struct ExtraColumn {
  std::string name;
  std::optional<std::string> (*set)(Person& person, const std::string& text);
};

// Candidates and judges files share their shape: id, name, organization and optional columns
// (`extra_columns`) that each set something of the person.
template <typename Person>
tl::expected<std::vector<Person>, Diagnostics> ReadPeople(
    const CsvTable& table, const std::vector<ExtraColumn<Person>>& extra_columns) {
  std::vector<std::string> optional;
  for (const ExtraColumn<Person>& column : extra_columns) optional.push_back(column.name);
  Diagnostics diagnostics = CheckColumns(table, {"id", "name", "organization"}, optional);
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
    } else if (auto problem = IdentifierProblem("id", person.id)) {
      diagnostics.push_back(RowError(table, row, *problem));
    } else if (auto [first, added] = line_by_id.emplace(person.id, row.line); !added) {
      diagnostics.push_back(RowError(
          table, row, Tr("id \"{0}\" is already used on line {1}", person.id, first->second)));
    }
    for (const auto& [column, text] :
         {std::pair{"name", &person.name}, std::pair{"organization", &person.organization}}) {
      if (auto problem = TextProblem(column, *text)) {
        diagnostics.push_back(RowError(table, row, *problem));
      }
    }
    for (const ExtraColumn<Person>& column : extra_columns) {
      if (auto problem = column.set(person, Cell(table, row, column.name))) {
        diagnostics.push_back(RowError(table, row, *problem));
      }
    }
    people.push_back(std::move(person));
  }
  if (!diagnostics.empty()) return tl::make_unexpected(std::move(diagnostics));
  return people;
}

// Things found by id, indexed once to check a whole marks file; the first of a repeated id counts.
// Rows come in runs (of one candidate, of one aspect's panel), so the last hit is tried first.
template <typename Value>
class IdIndex {
 public:
  IdIndex() = default;
  IdIndex(IdIndex&&) = default;  // moves the map's nodes, to which last_ points, as they are
  IdIndex& operator=(IdIndex&&) = default;

  void Reserve(std::size_t count) { by_id_.reserve(count); }
  void Add(std::string_view id, Value value) { by_id_.emplace(id, value); }

  // The value added under `id`, or null.
  const Value* Find(std::string_view id) {
    if (last_ != nullptr && last_->first == id) return &last_->second;
    auto found = by_id_.find(id);
    if (found == by_id_.end()) return nullptr;
    last_ = &*found;
    return &found->second;
  }

 private:
  std::unordered_map<std::string_view, Value> by_id_;
  const std::pair<const std::string_view, Value>* last_ = nullptr;
};

template <typename Person>
struct Registered {
  const Person* person = nullptr;
  std::string_view organization;  // trimmed
};

template <typename Person>
IdIndex<Registered<Person>> IndexPeople(const std::vector<Person>& people) {
  IdIndex<Registered<Person>> index;
  index.Reserve(people.size());
  for (const Person& person : people)
    index.Add(person.id, {&person, Trim(person.organization, kBlanks)});
  return index;
}

struct RubricAspect {
  std::size_t ordinal = 0;
  const Aspect* aspect = nullptr;
};

IdIndex<RubricAspect> IndexAspects(const Rubric& rubric) {
  IdIndex<RubricAspect> index;
  index.Reserve(rubric.aspect_ordinal_by_id.size());
  for (const auto& [id, ordinal] : rubric.aspect_ordinal_by_id) {
    index.Add(id, {ordinal, &rubric.AspectAt(ordinal)});
  }
  return index;
}

// Why the judge may not mark the candidate under the conflict-of-interest rule (exam.h), if so.
std::optional<std::string> ConflictOfInterest(const Policy& policy, const Registered<Judge>* judge,
                                              const Registered<Candidate>* candidate) {
  if (judge == nullptr || candidate == nullptr) return std::nullopt;
  auto shared = SharedOrganization(policy, judge->organization, candidate->organization);
  if (!shared) return std::nullopt;
  return Tr(
      "conflict of interest: judge \"{0}\" and candidate \"{1}\" are both from \"{2}\"; a "
      "judge may not mark a candidate of their own organisation (policy "
      "conflict_of_interest: organization)",
      judge->person->id, candidate->person->id, *shared);
}

// CheckMark for many marks against one context: the rubric and the registered lists are indexed
// once.
class MarkChecker {
 public:
  explicit MarkChecker(const MarkContext& context)
      : rubric_(*context.rubric), aspects_(IndexAspects(rubric_)) {
    if (context.candidates != nullptr) candidates_ = IndexPeople(*context.candidates);
    if (context.judges != nullptr) judges_ = IndexPeople(*context.judges);
  }

  tl::expected<MarkEntry, std::string> Check(std::string_view candidate_text,
                                             std::string_view aspect_text,
                                             std::string_view judge_text,
                                             std::string_view value_text) {
    const std::string_view candidate_id = Trim(candidate_text, kSpaces);
    const std::string_view aspect_id = Trim(aspect_text, kSpaces);
    const std::string_view judge_id = Trim(judge_text, kSpaces);
    if (candidate_id.empty()) return tl::make_unexpected(Tr("no candidate given"));
    if (aspect_id.empty()) return tl::make_unexpected(Tr("no aspect given"));
    if (judge_id.empty()) return tl::make_unexpected(Tr("no judge given"));

    const Registered<Candidate>* candidate = nullptr;
    if (candidates_) {
      candidate = candidates_->Find(candidate_id);
      if (candidate == nullptr) {
        return tl::make_unexpected(
            Tr("candidate \"{0}\" is not registered for this exam", ShownValue(candidate_id)));
      }
    } else if (auto problem = IdentifierProblem("candidate", candidate_id)) {
      return tl::make_unexpected(*problem);
    }
    const RubricAspect* aspect = aspects_.Find(aspect_id);
    if (aspect == nullptr) {
      return tl::make_unexpected(
          Tr("aspect \"{0}\" is not in rubric {1}", ShownValue(aspect_id), rubric_.Identity()));
    }
    const Registered<Judge>* judge = nullptr;
    if (judges_) {
      judge = judges_->Find(judge_id);
      if (judge == nullptr) {
        return tl::make_unexpected(
            Tr("judge \"{0}\" is not registered for this exam", ShownValue(judge_id)));
      }
    } else if (auto problem = IdentifierProblem("judge", judge_id)) {
      return tl::make_unexpected(*problem);
    }
    if (auto conflict = ConflictOfInterest(rubric_.policy, judge, candidate)) {
      return tl::make_unexpected(*conflict);
    }
    auto value = ParseMarkValue(*aspect->aspect, Trim(value_text, kSpaces));
    if (!value) return tl::make_unexpected(value.error());
    return MarkEntry{std::string(candidate_id), aspect->ordinal, std::string(judge_id), *value};
  }

 private:
  const Rubric& rubric_;
  IdIndex<RubricAspect> aspects_;
  std::optional<IdIndex<Registered<Candidate>>> candidates_;  // nullopt: any id is accepted
  std::optional<IdIndex<Registered<Judge>>> judges_;
};

// The columns of a marks file, found once for all its rows.
struct MarkColumns {
  std::size_t candidate = 0;
  std::size_t aspect = 0;
  std::size_t judge = 0;
  std::size_t value = 0;
  std::optional<std::size_t> exam;
  std::optional<std::size_t> note;

  // `table` has passed CheckColumns, so the required columns are there.
  explicit MarkColumns(const CsvTable& table)
      : candidate(*table.Column("candidate")),
        aspect(*table.Column("aspect")),
        judge(*table.Column("judge")),
        value(*table.Column("value")),
        exam(table.Column("exam")),
        note(table.Column("note")) {}
};

Diagnostics CheckMarkColumns(const CsvTable& table) {
  return CheckColumns(table, {"candidate", "aspect", "judge", "value"}, {"exam", "note"});
}

// Reads the data rows of a marks file whose columns have passed CheckMarkColumns, one at a time,
// handing each good one to `take`. A bad row gives a diagnostic; after the first one, rows are
// still checked but no longer handed over.
class MarkReader {
 public:
  static inline const std::string kNoNote;

  MarkReader(const CsvTable& table, const MarkContext& context, const MarkRowSink& take)
      : table_(table),
        context_(context),
        columns_(table),
        checker_(context),
        take_(take),
        exam_(context.exam) {}

  void Read(const CsvRow& row) {
    const std::vector<std::string>& fields = row.fields;
    const std::string_view exam = columns_.exam ? Trim(fields[*columns_.exam], kSpaces) : "";
    if (!exam_ && context_.exam_from_rows && !exam.empty()) exam_ = std::string(exam);
    if (exam_ && !exam.empty() && exam != *exam_) {
      diagnostics_.push_back(
          RowError(table_, row,
                   Tr("exam \"{0}\" does not match the exam being imported, \"{1}\"",
                      ShownValue(exam), *exam_)));
    }
    auto entry = checker_.Check(fields[columns_.candidate], fields[columns_.aspect],
                                fields[columns_.judge], fields[columns_.value]);
    if (!entry) {
      diagnostics_.push_back(RowError(table_, row, entry.error()));
      return;
    }
    const std::string& note = columns_.note ? fields[*columns_.note] : kNoNote;
    if (auto problem = TextProblem("note", note, TextLines::kMultiple)) {
      diagnostics_.push_back(RowError(table_, row, *problem));
      return;
    }
    if (!diagnostics_.empty()) return;
    take_({{row.line, std::move(*entry), note}, std::string(exam)});
  }

  Diagnostics Finish() { return std::move(diagnostics_); }

 private:
  const CsvTable& table_;
  const MarkContext& context_;
  const MarkColumns columns_;
  MarkChecker checker_;
  const MarkRowSink& take_;
  std::optional<std::string> exam_;  // the exam every row's exam cell must match, when known
  Diagnostics diagnostics_;
};

// The rows, or the diagnostics when there are any.
tl::expected<std::vector<MarkRow>, Diagnostics> RowsUnlessRefused(std::vector<MarkRow>& rows,
                                                                  Diagnostics diagnostics) {
  if (!diagnostics.empty()) return tl::make_unexpected(std::move(diagnostics));
  return std::move(rows);
}

}  // namespace

tl::expected<std::vector<Candidate>, Diagnostics> ReadCandidates(const CsvTable& table) {
  return ReadPeople<Candidate>(table, {{"status", SetStatus}});
}

tl::expected<std::vector<Judge>, Diagnostics> ReadJudges(const CsvTable& table) {
  return ReadPeople<Judge>(table, {{"role", SetRole}, {"subcriteria", SetSubcriteria}});
}

tl::expected<MarkEntry, std::string> CheckMark(const MarkContext& context,
                                               const std::string& candidate,
                                               const std::string& aspect, const std::string& judge,
                                               const std::string& value_text) {
  return MarkChecker(context).Check(candidate, aspect, judge, value_text);
}

tl::expected<std::vector<MarkRow>, Diagnostics> ReadMarks(const CsvTable& table,
                                                          const MarkContext& context) {
  Diagnostics diagnostics = CheckMarkColumns(table);
  if (!diagnostics.empty()) return tl::make_unexpected(std::move(diagnostics));
  std::vector<MarkRow> rows;
  rows.reserve(table.rows.size());
  const MarkRowSink keep = [&rows](const MarkRow& row) { rows.push_back(row); };
  MarkReader reader(table, context, keep);
  for (const CsvRow& row : table.rows) reader.Read(row);
  return RowsUnlessRefused(rows, reader.Finish());
}

namespace {

// ReadCsvRows of a text or of a stream, into `table`.
using CsvRowReader =
    std::function<Diagnostics(CsvTable& table, const std::function<void(CsvRow&)>& take)>;

Diagnostics ReadMarkRows(const CsvRowReader& read_rows, const MarkContext& context,
                         const MarkRowSink& take) {
  CsvTable table;  // the header only: rows are checked as they are read
  std::optional<Diagnostics> column_problems;
  std::optional<MarkReader> reader;
  auto check_columns = [&] {
    column_problems = CheckMarkColumns(table);
    if (column_problems->empty()) reader.emplace(table, context, take);
  };
  Diagnostics csv_problems = read_rows(table, [&](CsvRow& row) {
    if (!column_problems) check_columns();
    if (reader) reader->Read(row);
  });
  // As ParseCsv then ReadMarks: a text that is no valid table is refused for that alone.
  if (!csv_problems.empty()) return csv_problems;
  if (!column_problems) check_columns();  // a header without rows
  if (!column_problems->empty()) return std::move(*column_problems);
  return reader->Finish();
}

}  // namespace

Diagnostics ReadMarksCsv(std::string_view text, const std::string& file_name,
                         const MarkContext& context, const MarkRowSink& take) {
  auto read_text = [&](CsvTable& table, const std::function<void(CsvRow&)>& take_row) {
    return ReadCsvRows(text, file_name, table, take_row);
  };
  return ReadMarkRows(read_text, context, take);
}

Diagnostics ReadMarksCsv(std::istream& in, const std::string& file_name, const MarkContext& context,
                         const MarkRowSink& take, std::size_t piece_size) {
  auto read_stream = [&](CsvTable& table, const std::function<void(CsvRow&)>& take_row) {
    return ReadCsvRows(in, piece_size, file_name, table, take_row);
  };
  return ReadMarkRows(read_stream, context, take);
}

tl::expected<std::vector<MarkRow>, Diagnostics> ReadMarksCsv(std::string_view text,
                                                             const std::string& file_name,
                                                             const MarkContext& context) {
  std::vector<MarkRow> rows;
  rows.reserve(CountLines(text));
  return RowsUnlessRefused(
      rows,
      ReadMarksCsv(text, file_name, context, [&rows](const MarkRow& row) { rows.push_back(row); }));
}

}  // namespace skillscore
