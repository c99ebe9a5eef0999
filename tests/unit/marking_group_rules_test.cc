// Marking groups (marking_groups.h, docs/panels.md): who is in a sub-criterion's group, the
// refusals of MarkRules for a judge outside it (the rule every path to a mark takes), who owes a
// score to a grouped panel, a group too small for a panel, and the judges' digest of the audit
// chain: unchanged without groups, covering them with groups (an edit of them is found).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "skillscore/audit_chain.h"
#include "skillscore/exam_service.h"
#include "skillscore/marking_groups.h"
#include "skillscore/progress.h"
#include "skillscore/rubric_loader.h"
#include "sqlite_store_fixture.h"

namespace skillscore {
namespace {

// A1: a measurement and a judgement (A1.2); B1: a measurement only.
constexpr char kRubric[] = R"(format: skillscore-rubric/1
code: "GROUPS"
version: "1"
title: "Groups"
kind: exam
max: 4
sections:
  - { id: "1", title: "All", target: 4 }
modules:
  - id: A
    title: "A"
    subcriteria:
      - id: A1
        title: "A1"
        aspects:
          - { type: measurement, text: "Done", section: "1", max: 1 }
          - type: judgement
            text: "Impression"
            section: "1"
            max: 2
            levels: { 0: "below", 1: "meets", 2: "exceeds in part", 3: "exceeds" }
  - id: B
    title: "B"
    subcriteria:
      - id: B1
        title: "B1"
        aspects:
          - { type: measurement, text: "Works", section: "1", max: 1 }
)";

constexpr std::size_t kA1Judgement = 1;

Rubric ParsedRubric() {
  RubricLoad load = ParseRubric(kRubric, "groups.yaml");
  EXPECT_TRUE(load.rubric.has_value());
  return *load.rubric;
}

Judge Expert(const std::string& id, std::vector<std::string> subcriteria,
             const std::string& organization = "") {
  return {id, "", organization.empty() ? "College " + id : organization, JudgeRole::kExpert,
          std::move(subcriteria)};
}

// An exam whose A1 group is J2, J3, J4, J5, J6 (five, for panels of three); J1 is in no group,
// K is the chief expert. C1 has no marks yet.
class MarkingGroupsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_.exam.id = "E1";
    data_.exam.chief = "K";
    data_.rubric = ParsedRubric();
    data_.candidates = {{"C1", "Ann", "College 9", CandidateStatus::kPresent}};
    data_.judges = {{"K", "", "Centre", JudgeRole::kChief},
                    Expert("J1", {}),
                    Expert("J2", {"A1"}),
                    Expert("J3", {"A1"}),
                    Expert("J4", {"A1", "B1"}),
                    Expert("J5", {"A1"}),
                    Expert("J6", {"A1"})};
    data_.sheets = BuildSheets(data_.rubric, data_.candidates, {});
  }

  std::optional<std::string> Admit(const std::string& actor, const std::string& judge,
                                   int score = 2) {
    MarkRules rules(data_, Actor{actor});
    return rules.Admit({"C1", kA1Judgement, judge, MarkValue{false, score}});
  }

  ExamData data_;
};

TEST_F(MarkingGroupsTest, TheGroupIsTheJudgesWhoListTheSubcriterion) {
  EXPECT_EQ(MarkingGroup(data_.judges, "A1"),
            (std::vector<std::string>{"J2", "J3", "J4", "J5", "J6"}));
  EXPECT_EQ(MarkingGroup(data_.judges, "B1"), (std::vector<std::string>{"J4"}));
  data_.judges[4].subcriteria = {"A1"};  // B1 loses its only member: no group
  EXPECT_TRUE(MarkingGroup(data_.judges, "B1").empty());
}

TEST_F(MarkingGroupsTest, SubcriteriaAreStoredAsOneSpaceSeparatedText) {
  EXPECT_EQ(JoinSubcriteria({"A1", "B1"}), "A1 B1");
  EXPECT_EQ(JoinSubcriteria({}), "");
  EXPECT_EQ(SplitSubcriteria("A1 B1"), (std::vector<std::string>{"A1", "B1"}));
  EXPECT_TRUE(SplitSubcriteria("").empty());
}

TEST_F(MarkingGroupsTest, AJudgeOutsideTheGroupIsRefused) {
  EXPECT_EQ(Admit("J1", "J1"),
            "judge J1 is not in the marking group of sub-criterion A1 (J2, J3, J4, J5, J6): only "
            "its members score A1.2");
  EXPECT_EQ(Admit("J2", "J2"), std::nullopt);
}

TEST_F(MarkingGroupsTest, TheChiefTranscribesForMembersOnly) {
  EXPECT_EQ(Admit("K", "J3"), std::nullopt);
  EXPECT_EQ(Admit("K", "J1"),
            "judge J1 is not in the marking group of sub-criterion A1 (J2, J3, J4, J5, J6): only "
            "its members score A1.2");
  // The chief's own score: the chief is not in the group either.
  EXPECT_EQ(Admit("K", "K"),
            "judge K is not in the marking group of sub-criterion A1 (J2, J3, J4, J5, J6): only "
            "its members score A1.2");
  // An expert still cannot enter a member's score for them.
  EXPECT_NE(Admit("J2", "J3")->find("only a chief expert may transcribe"), std::string::npos);
}

TEST_F(MarkingGroupsTest, AGroupOfFiveStillFillsPanelsOfThree) {
  MarkRules rules(data_, Actor{"K"});
  for (const char* judge : {"J2", "J3", "J4"}) {
    EXPECT_EQ(rules.Admit({"C1", kA1Judgement, judge, MarkValue{false, 2}}), std::nullopt);
  }
  EXPECT_EQ(rules.Admit({"C1", kA1Judgement, "J5", MarkValue{false, 2}}),
            "the panel of A1.2 for candidate C1 is full: 3 judges score it (J2, J3, J4); judge "
            "J5 is not on it");
  // A member on the panel re-scores.
  EXPECT_EQ(rules.Admit({"C1", kA1Judgement, "J3", MarkValue{false, 1}}), std::nullopt);
}

