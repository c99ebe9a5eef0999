// Golden values of everything that is hashed or signed, recorded before the JSON string escaping
// of the rubric hash, the passport canonical form and the reports became one function
// (json_string.h). A stored rubric is identified by its hash and a passport by its signature, so
// these must never change: a different value here means every database and every issued passport
// in the field would stop matching.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "paths.h"
#include "process.h"
#include "skillscore/json_value.h"
#include "skillscore/json_writer.h"
#include "skillscore/passport.h"
#include "skillscore/rubric_loader.h"
#include "skillscore/sha256.h"
#include "skillscore/signing.h"

namespace skillscore {
namespace {

// The SHA-256 of every valid rubric in the repository, as the code before the change computed it
// (`skillscore rubric import FILE` then `rubric list --format json`).
const std::map<std::string, std::string>& RecordedRubricHashes() {
  static const std::map<std::string, std::string> hashes = {
      {"rubrics/de-09.02.07-2026-pu.yaml",
       "e6be163c705740535a65cdc98a26defb06ad1a8ca2a8c530e7646fd7ab9f4b9a"},
      {"rubrics/ws-web-technologies-2026.yaml",
       "4da8b53594994d3ea7edfeb065c95506cdbaf45809715f208e80d5201615bf2c"},
      {"tests/rubrics/good/worked-example.yaml",
       "876972ec6b790982ab730d7b53a4d2a66f2046ebbff7c962e09f81a95792913b"},
      {"tests/e2e/data/exam.yaml",
       "62a8c7383bf456ed0d88b64c07ba90bf456f3fcfd45dc21b35908643f48a9a7e"},
      {"tests/e2e/data/warn-rubric.yaml",
       "cf009bb61055847ff928281a03190c8b5fc726bca450c222d993fd9169dd0e62"},
      {"tests/e2e/data/integrity/rubric.yaml",
       "c810c5c90f590fa1ce915e96a55b6efdb91a40cfa39bcd2031db8d1205ddb2bb"},
      {"tests/e2e/data/judges-conflict/rubric.yaml",
       "b8dcc42d0a9f9a88911734e1b336c61e2dac30f107bc79b35283524b1ff3dfc0"},
      // Added with the overflow tests of issue 17, after the helpers were unified.
      {"tests/e2e/data/overflow-competition/rubric.yaml",
       "8825cdd128591eb05e42b0979273063cab20c828992912128c6391e8417ac902"},
      {"tests/e2e/data/overflow-huge/rubric.yaml",
       "c95e7aaa2b73cf6619c0db63795ce5200e5eeb6ceb7a559a0bdd10c3da89d020"},
  };
  return hashes;
}

// Every *.yaml below `folder` that loads as a rubric, as paths relative to the repository.
std::set<std::string> LoadableRubricsUnder(const std::string& folder) {
  std::set<std::string> found;
  const std::filesystem::path root = testing::SourcePath("");
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(testing::SourcePath(folder))) {
    if (entry.path().extension() != ".yaml") continue;
    if (!LoadRubricFile(entry.path().string()).rubric) continue;
    found.insert(std::filesystem::relative(entry.path(), root).generic_string());
  }
  return found;
}

TEST(CanonicalGoldenTest, EveryRubricInTheRepositoryHasARecordedHash) {
  std::set<std::string> recorded;
  for (const auto& [path, hash] : RecordedRubricHashes()) recorded.insert(path);
  std::set<std::string> found;
  for (const char* folder : {"rubrics", "tests/rubrics/good", "tests/e2e/data", "samples"}) {
    found.merge(LoadableRubricsUnder(folder));
  }
  EXPECT_EQ(found, recorded) << "a rubric was added or removed: record its hash here";
}

TEST(CanonicalGoldenTest, RubricHashesAreUnchanged) {
  for (const auto& [path, hash] : RecordedRubricHashes()) {
    RubricLoad load = LoadRubricFile(testing::SourcePath(path));
    ASSERT_TRUE(load.rubric) << path;
    EXPECT_EQ(load.rubric->sha256, hash) << path;
    EXPECT_EQ(Sha256Hex(CanonicalRubricJson(*load.rubric)), hash) << path;
  }
}

// The rubric's canonical JSON keeps text as UTF-8 and escapes only quote, backslash and control
// characters below U+0020 (DEL stays as it is), unlike the reports' writer. The loader now refuses
// control characters other than tab and line ends in rubric texts (identifier.h), but rubrics
// stored before that may hold them, and their hashes must not move: the title is set directly.
TEST(CanonicalGoldenTest, RubricTextEscapingIsUnchanged) {
  RubricLoad load = LoadRubricFile(testing::SourcePath("tests/rubrics/good/worked-example.yaml"));
  ASSERT_TRUE(load.rubric);
  Rubric rubric = std::move(*load.rubric);
  rubric.title = "q\"b\\s\tt\x7F\x01 ё 😀";
  const std::string json = CanonicalRubricJson(rubric);
  EXPECT_NE(json.find("\"title\":\"q\\\"b\\\\s\\tt\x7F\\u0001 ё 😀\""), std::string::npos) << json;
  EXPECT_EQ(Sha256Hex(json), "fd4102270a57c74f9cfdf9d496042e4b53879cc3df1333b403a30731bb780eb6");
}

// A fixed key (made once by `skillscore keys init`), so that the signature is reproducible.
SecretKey GoldenKey() {
  auto key = ParseSecretKey(R"({
  "format": "skillscore-secret-key/1",
  "algorithm": "ed25519",
  "issuer": "Golden Test Issuer",
  "key_id": "1cd34afc793e22d1",
  "secret_key": "Eq2WyZ1fkJvGHPdQkmmHNlIttbtvDmisYqawAfNO7o7wc2eR3poz0VSJBTzfOBXa4GuZvj0BCHM2d8fzMl4+VA=="
})",
                            "golden.key");
  EXPECT_TRUE(key) << key.error().message;
  return *key;
}

