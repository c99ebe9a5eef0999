#include "skillscore/exam_files.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "skillscore/i18n.h"

namespace skillscore {
namespace {

using Messages = std::vector<std::string>;

Aspect MakeAspect(const std::string& id, AspectType type, Rational max) {
  Aspect aspect;
  aspect.id = id;
  aspect.type = type;
  aspect.section = "1";
  aspect.max = max;
  return aspect;
}

// A1.1 pass_fail, A1.2 number_completed 5, A1.3 judgement, A1.4 ranged 0…10.
Rubric TestRubric(ConflictRule conflict_rule = ConflictRule::kOrganization) {
  Rubric rubric;
  rubric.code = "TEST";
  rubric.version = "1";
  rubric.max = 7;
  rubric.policy.conflict_of_interest = conflict_rule;
  Subcriterion a1;
  a1.id = "A1";
  a1.aspects.push_back(MakeAspect("A1.1", AspectType::kMeasurement, 1));
  a1.aspects.push_back(MakeAspect("A1.2", AspectType::kMeasurement, 2));
  a1.aspects.back().calculation = Calculation::kNumberCompleted;
  a1.aspects.back().number_completed = 5;
  a1.aspects.push_back(MakeAspect("A1.3", AspectType::kJudgement, 3));
  a1.aspects.push_back(MakeAspect("A1.4", AspectType::kMeasurement, 1));
  a1.aspects.back().calculation = Calculation::kRanged;
  a1.aspects.back().ranges = {Range{0, 10, 0}};
  Module a;
  a.id = "A";
  a.subcriteria.push_back(a1);
  rubric.modules.push_back(a);
  rubric.IndexAspects();
  return rubric;
}

const std::vector<Candidate> kCandidates = {
    {"C1", "Ann", "College 1", CandidateStatus::kPresent},
    {"C2", "Bob", "College 2", CandidateStatus::kPresent},
    {"C3", "Cid", "", CandidateStatus::kAbsent},
};

const std::vector<Judge> kJudges = {
    {"J1", "Jan", "College 1", JudgeRole::kExpert},
    {"J2", "Jo", " College 2 ", JudgeRole::kChief},
    {"J3", "Jim", "", JudgeRole::kExpert},
};

CsvTable Table(std::string_view text) { return ParseCsv(text, "in.csv").value(); }

// "line: message" for each diagnostic.
Messages Lines(const Diagnostics& diagnostics) {
  Messages lines;
  for (const Diagnostic& d : diagnostics) {
    EXPECT_EQ(d.file, "in.csv");
    EXPECT_EQ(d.column, 0);
    lines.push_back(std::to_string(d.line) + ": " + d.message);
  }
  return lines;
}

template <typename T>
Messages Refusals(const tl::expected<T, Diagnostics>& result) {
  EXPECT_FALSE(result.has_value());
  return result ? Messages{} : Lines(result.error());
}

class MarkTest : public ::testing::Test {
 protected:
  std::string Refusal(const std::string& candidate, const std::string& aspect,
                      const std::string& judge, const std::string& value) {
    auto entry = CheckMark(context_, candidate, aspect, judge, value);
    EXPECT_FALSE(entry.has_value());
    return entry ? "" : entry.error();
  }

