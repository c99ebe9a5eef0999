// skillscore report protocol | sheets | forms: an exam's paper as PDF (exam_documents.h) — the
// protocol the expert group signs, a score sheet per candidate, blank marking forms. The exam
// comes from the database and is scored as `results` scores it; the documents only draw.
#include <filesystem>
#include <fstream>
#include <functional>

#include "commands.h"
#include "db_support.h"
#include "io.h"
#include "skillscore/exam_documents.h"
#include "skillscore/scoring.h"

namespace skillscore::cli {
namespace po = boost::program_options;
namespace {

using PaperDocument = std::function<tl::expected<std::string, std::string>(
    const ExamPaper& paper, const Invocation& invocation)>;

// The stored exam, its sheets and its result, as `results` computes them.
struct ScoredExam {
  ExamData data;
  std::vector<CandidateSheet> sheets;
  ExamResult result;
  bool final = false;
};

tl::expected<ScoredExam, ExitCode> LoadScoredExam(const Invocation& invocation) {
  std::string exam = Argument(invocation, "exam");
  auto store = OpenStore(invocation, DbAccess::kExisting);
  if (!store) return tl::make_unexpected(store.error());
  auto data = (*store)->LoadExamData(exam);
  if (!data) return tl::make_unexpected(Fail(data.error(), invocation.err));
  auto locks = (*store)->LockedSubcriteria(exam);
  if (!locks) return tl::make_unexpected(Fail(locks.error(), invocation.err));
  ScoredExam scored{std::move(*data), {}, {}, false};
  scored.sheets = BuildSheets(scored.data.rubric, scored.data.candidates, scored.data.entries);
  scored.result = ScoreExam(scored.data.rubric, scored.sheets);
  scored.final = scored.result.complete && UnlockedSubcriteria(scored.data.rubric, *locks).empty();
  return scored;
}

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
  auto exam = LoadScoredExam(invocation);
  if (!exam) return exam.error();
  const ExamInfo& info = exam->data.exam;
  ExamPaper paper{info.id,      info.date,    info.site,         info.chief, exam->data.rubric,
                  exam->sheets, exam->result, exam->data.judges, exam->final};
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