// Names with every kind of character the escaping treats apart: quote, backslash, control
// characters, DEL, Cyrillic, a character outside the BMP, and bytes that are not UTF-8.
PassportRecord GoldenRecord() {
  PassportRecord record;
  record.number = "DE-2026-0412-0001";
  record.candidate = {"C1", "Иванов \"Ваня\" Иван\\", "Колледж\t№1\x01\x7F 😀 \xFF"};
  record.exam = {"DE-2026-0412", "T-EXAM", "Тестовый\nэкзамен", "exam", "2026-04-12", "ауд. 214"};
  record.result = {"7.71", "10", "77.08", 5, std::nullopt, std::nullopt};
  record.sections = {{"1", "Организация работы", "3.38", "4"}};
  record.modules = {{"A", "Вёрстка", "5.71", "7"}};
  record.rubric = {"T-EXAM", "1", std::string(64, 'a')};
  record.marks_sha256 = std::string(64, 'b');
  record.issued_at = "2026-04-20T10:15:00Z";
  record.issuer = "Golden Test Issuer";
  return record;
}

TEST(CanonicalGoldenTest, PassportCanonicalFormAndSignatureAreUnchanged) {
  const PassportRecord record = GoldenRecord();
  const std::string canonical = CanonicalJson(PassportJson(record));
  EXPECT_EQ(canonical.substr(0, canonical.find("},") + 2),
            "{\"candidate\":{\"id\":\"C1\",\"name\":\"Иванов \\\"Ваня\\\" Иван\\\\\","
            "\"organization\":\"Колледж\\t№1\\u0001\x7F 😀 \uFFFD\"},");
  EXPECT_NE(canonical.find("\"competency_title\":\"Тестовый\\nэкзамен\""), std::string::npos);
  EXPECT_EQ(Sha256Hex(canonical),
            "701619f7d907a0226d00f027cc545b70795f4a52f5ed536117442e57a492dc8f");
  const SignedPassport passport = SignPassport(record, GoldenKey());
  EXPECT_EQ(passport.public_key_id, "1cd34afc793e22d1");
  EXPECT_EQ(
      passport.signature,
      "hCuC9tiyEauhLKVUAQUvjL7ydltJb/HxhvcjTJDBKmtIt4TULM5JbhckCP5GhK/cKqKk9GERyTpBPHaKUdTSDQ==");
}

// The reports' writer: invalid UTF-8 as U+FFFD, DEL and control characters as \u escapes.
TEST(CanonicalGoldenTest, ReportStringEscapingIsUnchanged) {
  EXPECT_EQ(JsonQuoted("q\"b\\s\tt\x7F\x01\n ё 😀 \xFF"),
            "\"q\\\"b\\\\s\\tt\\u007f\\u0001\\n ё 😀 \uFFFD\"");
}

}  // namespace
}  // namespace skillscore
