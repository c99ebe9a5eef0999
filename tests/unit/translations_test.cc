// Every message for people is bilingual: each text the sources pass to Tr() (i18n.h) has its
// Russian translation in po/ru/*.po, so that no message silently stays in English under
// --lang ru. (msgfmt --check at build time checks the catalogue's own syntax and placeholders.)
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "paths.h"

namespace skillscore {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The files under `dir` whose names end with one of `extensions`, recursively.
std::vector<fs::path> Files(const std::string& dir, const std::set<std::string>& extensions) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(testing::SourcePath(dir))) {
    if (entry.is_regular_file() && extensions.count(entry.path().extension().string())) {
      files.push_back(entry.path());
    }
  }
  return files;
}

const char kLiteral[] = R"("(?:[^"\\]|\\.)*")";

// The concatenation of the adjacent string literals in `text`, without their quotes (escapes
// stay as written, as they do in a .po file).
std::string Joined(const std::string& literals) {
  static const std::regex literal(kLiteral);
  std::string joined;
  for (std::sregex_iterator it(literals.begin(), literals.end(), literal), end; it != end; ++it) {
    joined += it->str().substr(1, it->length() - 2);
  }
  return joined;
}

// Each message: its text and the file it is in.
std::vector<std::pair<std::string, std::string>> SourceMessages() {
  static const std::regex call(std::string(R"(\bTr\(\s*((?:)") + kLiteral + R"(\s*)+))");
  std::vector<std::pair<std::string, std::string>> messages;
  for (const fs::path& file : Files("engine", {".cc", ".h"})) {
    std::string text = Read(file);
    for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it) {
      messages.emplace_back(Joined((*it)[1].str()), file.filename().string());
    }
  }
  for (const fs::path& file : Files("cli", {".cc", ".h"})) {
    std::string text = Read(file);
    for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it) {
      messages.emplace_back(Joined((*it)[1].str()), file.filename().string());
    }
  }
  return messages;
}

std::set<std::string> TranslatedIds() {
  static const std::regex msgid(std::string(R"((?:^|\n)msgid ((?:)") + kLiteral + R"(\s*)+))");
  std::set<std::string> ids;
  for (const fs::path& file : Files("po/ru", {".po"})) {
    std::string text = Read(file);
    for (std::sregex_iterator it(text.begin(), text.end(), msgid), end; it != end; ++it) {
      ids.insert(Joined((*it)[1].str()));
    }
  }
  return ids;
}

TEST(TranslationsTest, EveryMessageHasARussianTranslation) {
  std::vector<std::pair<std::string, std::string>> messages = SourceMessages();
  ASSERT_GT(messages.size(), 400u);  // the scan found the sources
  std::set<std::string> translated = TranslatedIds();
  std::vector<std::string> missing;
  for (const auto& [message, file] : messages) {
    if (!translated.count(message)) missing.push_back(file + ": " + message);
  }
  EXPECT_EQ(missing, std::vector<std::string>{});
}

}  // namespace
}  // namespace skillscore