  Rubric rubric_ = TestRubric();
  MarkContext context_{&rubric_, &kCandidates, &kJudges, std::nullopt};
};

TEST(ReadCandidatesTest, ReadsColumnsInAnyOrderWithStatusDefaultingToPresent) {
  auto candidates =
      ReadCandidates(Table("name;id;organization;status\n"
                           "Иванов Иван;C1;Колледж №1;\n"
                           "Bob;C2;College 2;Absent\n"
                           "\"  Cid \";\" C3 \";;withdrawn\n"
                           "Dan;C4;;DISQUALIFIED\n"));
  ASSERT_TRUE(candidates.has_value());
  ASSERT_EQ(candidates->size(), 4u);
  const Candidate& first = (*candidates)[0];
  EXPECT_EQ(first.id, "C1");
  EXPECT_EQ(first.name, "Иванов Иван");
  EXPECT_EQ(first.organization, "Колледж №1");
  EXPECT_EQ(first.status, CandidateStatus::kPresent);
  EXPECT_EQ((*candidates)[1].status, CandidateStatus::kAbsent);
  EXPECT_EQ((*candidates)[2].id, "C3");
  EXPECT_EQ((*candidates)[2].name, "Cid");
  EXPECT_EQ((*candidates)[2].status, CandidateStatus::kWithdrawn);
  EXPECT_EQ((*candidates)[3].status, CandidateStatus::kDisqualified);
}

TEST(ReadCandidatesTest, AcceptsRussianStatusesInAnyCase) {
  auto candidates =
      ReadCandidates(Table("id,name,organization,status\n"
                           "C1,,,Присутствует\nC2,,,отсутствует\nC3,,,снят\nC4,,,Снята\n"
                           "C5,,,ДИСКВАЛИФИЦИРОВАН\nC6,,,дисквалифицирована\n"));
  ASSERT_TRUE(candidates.has_value());
  std::vector<CandidateStatus> statuses;
  for (const Candidate& candidate : *candidates) statuses.push_back(candidate.status);
  EXPECT_EQ(statuses, (std::vector<CandidateStatus>{
                          CandidateStatus::kPresent, CandidateStatus::kAbsent,
                          CandidateStatus::kWithdrawn, CandidateStatus::kWithdrawn,
                          CandidateStatus::kDisqualified, CandidateStatus::kDisqualified}));
}

TEST(ReadCandidatesTest, ReportsEveryBadRowAndReturnsNone) {
  EXPECT_EQ(
      Refusals(ReadCandidates(Table("id,name,organization,status\n"
                                    "C1,Ann,College 1,present\n"
                                    ",Bob,College 2,\n"
                                    "C1,Carl,College 3,gone\n"
                                    "C2,Dan,College 4,\n"))),
      (Messages{
          "3: id is empty: every row needs an id",
          "4: id \"C1\" is already used on line 2",
          "4: status \"gone\" is unknown: expected present, absent, withdrawn or disqualified",
      }));
}

TEST(ReadCandidatesTest, RefusesUnknownAndMissingColumns) {
  EXPECT_EQ(Refusals(ReadCandidates(Table("id,name,role\nC1,Ann,chief\n"))),
            (Messages{"1: unknown column \"role\": the columns of this file are id, name, "
                      "organization, status",
                      "1: missing column \"organization\""}));
}

TEST(ReadJudgesTest, ReadsRolesInEnglishAndRussianWithExpertByDefault) {
  auto judges =
      ReadJudges(Table("id,name,organization,role\n"
                       "J1,Jan,College 1,\nJ2,Jo,College 2,Chief\nJ3,,,эксперт\nJ4,,,Главный\n"
                       "J5,,,главный эксперт\nJ6,,,expert\n"));
  ASSERT_TRUE(judges.has_value());
  std::vector<JudgeRole> roles;
  for (const Judge& judge : *judges) roles.push_back(judge.role);
  EXPECT_EQ(roles,
            (std::vector<JudgeRole>{JudgeRole::kExpert, JudgeRole::kChief, JudgeRole::kExpert,
                                    JudgeRole::kChief, JudgeRole::kChief, JudgeRole::kExpert}));
  EXPECT_EQ((*judges)[1].organization, "College 2");
}

TEST(ReadJudgesTest, WorksWithoutARoleColumn) {
  auto judges = ReadJudges(Table("id,name,organization\nJ1,Jan,College 1\n"));
  ASSERT_TRUE(judges.has_value());
  EXPECT_EQ((*judges)[0].role, JudgeRole::kExpert);
}

TEST(ReadJudgesTest, RefusesDuplicateIdsAndUnknownRoles) {
  EXPECT_EQ(Refusals(ReadJudges(Table("id,name,organization,role\n"
                                      "J1,Jan,College 1,expert\n"
                                      "J2,Jo,College 2,boss\n"
                                      "J1,Jim,College 3,chief\n"))),
            (Messages{"3: role \"boss\" is unknown: expected expert or chief",
                      "4: id \"J1\" is already used on line 2"}));
}

TEST(ReadJudgesTest, RefusesTheStatusColumnOfCandidates) {
  EXPECT_EQ(Refusals(ReadJudges(Table("id,name,organization,status\nJ1,Jan,College 1,present\n"))),
            (Messages{"1: unknown column \"status\": the columns of this file are id, name, "
                      "organization, role, subcriteria"}));
}

TEST(ReadJudgesTest, ReadsMarkingGroupsSeparatedByCommasSemicolonsOrSpaces) {
  auto judges =
      ReadJudges(Table("id,name,organization,subcriteria\n"
                       "J1,Jan,College 1,\"B2, A1\"\n"
                       "J2,Jo,College 2,A1;B2  C3\n"
                       "J3,Jim,College 3,\n"));
  ASSERT_TRUE(judges.has_value());
  EXPECT_EQ((*judges)[0].subcriteria, (std::vector<std::string>{"B2", "A1"}));
  EXPECT_EQ((*judges)[1].subcriteria, (std::vector<std::string>{"A1", "B2", "C3"}));
  EXPECT_TRUE((*judges)[2].subcriteria.empty());
  EXPECT_EQ(Refusals(ReadJudges(Table("id,name,organization,subcriteria\n"
                                      "J1,Jan,College 1,A1 A1\n"))),
            (Messages{"2: subcriteria: \"A1\" is listed twice"}));
}

TEST_F(MarkTest, AcceptsAValidMarkWithTrimmedIds) {
  auto entry = CheckMark(context_, " C2 ", "A1.3", "J1 ", " 2 ");
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->candidate, "C2");
  EXPECT_EQ(entry->aspect, 2u);
  EXPECT_EQ(entry->judge, "J1");
  EXPECT_EQ(entry->value, (MarkValue{false, 2}));
}

TEST_F(MarkTest, AcceptsNotAttemptedOnAMeasurement) {
  auto entry = CheckMark(context_, "C2", "A1.2", "J1", "na");
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->value, (MarkValue{true, 0}));
}

