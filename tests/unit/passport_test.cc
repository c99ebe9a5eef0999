#include "skillscore/passport.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "skillscore/rubric_loader.h"
#include "skillscore/scoring.h"
#include "skillscore/sha256.h"

namespace skillscore {
namespace {

// Maxima add up to 10: section 1 holds A1.1 and A1.2 (4), section 2 the rest (6).
constexpr char kExamRubric[] = R"(format: skillscore-rubric/1
code: "T-EXAM"
version: "1"
title: "Тестовый экзамен"
kind: exam
max: 10
sections:
  - { id: "1", title: "Организация работы" }
  - { id: "2", title: "Качество" }
modules:
  - id: A
    title: "Вёрстка"
    subcriteria:
      - id: A1
        title: "Страница"
        aspects:
          - { type: measurement, text: "Валидная разметка", section: "1", max: 1.5 }
          - { type: measurement, text: "Блоки", section: "1", max: 2.5,
              calculation: { number_completed: 4 } }
          - type: judgement
            text: "Общее впечатление"
            section: "2"
            max: 3
            levels: { 0: "ниже", 1: "соответствует", 2: "превосходит", 3: "полностью" }
  - id: B
    title: "Тестирование"
    subcriteria:
      - id: B1
        title: "Тесты"
        aspects:
          - type: measurement
            text: "Ошибки в тестах"
            section: "2"
            max: 2
            calculation:
              choice: [{ label: "нет", deduct: 0 }, { label: "немного", deduct: 50 }]
          - type: judgement
            text: "Читаемость"
            section: "2"
            max: 1
            levels: { 0: "ниже", 1: "соответствует", 2: "превосходит", 3: "полностью" }
)";

Rubric LoadRubric(const char* yaml) {
  RubricLoad load = ParseRubric(yaml, "rubric.yaml");
  EXPECT_TRUE(load.rubric) << (load.diagnostics.empty() ? "" : load.diagnostics[0].message);
  return *load.rubric;
}

class PassportTest : public ::testing::Test {
 protected:
  void Mark(const std::string& candidate, const char* aspect, const std::string& judge,
            Rational value, bool not_attempted = false) {
    entries_.push_back(
        MarkEntry{candidate, *rubric_.FindAspect(aspect), judge, MarkValue{not_attempted, value}});
  }

  // Ivanov: 1.5 + 2.5·3/4 + 3·7/9 + 2·1/2 + 1 = 7.708…; Petrova lacks A1.1; Sidorov is absent.
  void MarkEveryone() {
    for (const char* judge : {"E1", "E2", "E3"}) Mark("C1", "B1.2", judge, 3);
    Mark("C1", "A1.3", "E3", 3);
    Mark("C1", "A1.3", "E1", 2);
    Mark("C1", "A1.3", "E2", 2);
    Mark("C1", "A1.1", "E1", 1);
    Mark("C1", "A1.2", "E1", 3);
    Mark("C1", "B1.1", "E1", 1);
    Mark("C2", "A1.2", "E1", 4);
  }

  void Score() {
    sheets_ = BuildSheets(rubric_, candidates_, entries_);
    result_ = ScoreExam(rubric_, sheets_);
  }

  const CandidateResult& ResultOf(const std::string& id) const {
    return *std::find_if(
        result_.candidates.begin(), result_.candidates.end(),
        [&id](const CandidateResult& result) { return result.candidate.id == id; });
  }

  const CandidateSheet& SheetOf(const std::string& id) const {
    return *std::find_if(sheets_.begin(), sheets_.end(),
                         [&id](const CandidateSheet& sheet) { return sheet.candidate.id == id; });
  }

  tl::expected<PassportRecord, std::string> Build(const std::string& id) const {
    return BuildPassportRecord(rubric_, exam_, ResultOf(id), SheetOf(id), issue_);
  }

