// skillscore report protocol | sheets | forms: an exam's paper as PDF (exam_documents.h) — the
// protocol the expert group signs, a score sheet per candidate, blank marking forms. The exam
// comes from the exam service exactly as `results` gets it, finality included; the documents only
// draw.
#include <filesystem>
#include <fstream>
#include <functional>

#include "commands.h"
#include "db_support.h"
#include "io.h"
#include "skillscore/exam_documents.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

using PaperDocument = std::function<tl::expected<std::string, std::string>(
    const ExamPaper& paper, const Invocation& invocation)>;

// Writes beside the target and renames, so that a failure leaves no half-written file.
bool WriteWhole(const std::string& path, const std::string& bytes, const Invocation& invocation) {
  std::string partial = path + ".partial";
  {
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    if (!(file << bytes) || !file.flush()) {
      PrintError(Tr("cannot write {0}", path), invocation.err);
      std::filesystem::remove(partial);
      return false;
    }
  }
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  if (error) {
    PrintError(Tr("cannot write {0}: {1}", path, error.message()), invocation.err);
    std::filesystem::remove(partial, error);
    return false;
  }
  return true;
}

ExitCode Print(const Invocation& invocation, const PaperDocument& document) {
  std::string to = invocation.options["to"].as<std::string>();
  if (to != "pdf") throw UsageError(Tr("--to must be pdf, not {0}", to));
  auto service = OpenService(invocation, DbAccess::kRead);
  if (!service) return service.error();
  auto exam = (*service)->Results(Argument(invocation, "exam"));
  if (!exam) return Fail(exam.error(), invocation.err);
  const ExamInfo& info = exam->data.exam;
  ExamPaper paper{info.id,      info.date,         info.site,
                  info.chief,   exam->data.rubric, exam->sheets,
                  exam->result, exam->data.judges, exam->finality.Final()};
  auto pdf = document(paper, invocation);
  if (!pdf) {
    PrintError(pdf.error(), invocation.err);
    return ExitCode::kInvalidInput;
  }
  return WriteWhole(invocation.options["out"].as<std::string>(), *pdf, invocation)
             ? ExitCode::kOk
             : ExitCode::kStorage;
}

void DefinePaper(CommandSyntax& syntax) {
  DefineArguments(syntax, {"exam"});
  syntax.options.add_options()  //
      ("to", po::value<std::string>()->value_name("pdf")->default_value("pdf"),
       Tr("the format to write: pdf").c_str())  //
      ("out", po::value<std::string>()->value_name("FILE")->required(),
       Tr("the file to write").c_str());
}

void DefineForms(CommandSyntax& syntax) {
  DefinePaper(syntax);
  syntax.options.add_options()  //
      ("subcriterion", po::value<std::string>()->value_name("ID"),
       Tr("only the forms of this sub-criterion (\"A1\")").c_str());
}

}  // namespace

std::vector<Command> PaperCommands() {
  return {
      Command{
          .words = {"report", "protocol"},
          .arguments = "EXAM --to pdf --out FILE",
          .summary = "The exam protocol for the expert group to sign, as PDF",
          .define = DefinePaper,
          .run =
              [](const Invocation& invocation) {
                return Print(invocation, [](const ExamPaper& paper, const Invocation&) {
                  return ProtocolPdf(paper);
                });
              },
      },
      Command{
          .words = {"report", "sheets"},
          .arguments = "EXAM --to pdf --out FILE",
          .summary = "A score sheet per candidate, as PDF",
          .define = DefinePaper,
          .run =
              [](const Invocation& invocation) {
                return Print(invocation, [](const ExamPaper& paper, const Invocation&) {
                  return ScoreSheetsPdf(paper);
                });
              },
      },
      Command{
          .words = {"report", "forms"},
          .arguments = "EXAM --to pdf --out FILE [--subcriterion ID]",
          .summary = "Blank paper marking forms per sub-criterion and candidate, as PDF",
          .define = DefineForms,
          .run =
              [](const Invocation& invocation) {
                return Print(invocation, [](const ExamPaper& paper, const Invocation& call) {
                  return MarkingFormsPdf(paper, OptionValue(call, "subcriterion"));
                });
              },
      },
  };
}

}  // namespace skillscore::cli
