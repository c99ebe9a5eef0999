// An exam day with everything a bundle carries, and the bundle it exports to: what the bundle
// tests (bundle_store_test.cc, bundle_refusals_test.cc) start from on every store kind.
#pragma once

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "skillscore/exam_bundle.h"
#include "skillscore/sha256.h"
#include "skillscore/store.h"
#include "skillscore/store_messages.h"
#include "sqlite_store_fixture.h"

namespace skillscore {

inline StoredPassport Passport(const std::string& number, const std::string& candidate) {
  return StoredPassport{number,
                        "E1",
                        candidate,
                        "{\"signed\": true}",
                        std::string(64, 'a'),
                        std::string(64, 'b'),
                        "2026-04-12T12:00:00Z"};
}

// An exam day with everything a bundle carries: marks replaced and withdrawn, a status change, a
// lock, a passport, sign-in codes and the PIN rule.
inline void RunAnExamDay(ExamStore& store) {
  SetUpWorkedExam(store);
  ASSERT_TRUE(store.ImportMarks(
      "E1",
      std::vector<NewMark>{Row(2, "C1", kPassFail, "J1", 1), Row(3, "C2", kPassFail, "J3", 0),
                           Row(4, "C2", kJudgement, "J1", 2), NotAttempted(5, "C1", kRanged, "J3")},
      {"J2", "marks.csv"}));
  ASSERT_EQ(store.EnterMark("E1", {"C1", kPassFail, "J3", MarkValue{false, 0}}, "recounted",
                            {"J3", "", ""}),
            Change::kChanged);
  ASSERT_TRUE(store.WithdrawMark("E1", "C2", kJudgement, "J1", {"J2", "wrong candidate"}));
  ASSERT_EQ(store.SetCandidateStatus("E1", "C2", CandidateStatus::kPresent, {"J2", "came"}),
            Change::kChanged);
  ASSERT_TRUE(store.LockSubcriterion("E1", "A1", {"J2", ""},
                                     [](const ExamData&, std::string_view) { return true; }));
  ASSERT_TRUE(store.IssuePassports("E1", std::vector{Passport("P-1", "C1")}, {"J2", ""}));
  ASSERT_TRUE(
      store.StoreCodes("E1", std::vector<NewCredential>{{"J1", "$argon2id$J1"}}, {"J2", ""}));
  ASSERT_EQ(store.SetPinRequired("E1", true, {"J2", ""}), Change::kChanged);
}

inline std::string Export(ExamStore& store) {
  std::ostringstream out;
  BundleFileWriter writer(out);
  auto exported = store.ExportExam("E1", writer);
  EXPECT_TRUE(exported.has_value()) << StoreMessage(exported.error());
  writer.Finish();
  return out.str();
}

inline StoreResult<void> Import(ExamStore& store, const std::string& bundle) {
  auto reader = BundleFileReader::FromText(bundle, "e1.bundle");
  if (!reader) throw std::runtime_error(FormatDiagnostic(reader.error()));
  auto rubric = Parse((*reader)->head().exam.rubric_yaml);
  auto stored = store.ImportRubric((*reader)->head().exam.rubric_yaml, rubric);
  if (!stored) throw std::runtime_error(StoreMessage(stored.error()));
  return store.ImportExam(**reader);
}

// The bundle with its trailer recomputed, as a forger would: only the chain can then tell.
inline std::string Resealed(std::string bundle) {
  bundle.erase(bundle.rfind('\n', bundle.size() - 2) + 1);
  return bundle + "{ \"sha256\": \"" + Sha256Hex(bundle) + "\" }\n";
}

}  // namespace skillscore