  Rubric rubric_ = LoadRubric(kExamRubric);
  std::vector<Candidate> candidates_ = {
      {"C1", "Иванов Иван", "Колледж №1", CandidateStatus::kPresent},
      {"C2", "Петрова Анна", "Колледж №2", CandidateStatus::kPresent},
      {"C4", "Сидоров Пётр", "Колледж №2", CandidateStatus::kAbsent},
  };
  std::vector<MarkEntry> entries_;
  std::vector<CandidateSheet> sheets_;
  ExamResult result_;
  ExamDetails exam_{"DE-2026-0412", "2026-04-12", "Колледж №1, ауд. 214"};
  IssueDetails issue_{"DE-2026-0412-0001", "2026-04-20T10:15:00Z", "ГБПОУ Колледж №1", {}};
};

TEST_F(PassportTest, RecordHoldsTheResultRoundedAsReportsRoundIt) {
  MarkEveryone();
  Score();
  auto record = Build("C1");
  ASSERT_TRUE(record) << record.error();
  EXPECT_EQ(record->number, "DE-2026-0412-0001");
  EXPECT_EQ(record->candidate, (PassportCandidate{"C1", "Иванов Иван", "Колледж №1"}));
  EXPECT_EQ(record->exam, (PassportExam{"DE-2026-0412", "T-EXAM", "Тестовый экзамен", "exam",
                                        "2026-04-12", "Колледж №1, ауд. 214"}));
  EXPECT_EQ(record->result, (PassportResult{"7.71", "10", "77.08", 5, std::nullopt, std::nullopt}));
  EXPECT_EQ(record->sections, (std::vector<PassportPart>{{"1", "Организация работы", "3.38", "4"},
                                                         {"2", "Качество", "4.33", "6"}}));
  EXPECT_EQ(record->modules, (std::vector<PassportPart>{{"A", "Вёрстка", "5.71", "7"},
                                                        {"B", "Тестирование", "2", "3"}}));
  EXPECT_EQ(record->rubric, (PassportRubric{"T-EXAM", "1", rubric_.sha256}));
  EXPECT_EQ(record->marks_sha256, MarksDigest(rubric_, SheetOf("C1")));
  EXPECT_EQ(record->issued_at, "2026-04-20T10:15:00Z");
  EXPECT_EQ(record->issuer, "ГБПОУ Колледж №1");
  EXPECT_EQ(record->supersedes, std::nullopt);
}

TEST_F(PassportTest, ReissueNamesTheRecordItSupersedes) {
  MarkEveryone();
  Score();
  issue_.supersedes = "DE-2026-0412-0000";
  EXPECT_EQ(Build("C1")->supersedes, "DE-2026-0412-0000");
}

TEST_F(PassportTest, RefusesCandidatesWhoAreNotPresent) {
  MarkEveryone();
  Score();
  EXPECT_EQ(Build("C4").error(),
            "candidate C4 is not present: passports are issued to present candidates only");
}

TEST_F(PassportTest, RefusesResultsWithMissingOrDisputedMarks) {
  MarkEveryone();
  Score();
  EXPECT_EQ(Build("C2").error(),
            "candidate C2 has 4 missing or disputed marks: passports certify final results only");
}

TEST_F(PassportTest, CompetitionRecordsCarryScaleAndAwardInsteadOfGrade) {
  std::string yaml = kExamRubric;
  yaml.replace(yaml.find("kind: exam"), 10, "kind: competition");
  rubric_ = LoadRubric(yaml.c_str());
  candidates_.resize(1);
  MarkEveryone();
  Score();
  auto record = Build("C1");
  ASSERT_TRUE(record) << record.error();
  EXPECT_EQ(record->exam.kind, "competition");
  EXPECT_EQ(record->result, (PassportResult{"7.71", "10", "77.08", std::nullopt, 700, "gold"}));
}

TEST_F(PassportTest, MarksDigestIsOfTheCanonicalListOfMarksThatCount) {
  MarkEveryone();
  Mark("C1", "B1.1", "E2", 0, true);  // replaces the choice: not attempted
  Score();
  EXPECT_EQ(MarksDigest(rubric_, SheetOf("C1")),
            Sha256Hex(R"([{"aspect":"A1.1","value":"1"},{"aspect":"A1.2","value":"3"},)"
                      R"({"aspect":"A1.3","scores":[{"judge":"E1","score":2},)"
                      R"({"judge":"E2","score":2},{"judge":"E3","score":3}]},)"
                      R"({"aspect":"B1.1","value":"na"},)"
                      R"({"aspect":"B1.2","scores":[{"judge":"E1","score":3},)"
                      R"({"judge":"E2","score":3},{"judge":"E3","score":3}]}])"));
  EXPECT_EQ(MarksDigest(rubric_, SheetOf("C2")),
            Sha256Hex(R"([{"aspect":"A1.1","value":null},{"aspect":"A1.2","value":"4"},)"
                      R"({"aspect":"A1.3","scores":[]},{"aspect":"B1.1","value":null},)"
                      R"({"aspect":"B1.2","scores":[]}])"));
}

TEST_F(PassportTest, MarksDigestChangesWithAnyMarkThatCountsButNotWithEntryOrder) {
  MarkEveryone();
  Score();
  std::string digest = MarksDigest(rubric_, SheetOf("C1"));
  std::reverse(entries_.begin(), entries_.end());
  Score();
  EXPECT_EQ(MarksDigest(rubric_, SheetOf("C1")), digest);
  Mark("C1", "A1.3", "E2", 3);  // the same judge re-scores
  Score();
  EXPECT_NE(MarksDigest(rubric_, SheetOf("C1")), digest);
}

TEST_F(PassportTest, MeasuredValuesEnterTheDigestAsExactFractions) {
  Mark("C1", "A1.2", "E1", Rational::Of(-3, 4));
  Score();
  EXPECT_EQ(MarksDigest(rubric_, SheetOf("C1")),
            Sha256Hex(R"([{"aspect":"A1.1","value":null},{"aspect":"A1.2","value":"-3/4"},)"
                      R"({"aspect":"A1.3","scores":[]},{"aspect":"B1.1","value":null},)"
                      R"({"aspect":"B1.2","scores":[]}])"));
}

TEST(PassportTimeTest, UtcTimestampHasWholeSecondsAndAZ) {
  auto time = std::chrono::sys_days{std::chrono::year{2026} / 4 / 20} + std::chrono::hours{10} +
              std::chrono::minutes{15} + std::chrono::milliseconds{999};
  EXPECT_EQ(UtcTimestamp(time), "2026-04-20T10:15:00Z");
}

TEST_F(PassportTest, CanonicalJsonOfARecordIsPinned) {
  // The signed form of a record: changing it invalidates every passport issued so far.
  MarkEveryone();
  Score();
  PassportRecord record = *Build("C1");
  record.rubric.sha256 = "ab12";
  record.marks_sha256 = "cd34";
  EXPECT_EQ(CanonicalJson(PassportJson(record)),
            R"({"candidate":{"id":"C1","name":"Иванов Иван","organization":"Колледж №1"},)"
            R"("exam":{"competency_code":"T-EXAM","competency_title":"Тестовый экзамен",)"
            R"("date":"2026-04-12","id":"DE-2026-0412","kind":"exam",)"
            R"("site":"Колледж №1, ауд. 214"},"format":"skillscore-passport/1",)"
            R"("issued_at":"2026-04-20T10:15:00Z","issuer":"ГБПОУ Колледж №1",)"
            R"("marks_sha256":"cd34","modules":[{"id":"A","mark":"5.71","max":"7",)"
            R"("title":"Вёрстка"},{"id":"B","mark":"2","max":"3","title":"Тестирование"}],)"
            R"("number":"DE-2026-0412-0001","result":{"award":null,"grade":5,"max":"10",)"
            R"("percent":"77.08","scale":null,"total":"7.71"},"rubric":{"code":"T-EXAM",)"
            R"("sha256":"ab12","version":"1"},"sections":[{"id":"1","mark":"3.38","max":"4",)"
            R"("title":"Организация работы"},{"id":"2","mark":"4.33","max":"6",)"
            R"("title":"Качество"}],"supersedes":null})");
}

TEST_F(PassportTest, JsonReadsBackToTheSameRecord) {
  MarkEveryone();
  Score();
  issue_.supersedes = "DE-2026-0412-0000";
  PassportRecord record = *Build("C1");
  EXPECT_EQ(PassportFromJson(PassportJson(record)), record);
  auto reparsed = ParseStrictJson(PrettyJson(PassportJson(record)), "record.json");
  ASSERT_TRUE(reparsed);
  EXPECT_EQ(PassportFromJson(*reparsed), record);
}

// The record's JSON with one member replaced, removed (nullopt) or added.
JsonNode Edited(JsonNode json, const std::vector<std::string>& path,
                std::optional<JsonNode> value) {
  JsonNode* object = &json;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    object = &std::find_if(object->members.begin(), object->members.end(), [&](const auto& member) {
                return member.first == path[i];
              })->second;
  }
  auto& members = object->members;
  auto found = std::find_if(members.begin(), members.end(),
                            [&](const auto& member) { return member.first == path.back(); });
  if (!value) {
    members.erase(found);
  } else if (found == members.end()) {
    members.emplace_back(path.back(), *value);
  } else {
    found->second = *value;
  }
  return json;
}