TEST_F(MarkingGroupsTest, MeasurementsAreNotGrouped) {
  MarkRules rules(data_, Actor{"J1"});
  EXPECT_EQ(rules.Admit({"C1", 0, "J1", MarkValue{false, 1}}), std::nullopt);
  EXPECT_EQ(rules.Admit({"C1", 2, "J1", MarkValue{false, 1}}), std::nullopt);  // B1.1, group J4
}

TEST_F(MarkingGroupsTest, WithoutGroupsAnyJudgeSitsUpToThePanelSize) {
  for (Judge& judge : data_.judges) judge.subcriteria.clear();
  MarkRules rules(data_, Actor{"K"});
  for (const char* judge : {"J1", "K", "J6"}) {
    EXPECT_EQ(rules.Admit({"C1", kA1Judgement, judge, MarkValue{false, 2}}), std::nullopt);
  }
  EXPECT_EQ(rules.Admit({"C1", kA1Judgement, "J2", MarkValue{false, 2}}),
            "the panel of A1.2 for candidate C1 is full: 3 judges score it (J1, K, J6); judge J2 "
            "is not on it");
}

TEST_F(MarkingGroupsTest, OnlyGroupMembersOweAScore) {
  data_.judges[5].organization = "College 9";  // J5: C1's college
  std::vector<MarkEntry> entries = {{"C1", 0, "J1", MarkValue{false, 1}},
                                    {"C1", kA1Judgement, "J3", MarkValue{false, 2}},
                                    {"C1", 2, "J1", MarkValue{false, 1}}};
  auto sheets = BuildSheets(data_.rubric, data_.candidates, entries);
  const std::vector<std::string> locked;
  auto progress = MarkingProgress(data_.rubric, sheets, PanelSeats{data_.judges, locked});
  ASSERT_EQ(progress[0].gaps.size(), 1u);
  EXPECT_EQ(progress[0].gaps[0].owed_by, (std::vector<std::string>{"J2", "J4", "J6"}));
  const AspectRecord& panel = sheets[0].aspects[kA1Judgement];
  const std::vector<std::string> group = MarkingGroup(data_.judges, "A1");
  EXPECT_FALSE(OwesScore(data_.rubric.policy, group, data_.judges[1], data_.candidates[0], panel));
  EXPECT_TRUE(OwesScore(data_.rubric.policy, group, data_.judges[2], data_.candidates[0], panel));
  EXPECT_TRUE(OwesScore(data_.rubric.policy, {}, data_.judges[1], data_.candidates[0], panel));
}

TEST_F(MarkingGroupsTest, AGroupTooSmallForAPanelIsFound) {
  EXPECT_EQ(FindSmallGroup(data_.rubric, data_.judges), std::nullopt);     // B1: measurements only
  for (std::size_t i : {3u, 5u, 6u}) data_.judges[i].subcriteria.clear();  // J3, J5, J6 leave A1
  auto small = FindSmallGroup(data_.rubric, data_.judges);
  ASSERT_TRUE(small.has_value());
  EXPECT_EQ(small->subcriterion, "A1");
  EXPECT_EQ(small->group, (std::vector<std::string>{"J2", "J4"}));
  data_.rubric.policy.judges = 2;
  EXPECT_EQ(FindSmallGroup(data_.rubric, data_.judges), std::nullopt);
}

TEST(JudgesDigestTest, WithoutGroupsItIsThePeopleDigest) {
  std::vector<audit::PersonRecord> judges = {{"J2", "Ann", "College 2", "expert"},
                                             {"J1", "Jo", "College 1", "expert"}};
  EXPECT_EQ(audit::JudgesDigest(judges), audit::PeopleDigest(judges));
  EXPECT_EQ(audit::PeopleDigest(judges),
            "8443db4f99959fb87988ef7ef96dc06819af720899f09b3581d7ae8ba3703cc4");
}

TEST(JudgesDigestTest, GroupsAreDigestedAfterThePeople) {
  // sha256(netstrings: PeopleDigest, "marking groups", sha256(netstrings: "J2", "A1 B1"))
  std::vector<audit::PersonRecord> judges = {{"J2", "Ann", "College 2", "expert", "A1 B1"},
                                             {"J1", "Jo", "College 1", "expert"}};
  EXPECT_EQ(audit::JudgesDigest(judges),
            "0a76863ff9c7f4fb9ce2e093a722f68e4f6bf6f48d14af65fc75771aaecbc8c6");
}

// The judges' digest covers the groups: a direct edit of them is found by `audit verify`.
TEST_F(SqliteStoreTest, AnEditOfTheStoredGroupsBreaksTheChain) {
  SetUpExam();
  std::vector<Judge> grouped = {{"J1", "Jan", "College 3", JudgeRole::kExpert, {"A1"}}};
  ASSERT_EQ(store_->ImportJudges("E1", grouped), (ImportCounts{0, 1, 0}));
  EXPECT_EQ(store_->VerifyAudit("E1")->problem, std::nullopt);
  RawDatabase(path_).Execute("UPDATE judges SET subcriteria = '' WHERE code = 'J1'");
  auto report = store_->VerifyAudit("E1");
  ASSERT_TRUE(report.has_value());
  ASSERT_TRUE(report->problem.has_value());
  EXPECT_NE(report->problem->find("judges"), std::string::npos) << *report->problem;
}

}  // namespace
}  // namespace skillscore
