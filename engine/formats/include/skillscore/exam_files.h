// Candidates, judges and marks from CSV files (shared/spec/cli.md, "CSV input"), checked against
// the rubric and the exam's rules before anything is used: every bad row is reported with its line
// number and the reason, and then nothing is returned (all-or-nothing).
//
//   candidates: id, name, organization, [status]   present | absent | withdrawn | disqualified
//   judges:     id, name, organization, [role], [subcriteria]
//               role: expert (default) | chief; subcriteria: the sub-criterion ids whose marking
//               group the judge is in (marking_groups.h), separated by commas, semicolons or
//               spaces ("B1, B2"); empty: none. Each an identifier, none twice; whether the exam's
//               rubric has them is checked by the service, which knows the exam.
//   marks:      candidate, aspect, judge, value, [exam], [note]
//
// Rules applied here, beyond the column checks of csv.h:
//   - Every value is trimmed of surrounding spaces (quoted ones too), except a mark's note.
//   - Ids are non-empty and unique within a candidates or judges file; names and organisations
//     may be empty (ДЭ lists are often anonymised).
//   - status and role are case-insensitive and may be written in Russian: присутствует,
//     отсутствует, снят / снята, дисквалифицирован / дисквалифицирована; эксперт, главный
//     (or главный эксперт). An empty cell means the default (present, expert).
//   - A marks row's exam cell, when not empty, must equal MarkContext::exam (when that is set).
//   - The same candidate, aspect and judge may appear twice in one marks file with different
//     values: that is not an error. Rows are returned in file order and the later one counts, as
//     when a judge re-enters a mark (scoring.md §2 and §7; BuildSheets applies it).
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "skillscore/csv.h"
#include "skillscore/diagnostic.h"
#include "skillscore/exam.h"
#include "skillscore/rubric.h"

namespace skillscore {

using Diagnostics = std::vector<Diagnostic>;

tl::expected<std::vector<Candidate>, Diagnostics> ReadCandidates(const CsvTable& table);
tl::expected<std::vector<Judge>, Diagnostics> ReadJudges(const CsvTable& table);

// What a marks file is checked against. Null lists mean "not registered": any id is accepted and
// the conflict-of-interest rule cannot apply (the stateless `score` without --candidates/--judges).
struct MarkContext {
  const Rubric* rubric = nullptr;  // required
  const std::vector<Candidate>* candidates = nullptr;
  const std::vector<Judge>* judges = nullptr;
  std::optional<std::string> exam;  // when set, an `exam` column must match it
  // Without `exam`: the first non-empty exam cell sets it for the rows after it (`score`, where
  // the file may name its exam; MarkRow::exam tells the caller which it was).
  bool exam_from_rows = false;
};

// A marks row as read: which candidate, aspect (ordinal), judge and checked value, its note, and
// its line in the file (the NewMark a store takes), plus the exam cell the store has no use for.
struct MarkRow : NewMark {
  std::string exam = {};  // the row's exam cell, trimmed; empty without an exam column
};

// The checked mark, or why it may not be entered (in the current language, naming the rule and
// the offending value): an empty or unknown candidate / aspect / judge, a value that does not fit
// the aspect (ParseMarkValue, which also refuses `na` on a judgement aspect), or a conflict of
// interest: with policy `organization` and both lists given, a judge may not mark a candidate of
// the same organisation (compared after trimming; an empty organisation matches nobody).
// Ids and the value are trimmed first. `value_text` is what the judge typed. Used by the CSV
// reader, `mark` and interactive entry alike.
tl::expected<MarkEntry, std::string> CheckMark(const MarkContext& context,
                                               const std::string& candidate,
                                               const std::string& aspect, const std::string& judge,
                                               const std::string& value_text);

// Every bad row gives a Diagnostic (file, the row's line, column 0) and then no row is returned.
tl::expected<std::vector<MarkRow>, Diagnostics> ReadMarks(const CsvTable& table,
                                                          const MarkContext& context);

// ParseCsv and then ReadMarks in one pass: the same rows, or the same diagnostics (ParseCsv's
// alone when the text is not a valid CSV table). Each row is checked as it is read instead of
// being kept in a table first, which takes a third less time and half the memory of the two
// steps on files of millions of marks.
tl::expected<std::vector<MarkRow>, Diagnostics> ReadMarksCsv(std::string_view text,
                                                             const std::string& file_name,
                                                             const MarkContext& context);

// Receives mark rows one at a time, in file order.
using MarkRowSink = std::function<void(const MarkRow&)>;

// ReadMarksCsv that hands each row to `take` as soon as it is checked instead of returning them
// all, so that a caller can store a file of millions of marks without holding its rows (`marks
// import`): the same diagnostics, empty when every row is good. Once a row is bad, later rows
// are still checked but no longer handed over; the rows handed over before then must be
// discarded when diagnostics are returned.
Diagnostics ReadMarksCsv(std::string_view text, const std::string& file_name,
                         const MarkContext& context, const MarkRowSink& take);

// The same, reading the text from `in` a piece of about `piece_size` bytes at a time, so that
// neither the rows nor the text are held whole: the memory taken does not grow with the file.
// Whether `in` failed is the caller's to check.
Diagnostics ReadMarksCsv(std::istream& in, const std::string& file_name, const MarkContext& context,
                         const MarkRowSink& take, std::size_t piece_size = std::size_t{1} << 20);

}  // namespace skillscore
