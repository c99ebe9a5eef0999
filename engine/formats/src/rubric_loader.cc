#include "skillscore/rubric_loader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <optional>
#include <sstream>
#include <system_error>

#include "rubric_internal.h"
#include "skillscore/i18n.h"
#include "skillscore/sha256.h"
#include "skillscore/utf8.h"

namespace skillscore {
namespace {

using internal::DiagnosticSink;

// yaml-cpp replaces invalid bytes silently, so they are refused before parsing. The column is
// counted in bytes, as yaml-cpp counts them; the sink turns it into characters.
bool CheckUtf8(std::string_view text, DiagnosticSink& sink) {
  YAML::Mark mark;
  for (std::size_t position = 0; position < text.size();) {
    std::size_t length = Utf8SequenceLength(text, position);
    if (length == 0) {
      sink.Error(mark, Tr("invalid UTF-8 byte 0x{0:02X}; a rubric file must be UTF-8",
                          static_cast<unsigned char>(text[position])));
      return false;
    }
    if (text[position] == '\n') {
      ++mark.line;
      mark.column = 0;
    } else {
      mark.column += static_cast<int>(length);
    }
    position += length;
  }
  return true;
}

// Counts the documents of a YAML text up to the second, and where the second one's content
// starts. yaml-cpp's LoadAll, used before, loops for ever on some malformed texts (found by
// fuzz/rubric_fuzzer); a Parser asked for at most two documents cannot.
class DocumentCounter : public YAML::EventHandler {
 public:
  int count() const { return count_; }
  const YAML::Mark& second_start() const { return second_start_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++count_ == 2) second_start_ = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    Node(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnMapEnd() override {}

 private:
  // The second document's first node is where "another one starts".
  void Node(const YAML::Mark& mark) {
    if (count_ == 2 && !second_has_node_) {
      second_start_ = mark;
      second_has_node_ = true;
    }
  }

  int count_ = 0;
  YAML::Mark second_start_ = YAML::Mark::null_mark();
  bool second_has_node_ = false;
};

std::optional<YAML::Node> ParseSingleDocument(std::string_view text, DiagnosticSink& sink) {
  YAML::Node root;
  DocumentCounter counter;
  try {
    const std::string yaml(text);
    root = YAML::Load(yaml);  // the first document
    std::istringstream in(yaml);
    YAML::Parser parser(in);
    while (counter.count() < 2 && parser.HandleNextDocument(counter)) {
    }
  } catch (const YAML::Exception& error) {
    sink.Error(error.mark, Tr("YAML syntax error: {0}", error.msg));
    return std::nullopt;
  }
  if (counter.count() == 0) return YAML::Node();  // reported as "not a mapping"
  if (counter.count() > 1) {
    sink.Error(counter.second_start(),
               Tr("a rubric file must hold a single YAML document; another one starts here"));
  }
  return root;
}

}  // namespace

RubricLoad ParseRubric(std::string_view yaml_text, const std::string& file_name) {
  DiagnosticSink sink(file_name, yaml_text);
  RubricLoad load;
  std::optional<YAML::Node> root;
  if (CheckUtf8(yaml_text, sink)) root = ParseSingleDocument(yaml_text, sink);
  if (root) {
    Rubric rubric;
    internal::RubricMarks marks;
    internal::ReadRubric(*root, rubric, marks, sink);
    internal::CheckRubric(rubric, marks, sink);
    if (!sink.HasErrors()) {
      rubric.IndexAspects();
      rubric.sha256 = Sha256Hex(CanonicalRubricJson(rubric));
      load.rubric = std::move(rubric);
    }
  }
  load.diagnostics = sink.SortedDiagnostics();
  return load;
}

RubricLoad LoadRubricFile(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  std::string text;
  if (file) {
    char buffer[65536];
    while (std::size_t count = std::fread(buffer, 1, sizeof buffer, file.get())) {
      text.append(buffer, count);
    }
  }
  if (!file || std::ferror(file.get())) {
    std::string reason = std::generic_category().message(errno);
    return {std::nullopt,
            {{Severity::kError, path, 0, 0, Tr("cannot read the file: {0}", reason)}}};
  }
  return ParseRubric(text, path);
}

}  // namespace skillscore
