// A marks file as the exam service reads it (ExamService::ImportMarks): parsed and checked on a
// second thread (MarkReadAhead) while the store writes. Shared by `skillscore marks import` and
// the import benchmark, so that the benchmark measures what users run.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <tl/expected.hpp>

#include "skillscore/diagnostic.h"
#include "skillscore/exam_service.h"
#include "table_input.h"

namespace skillscore::cli {

// The reader of the marks file at `path` ("-": standard input, read from `in`), or why it cannot
// be opened. The service may read it twice (store.h): a regular UTF-8 CSV file is read from the
// start each time, a piece at a time, so that memory does not grow with it; standard input, pipes,
// workbooks and Windows-1251 files are read whole and converted first (table_input.h).
//
// `progress`, when given, is told on the reading thread, every few thousand rows and at the end,
// how far a regular UTF-8 file is read: rows and bytes so far, and the file's size (`marks
// import` draws its progress line with it; files read whole are not reported).
using ReadProgress =
    std::function<void(std::uint64_t rows, std::uint64_t bytes, std::uint64_t size)>;

tl::expected<ExamService::MarkFileReader, Diagnostics> MarkFile(const std::string& path,
                                                                std::istream& in,
                                                                const TableReading& reading,
                                                                ReadProgress progress = {});

}  // namespace skillscore::cli