TEST_F(MarkTest, RefusesEmptyIds) {
  EXPECT_EQ(Refusal(" ", "A1.1", "J1", "yes"), "no candidate given");
  EXPECT_EQ(Refusal("C1", "", "J1", "yes"), "no aspect given");
  EXPECT_EQ(Refusal("C2", "A1.1", "", "yes"), "no judge given");
}

TEST_F(MarkTest, RefusesUnknownCandidateAspectAndJudge) {
  EXPECT_EQ(Refusal("C9", "A1.1", "J1", "yes"), "candidate \"C9\" is not registered for this exam");
  EXPECT_EQ(Refusal("C2", "Z9.9", "J1", "yes"), "aspect \"Z9.9\" is not in rubric TEST@1");
  EXPECT_EQ(Refusal("C2", "A1.1", "J9", "yes"), "judge \"J9\" is not registered for this exam");
}

TEST_F(MarkTest, RefusesValuesThatDoNotFitTheAspect) {
  EXPECT_EQ(Refusal("C2", "A1.2", "J1", "7"),
            "value \"7\" for aspect A1.2 is out of range: expected a whole number from 0 to 5");
  EXPECT_EQ(Refusal("C2", "A1.2", "J1", "2.5"),
            "value \"2.5\" for aspect A1.2 is not a whole number: expected a whole number from 0 "
            "to 5");
  EXPECT_EQ(Refusal("C2", "A1.4", "J1", "abc"),
            "value \"abc\" for aspect A1.4 is not a number: expected a number in one of the "
            "ranges 0…10");
  EXPECT_EQ(Refusal("C2", "A1.3", "J1", "na"),
            "value \"na\" for aspect A1.3 is not allowed: a judgement aspect cannot be marked not "
            "attempted; expected a whole number from 0 to 3");
}

TEST_F(MarkTest, RefusesAJudgeMarkingACandidateOfTheirOwnOrganisation) {
  EXPECT_EQ(Refusal("C1", "A1.1", "J1", "yes"),
            "conflict of interest: judge \"J1\" and candidate \"C1\" are both from \"College "
            "1\"; a judge may not mark a candidate of their own organisation (policy "
            "conflict_of_interest: organization)");
  // Organisations are compared after trimming: J2's is " College 2 ".
  EXPECT_EQ(Refusal("C2", "A1.3", "J2", "3"),
            "conflict of interest: judge \"J2\" and candidate \"C2\" are both from \"College "
            "2\"; a judge may not mark a candidate of their own organisation (policy "
            "conflict_of_interest: organization)");
}

