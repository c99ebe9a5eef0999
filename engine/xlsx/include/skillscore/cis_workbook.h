// The CIS "Marking Scheme Import" workbook (shared/spec/cis-xlsx.md) as another front for the
// rubric model: a workbook is read by turning it into the rubric YAML it stands for and loading
// that with the rubric loader (rubric_loader.h), so a workbook is checked by exactly the rules a
// YAML file is, and every diagnostic is traced back from the YAML line to the cell it came from:
// "scheme.xlsx:CIS Marking Scheme Import!K57: error: …".
//
// Reading, beyond the published layout:
//   - Numbers are read as the decimal Excel displays (15 significant digits, DisplayedDecimal);
//     a cell whose stored value differs from that ("24.749999999999993" → 24.75) gets a warning.
//     A number typed as text is read as the number; a decimal comma is accepted there.
//   - A formula where a number is read (a maximum, a target, a day, a score, a calculation row)
//     is an error, even when Excel stored its last result: that result may be stale (files written
//     by tools that do not recalculate), and an import must not depend on it.
//   - A merged cell anywhere in the rows read is an error naming the merged range.
//   - The aspect table ends at the first empty row (A…K empty), as the section and module blocks
//     do. Columns G (extra description) and H (requirement) of aspect rows have no place in the
//     rubric model and are not read.
//   - A measurement aspect with an empty calculation row is pass/fail, like row 1.
//   - A ranged calculation's range without upper limit reads as `to: 1000000000`, the largest
//     number the rubric format allows. Ranges 4, 5 … (RANGE4_LOWER …) are read after range 3:
//     CIS itself has three, WriteCisWorkbook writes more when a rubric has more.
//   - The rubric's `max` is the sum of the aspect maxima (the workbook states no total).
//   - A sheet named `skillscore`, which CIS ignores, may carry what the CIS layout cannot: the
//     code, version and kind, the grade table and the policy (key in A, value in B; a grade row
//     has its minimum percent in C). WriteCisWorkbook writes it, so that a rubric written as a
//     workbook reads back to the same rubric and hash. `--id` and `--kind` override it.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <tl/expected.hpp>

#include "skillscore/rubric.h"
#include "skillscore/rubric_loader.h"

namespace skillscore {

struct CisReadOptions {
  std::optional<std::string> code;     // from `--id CODE@VERSION`; else the skillscore sheet's
  std::optional<std::string> version;  //
  std::optional<RubricKind> kind;      // else the skillscore sheet's, else competition
};

struct CisRubricLoad {
  RubricLoad load;   // the rubric, with diagnostics naming file and cell
  std::string yaml;  // the rubric YAML the workbook stands for; empty when it could not be made
};

// `file_name` is used in diagnostics only.
CisRubricLoad ReadCisWorkbook(std::string bytes, const std::string& file_name,
                              const CisReadOptions& options);

// Writes the rubric as a CIS workbook with the skillscore sheet. Refused (nothing written) when
// the layout cannot hold it: an aspect id that is not its place in the sub-criterion ("A1.2"),
// a ranged calculation with a range 0…0 after its first, or a choice label holding one of the
// parameter separators (#-#, #x~x#, :::).
tl::expected<void, std::string> WriteCisWorkbook(const Rubric& rubric, const std::string& path);

}  // namespace skillscore