TEST_F(PassportTest, JsonThatIsNotARecordIsRefusedNamingTheField) {
  MarkEveryone();
  Score();
  JsonNode json = PassportJson(*Build("C1"));
  EXPECT_EQ(PassportFromJson(JsonNode::Array({})).error(), "record: expected an object");
  EXPECT_EQ(PassportFromJson(Edited(json, {"candidate", "name"}, std::nullopt)).error(),
            "record.candidate.name: missing");
  EXPECT_EQ(PassportFromJson(Edited(json, {"result", "grade"}, JsonNode::String("5"))).error(),
            "record.result.grade: expected a whole number or null");
  EXPECT_EQ(PassportFromJson(Edited(json, {"result", "total"}, JsonNode::Null())).error(),
            "record.result.total: expected a string");
  EXPECT_EQ(PassportFromJson(Edited(json, {"supersedes"}, JsonNode::Integer(1))).error(),
            "record.supersedes: expected a string or null");
  EXPECT_EQ(PassportFromJson(Edited(json, {"sections"}, JsonNode::Object({}))).error(),
            "record.sections: expected an array");
  EXPECT_EQ(PassportFromJson(Edited(json, {"exam"}, JsonNode::Null())).error(),
            "record.exam: expected an object");
  EXPECT_EQ(PassportFromJson(Edited(json, {"rank"}, JsonNode::Integer(1))).error(),
            "record.rank: unknown field");
  EXPECT_EQ(
      PassportFromJson(Edited(json, {"format"}, JsonNode::String("skillscore-revocations/1")))
          .error(),
      "record.format: expected \"skillscore-passport/1\", found \"skillscore-revocations/1\"");
  JsonNode sections = *json.Find("sections");
  sections.items[1] = Edited(sections.items[1], {"mark"}, JsonNode::Integer(4));
  EXPECT_EQ(PassportFromJson(Edited(json, {"sections"}, sections)).error(),
            "record.sections[1].mark: expected a string");
}

}  // namespace
}  // namespace skillscore