TEST_F(MarkTest, EmptyOrganisationsAreNoConflict) {
  EXPECT_TRUE(CheckMark(context_, "C3", "A1.1", "J3", "yes").has_value());
}

TEST_F(MarkTest, ConflictRuleIsOffWithPolicyNone) {
  Rubric lenient = TestRubric(ConflictRule::kNone);
  context_.rubric = &lenient;
  EXPECT_TRUE(CheckMark(context_, "C1", "A1.1", "J1", "yes").has_value());
}

TEST_F(MarkTest, WithoutRegisteredListsAnyIdIsAcceptedAndNoConflictApplies) {
  context_.candidates = nullptr;
  EXPECT_TRUE(CheckMark(context_, "C1", "A1.1", "J1", "yes").has_value());
  EXPECT_TRUE(CheckMark(context_, "C99", "A1.1", "J1", "yes").has_value());
  context_.candidates = &kCandidates;
  context_.judges = nullptr;
  EXPECT_TRUE(CheckMark(context_, "C1", "A1.1", "J99", "yes").has_value());
}

TEST_F(MarkTest, RefusalsAreTranslated) {
  SetLanguage(Language::kRussian);
  std::string refusal = Refusal("C1", "A1.1", "J1", "yes");
  SetLanguage(Language::kEnglish);
  EXPECT_EQ(refusal,
            "конфликт интересов: эксперт «J1» и участник «C1» оба из «College 1»; эксперт не может "
            "оценивать участника из своей организации (политика conflict_of_interest: "
            "organization)");
}

TEST_F(MarkTest, ReadsMarksWithLinesNotesAndDecimalCommas) {
  auto rows = ReadMarks(Table("candidate;aspect;judge;value;note\n"
                              "C2;A1.4;J1;0,5;\"re-measured, twice\"\n"
                              "C2;A1.1;J3;да;\n"),
                        context_);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].line, 2);
  EXPECT_EQ((*rows)[0].entry.aspect, 3u);
  EXPECT_EQ((*rows)[0].entry.value, (MarkValue{false, Rational::Of(1, 2)}));
  EXPECT_EQ((*rows)[0].note, "re-measured, twice");
  EXPECT_EQ((*rows)[1].line, 3);
  EXPECT_EQ((*rows)[1].entry.value, (MarkValue{false, 1}));
  EXPECT_EQ((*rows)[1].note, "");
}

TEST_F(MarkTest, ReportsEveryBadMarkRowByLineAndReturnsNone) {
  context_.exam = "DE-1";
  EXPECT_EQ(Refusals(ReadMarks(Table("exam,candidate,aspect,judge,value\n"
                                     "DE-1,C2,A1.1,J1,yes\n"
                                     "DE-1,C9,A1.1,J1,yes\n"
                                     ",C2,A1.9,J1,yes\n"
                                     "DE-1,C2,A1.3,J1,na\n"
                                     "DE-2,C2,A1.3,J1,2\n"
                                     "DE-2,C1,A1.2,J1,3\n"
                                     "DE-1,C2,A1.2,J3,6\n"),
                               context_)),
            (Messages{
                "3: candidate \"C9\" is not registered for this exam",
                "4: aspect \"A1.9\" is not in rubric TEST@1",
                "5: value \"na\" for aspect A1.3 is not allowed: a judgement aspect cannot be "
                "marked not attempted; expected a whole number from 0 to 3",
                "6: exam \"DE-2\" does not match the exam being imported, \"DE-1\"",
                "7: exam \"DE-2\" does not match the exam being imported, \"DE-1\"",
                "7: conflict of interest: judge \"J1\" and candidate \"C1\" are both from "
                "\"College 1\"; a judge may not mark a candidate of their own organisation "
                "(policy conflict_of_interest: organization)",
                "8: value \"6\" for aspect A1.2 is out of range: expected a whole number from 0 "
                "to 5",
            }));
}

