#include "marks_file.h"

#include <filesystem>
#include <istream>

#include "io.h"
#include "mark_read_ahead.h"

namespace skillscore::cli {

tl::expected<ExamService::MarkFileReader, Diagnostic> MarkFile(const std::string& path,
                                                               std::istream& in) {
  const std::string file = InputName(path);
  std::error_code error;
  if (path == kStdinPath || !std::filesystem::is_regular_file(path, error)) {
    auto text = ReadInput(path, in);
    if (!text) return tl::make_unexpected(text.error());
    return [text = std::move(*text), file](const MarkContext& context, const MarkRowSink& take,
                                           Diagnostics& problems) {
      MarkReadAhead reader(
          [&](const MarkRowSink& read) { return ReadMarksCsv(text, file, context, read); });
      problems = reader.TakeAll(take);
      return problems.empty();
    };
  }
  if (auto opened = OpenInput(path); !opened) return tl::make_unexpected(opened.error());
  return [path, file](const MarkContext& context, const MarkRowSink& take, Diagnostics& problems) {
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
