#include "marks_file.h"

#include <filesystem>
#include <istream>

#include "io.h"
#include "mark_read_ahead.h"
#include "table_input.h"

namespace skillscore::cli {

tl::expected<ExamService::MarkFileReader, Diagnostics> MarkFile(const std::string& path,
                                                                std::istream& in,
                                                                const TableReading& reading) {
  std::error_code error;
  if (path == kStdinPath || !std::filesystem::is_regular_file(path, error) ||
      NeedsConversion(path, reading)) {
    auto input = ReadTableInput(path, in, reading);
    if (!input) return tl::make_unexpected(input.error());
    return [text = std::move(input->text), file = std::move(input->name)](
               const MarkContext& context, const MarkRowSink& take, Diagnostics& problems) {
      MarkReadAhead reader(
          [&](const MarkRowSink& read) { return ReadMarksCsv(text, file, context, read); });
      problems = reader.TakeAll(take);
      return problems.empty();
    };
  }
  if (auto opened = OpenInput(path); !opened) {
    return tl::make_unexpected(Diagnostics{opened.error()});
  }
  return [path, file = InputName(path)](const MarkContext& context, const MarkRowSink& take,
                                        Diagnostics& problems) {
    auto stream = OpenInput(path);
    if (!stream) {
      problems = {stream.error()};
      return false;
    }
    MarkReadAhead reader(
        [&](const MarkRowSink& read) { return ReadMarksCsv(*stream, file, context, read); });
    problems = reader.TakeAll(take);
    if (stream->bad()) problems = {ReadFailure(path)};
    return problems.empty();
  };
}

}  // namespace skillscore::cli