TEST_F(MarkTest, ExamColumnIsNotCheckedWithoutAnExam) {
  EXPECT_TRUE(ReadMarks(Table("exam,candidate,aspect,judge,value\nDE-2,C2,A1.1,J1,yes\n"), context_)
                  .has_value());
}

TEST_F(MarkTest, RefusesMarksFilesWithWrongColumns) {
  EXPECT_EQ(Refusals(ReadMarks(Table("candidate,aspect,judge,score\nC2,A1.1,J1,yes\n"), context_)),
            (Messages{"1: unknown column \"score\": the columns of this file are candidate, "
                      "aspect, judge, value, exam, note",
                      "1: missing column \"value\""}));
}

TEST_F(MarkTest, ARepeatedMarkIsNoErrorAndTheLaterRowCounts) {
  auto rows = ReadMarks(Table("candidate,aspect,judge,value\n"
                              "C2,A1.3,J1,1\n"
                              "C2,A1.3,J3,2\n"
                              "C2,A1.3,J1,3\n"),
                        context_);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 3u);
  std::vector<MarkEntry> entries;
  for (const MarkRow& row : *rows) entries.push_back(row.entry);
  auto sheets = BuildSheets(rubric_, {kCandidates[1]}, entries);
  const auto& panel = sheets[0].aspects[2].panel;
  ASSERT_EQ(panel.size(), 2u);
  EXPECT_EQ(panel[0].judge, "J1");
  EXPECT_EQ(panel[0].score, 3);
  EXPECT_EQ(panel[1].judge, "J3");
  EXPECT_EQ(panel[1].score, 2);
}

TEST(SheetBuilderTest, WithoutAListSheetsAreForCandidatesInOrderOfFirstAppearance) {
  Rubric rubric = TestRubric();
  MarkContext context{&rubric, nullptr, nullptr, std::nullopt};
  auto rows = ReadMarks(Table("candidate,aspect,judge,value\n"
                              "C7,A1.1,J1,yes\nC3,A1.1,J1,no\nC7,A1.2,J1,4\n"),
                        context);
  ASSERT_TRUE(rows.has_value());
  SheetBuilder builder(rubric);
  for (const MarkRow& row : *rows) builder.Add(row.entry);
  std::vector<CandidateSheet> sheets = std::move(builder).Finish();
  ASSERT_EQ(sheets.size(), 2u);
  EXPECT_EQ(sheets[0].candidate.id, "C7");
  EXPECT_EQ(sheets[0].candidate.name, "C7");
  EXPECT_EQ(sheets[0].candidate.organization, "");
  EXPECT_EQ(sheets[0].candidate.status, CandidateStatus::kPresent);
  EXPECT_EQ(sheets[1].candidate.id, "C3");
  EXPECT_EQ(sheets[0].aspects[0].measurement, (MarkValue{false, Rational(1)}));
  EXPECT_EQ(sheets[1].aspects[0].measurement, (MarkValue{false, Rational(0)}));
  EXPECT_EQ(sheets[0].aspects[1].measurement, (MarkValue{false, Rational(4)}));
}

// `score` without --exam: the first exam cell names the exam, and every later one must match.
TEST(ReadMarksCsvTest, ExamFromRowsIsTheFirstExamCell) {
  Rubric rubric = TestRubric();
  MarkContext context{&rubric, nullptr, nullptr, std::nullopt, true};
  std::vector<std::string> exams;
  Diagnostics problems = ReadMarksCsv(
      "candidate,aspect,judge,value,exam\nC7,A1.1,J1,yes,\nC7,A1.2,J1,4, E1 \n"
      "C3,A1.1,J1,no,E1\nC3,A1.2,J1,2,E2\n",
      "marks.csv", context, [&](const MarkRow& row) { exams.push_back(row.exam); });
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 5);
  EXPECT_EQ(problems[0].message, "exam \"E2\" does not match the exam being imported, \"E1\"");
  EXPECT_EQ(exams, (std::vector<std::string>{"", "E1", "E1"}));
}

}  // namespace
}  // namespace skillscore
