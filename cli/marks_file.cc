#include "marks_file.h"

#include <filesystem>
#include <istream>

#include "io.h"
#include "mark_read_ahead.h"
#include "table_input.h"

namespace skillscore::cli {

namespace {

// Rows between two reports of progress: often enough for a line redrawn every 200 ms, rarely
// enough that asking the stream where it is costs nothing.
constexpr std::uint64_t kRowsPerReport = 4096;

// `read`, telling `progress` how far `stream` (of `size` bytes) is read.
MarkRowSink Reported(const MarkRowSink& read, std::istream& stream, std::uint64_t size,
                     const ReadProgress& progress, std::uint64_t& rows) {
  return [&read, &stream, size, &progress, &rows](const MarkRow& row) {
    read(row);
    if (++rows % kRowsPerReport == 0) {
      std::streamoff at = stream.tellg();
      progress(rows, at < 0 ? size : static_cast<std::uint64_t>(at), size);
    }
  };
}

}  // namespace

tl::expected<ExamService::MarkFileReader, Diagnostics> MarkFile(const std::string& path,
                                                                std::istream& in,
                                                                const TableReading& reading,
                                                                ReadProgress progress) {
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
  return [path, file = InputName(path), progress](const MarkContext& context,
                                                  const MarkRowSink& take, Diagnostics& problems) {
    auto stream = OpenInput(path);
    if (!stream) {
      problems = {stream.error()};
      return false;
    }
    std::error_code size_error;
    std::uint64_t size = std::filesystem::file_size(path, size_error);
    MarkReadAhead reader([&](const MarkRowSink& read) {
      if (!progress) return ReadMarksCsv(*stream, file, context, read);
      std::uint64_t rows = 0;
      Diagnostics found =
          ReadMarksCsv(*stream, file, context, Reported(read, *stream, size, progress, rows));
      progress(rows, size, size);
      return found;
    });
    problems = reader.TakeAll(take);
    if (stream->bad()) problems = {ReadFailure(path)};
    return problems.empty();
  };
}

}  // namespace skillscore::cli
