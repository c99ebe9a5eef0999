// skillscore exam export | import: moving an exam between stores as a bundle file
// (docs/bundles.md, exam_bundles.h). The file is written beside its target and renamed into place
// once complete, readable by its owner only (it carries the sign-in codes' hashes).
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include "commands.h"
#include "credential_support.h"
#include "db_support.h"
#include "io.h"
#include "skillscore/exam_bundles.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

// A temporary file beside `path` that becomes `path` on Commit() and is removed otherwise.
class FileInPlace {
 public:
  explicit FileInPlace(const std::string& path) : path_(path), temporary_(path + ".XXXXXX") {
    int fd = mkstemp(temporary_.data());  // mode 0600, created exclusively
    if (fd < 0) {
      temporary_.clear();
      error_ = std::strerror(errno);
      return;
    }
    close(fd);
    out_.open(temporary_, std::ios::binary | std::ios::trunc);
  }
  ~FileInPlace() {
    if (!temporary_.empty()) std::remove(temporary_.c_str());
  }
  std::ostream& out() { return out_; }
  const std::string& error() const { return error_; }
  bool ok() const { return error_.empty() && out_.good(); }

  // Flushes, syncs and renames; the reason when it cannot.
  std::optional<std::string> Commit() {
    out_.close();
    if (!out_) return std::string(std::strerror(errno));
    int fd = open(temporary_.c_str(), O_RDONLY);
    if (fd < 0 || fsync(fd) != 0) {
      if (fd >= 0) close(fd);
      return std::string(std::strerror(errno));
    }
    close(fd);
    if (std::rename(temporary_.c_str(), path_.c_str()) != 0)
      return std::string(std::strerror(errno));
    temporary_.clear();
    return std::nullopt;
  }

 private:
  std::string path_;
  std::string temporary_;
  std::string error_;
  std::ofstream out_;
};

ExitCode Export(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  std::string path = invocation.options["out"].as<std::string>();
  auto service = OpenService(invocation, DbAccess::kRead);
  if (!service) return service.error();
  FileInPlace file(path);
  if (!file.ok()) {
    invocation.err << Tr("cannot write {0}: {1}", path, file.error()) << '\n';
    return ExitCode::kInvalidInput;
  }
  BundleFileWriter writer(file.out());
  auto exported = ExportExam(**service, exam, writer);
  if (!exported) return Fail(exported.error(), invocation.err);
  writer.Finish();
  if (auto error = file.Commit()) {
    invocation.err << Tr("cannot write {0}: {1}", path, *error) << '\n';
    return ExitCode::kInvalidInput;
  }
  spdlog::info(Tr("exam {0} exported to {1}", exam, path));
  return ExitCode::kOk;
}

ExitCode Import(const Invocation& invocation) {
  std::string path = Argument(invocation, "file");
  auto bundle = BundleFileReader::Open(path, InputName(path));
  if (!bundle) {
    PrintDiagnostics({bundle.error()}, invocation.err);
    return ExitCode::kInvalidInput;
  }
  // A bundle may be the first thing a new SQLite file receives, as a rubric is.
  auto service = OpenService(invocation, DbAccess::kCreate);
  if (!service) return service.error();
  auto actor = ActingFor(invocation, **service, std::nullopt);
  if (!actor) return actor.error();
  auto imported = ImportExamBundle(**service, *actor, **bundle);
  if (!imported) return Fail(imported.error(), invocation.err);
  if (imported->change == Change::kUnchanged) {
    spdlog::info(
        Tr("exam {0} unchanged: it is stored here with the same chain ({1} events, last "
           "hash {2})",
           imported->exam, imported->audit.events, imported->audit.head));
  } else {
    spdlog::info(Tr("exam {0} imported from {1}: {2} events, last hash {3}", imported->exam,
                    InputName(path), imported->audit.events, imported->audit.head));
  }
  return ExitCode::kOk;
}

}  // namespace

std::vector<Command> BundleCommands() {
  return {
      Command{
          .words = {"exam", "export"},
          .arguments = "EXAM --out FILE",
          .summary = "Write an exam with its marks, history and audit log to a bundle file",
          .define =
              [](CommandSyntax& syntax) {
                DefineArguments(syntax, {"exam"});
                syntax.options.add_options()(
                    "out", po::value<std::string>()->value_name("FILE")->required(),
                    Tr("the bundle file to write").c_str());
              },
          .run = Export,
      },
      Command{
          .words = {"exam", "import"},
          .arguments = "FILE",
          .summary = "Load an exam from a bundle file, verifying its audit chain",
          .define = [](CommandSyntax& syntax) { DefineArguments(syntax, {"file"}); },
          .run = Import,
      },
  };
}

}  // namespace skillscore::cli
