// The messages the edge makes from a store's refusals (store_messages.h): the words of each code
// with its parameters, in English and Russian, and a batch of marks as one line per refused mark.
#include "skillscore/store_messages.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "skillscore/i18n.h"

namespace skillscore {
namespace {

using Code = StoreError::Code;
using Kind = StoreError::Kind;

StoreError MarkRefusal(int line, Code code, std::vector<std::string> args) {
  StoreError refusal = StoreError::Of(code, std::move(args));
  refusal.line = line;
  return refusal;
}

StoreError Batch(const std::string& file) {
  StoreError batch = StoreError::Of(Code::kMarksRefused, {file});
  batch.refusals = {MarkRefusal(2, Code::kCandidateNotRegistered, {"C9", "E1"}),
                    MarkRefusal(3, Code::kAspectOutsideRubric, {"8", "R", "1", "5"})};
  return batch;
}

std::string InRussian(const StoreError& error) {
  SetLanguage(Language::kRussian);
  std::string message = StoreMessage(error);
  SetLanguage(Language::kEnglish);
  return message;
}

TEST(StoreMessagesTest, ARefusalIsWordedFromItsCodeAndParametersWithoutAnyCommand) {
  EXPECT_EQ(StoreMessage(StoreError::Of(Code::kExamNotFound, {"E9"})), "exam E9 does not exist");
  EXPECT_EQ(StoreMessage(StoreError::Of(Code::kRubricNotFound, {"NOPE@1"})),
            "rubric NOPE@1 is not in the database");
  EXPECT_EQ(StoreMessage(StoreError::Of(Code::kAlreadyLocked, {"A1", "E1", "J2", "T"})),
            "sub-criterion A1 of exam E1 is already locked (by J2 at T)");
  EXPECT_EQ(StoreMessage(StoreError::Of(Code::kNoMarkToWithdraw, {"C1", "A1.5", "J1"})),
            "there is no mark of candidate C1 for A1.5 by judge J1 to withdraw");
  EXPECT_EQ(StoreMessage(StoreError::Of(Code::kNoMarkToWithdraw, {"C1", "A1.1", ""})),
            "there is no mark of candidate C1 for A1.1 to withdraw");
  EXPECT_EQ(StoreMessage(StoreError::Of(Code::kDatabasePathEmpty)), "the database path is empty");
}

TEST(StoreMessagesTest, ADatabaseFailureKeepsItsOwnWords) {
  EXPECT_EQ(StoreMessage(StoreError{Kind::kStorage, "database x.db: disk I/O error"}),
            "database x.db: disk I/O error");
}

TEST(StoreMessagesTest, ABatchOfMarksIsALinePerRefusedMarkWithItsPlace) {
  EXPECT_EQ(StoreMessage(Batch("marks.csv")),
            "marks.csv:2: candidate C9 is not registered for exam E1\n"
            "marks.csv:3: aspect number 8 is outside rubric R@1 (5 aspects)");
  EXPECT_EQ(StoreMessage(Batch("")),
            "line 2: candidate C9 is not registered for exam E1\n"
            "line 3: aspect number 8 is outside rubric R@1 (5 aspects)");
  StoreError typed_in = StoreError::Of(Code::kMarksRefused, {""});
  typed_in.refusals = {MarkRefusal(0, Code::kMarkLocked, {"A1", "J2", "T", "C1", "A1.5"})};
  EXPECT_EQ(StoreMessage(typed_in),
            "sub-criterion A1 is locked (signed off by J2 at T): the mark of C1 for A1.5 is "
            "refused; only the chief expert can unlock it");
  // A source that refused the marks has said why itself.
  EXPECT_EQ(StoreMessage(StoreError::Of(Code::kMarksRefused, {"marks.csv"})), "");
}

TEST(StoreMessagesTest, MessagesAreInTheLanguageOfTheEdge) {
  EXPECT_EQ(InRussian(StoreError::Of(Code::kExamNotFound, {"E9"})), "экзамена E9 нет");
  EXPECT_EQ(InRussian(StoreError::Of(Code::kRubricNotFound, {"NOPE@1"})),
            "схемы оценки NOPE@1 нет в базе данных");
  EXPECT_EQ(InRussian(StoreError::Of(Code::kExamExists, {"E1", "R", "1"})),
            "экзамен E1 уже существует (схема оценки R@1)");
  EXPECT_EQ(InRussian(Batch("")).substr(0, std::string("строка 2: ").size()), "строка 2: ");
}

TEST(StoreMessagesTest, EveryCodeHasItsOwnNameAWordingAndTheKindItsCommentGives) {
  std::set<std::string> names;
  for (int i = static_cast<int>(Code::kDatabasePathEmpty);
       i <= static_cast<int>(Code::kChainEndMismatch); ++i) {
    const auto code = static_cast<Code>(i);
    EXPECT_TRUE(names.insert(CodeName(code)).second) << CodeName(code);
    if (code == Code::kMarksRefused) continue;
    EXPECT_FALSE(StoreMessage(StoreError::Of(code, {"a", "b", "c", "d", "e"})).empty())
        << CodeName(code);
  }
  EXPECT_EQ(names.size(), 53u);
  EXPECT_EQ(KindOf(Code::kExamNotFound), Kind::kNotFound);
  EXPECT_EQ(KindOf(Code::kRevokeJudgeNotRegistered), Kind::kNotFound);
  EXPECT_EQ(KindOf(Code::kCodeJudgeNotRegistered), Kind::kInvalidInput);
  EXPECT_EQ(KindOf(Code::kMarkLocked), Kind::kConflict);
  EXPECT_EQ(KindOf(Code::kMarksRefused), Kind::kInvalidInput);
  EXPECT_EQ(StoreError::Of(Code::kPassportRevoked, {"P-1"}).kind, Kind::kConflict);
  EXPECT_EQ(KindOf(Code::kBundleExamNotFound), Kind::kNotFound);
  EXPECT_EQ(KindOf(Code::kBundleExamExists), Kind::kConflict);
  EXPECT_EQ(KindOf(Code::kChainEventChanged), Kind::kInvalidInput);
}

TEST(StoreMessagesTest, BundleAndChainRefusalsKeepTheirWordsInBothLanguages) {
  const StoreError changed = StoreError::Of(Code::kChainEventChanged, {"7"});
  EXPECT_EQ(StoreMessage(changed),
            "event 7 of the bundle was changed: its hash does not match its content");
  EXPECT_EQ(InRussian(changed), "событие 7 пакета изменено: его хеш не совпадает с содержимым");
  const StoreError end = StoreError::Of(Code::kChainEndMismatch, {"E1", "12", "ab12"});
  EXPECT_EQ(StoreMessage(end),
            "the bundle's chain of exam E1 does not end at the head it announces (12 events, last "
            "hash ab12)");
  EXPECT_EQ(InRussian(end),
            "цепочка экзамена E1 в пакете не заканчивается объявленным событием (событий: 12, хеш "
            "последнего ab12)");
  const StoreError person = StoreError::Of(Code::kBundleUnknownPerson, {"E1", "C7", "3"});
  EXPECT_EQ(StoreMessage(person),
            "mark entry 3 names C7, who is not registered for exam E1 in the bundle");
  EXPECT_EQ(InRussian(person),
            "запись оценки 3 называет C7, кто не зарегистрирован на экзамен E1 в пакете");
  const StoreError exists = StoreError::Of(Code::kBundleExamExists, {"E1"});
  EXPECT_EQ(StoreMessage(exists), "exam E1 already exists");
  EXPECT_EQ(InRussian(exists), "экзамен E1 уже существует");
  EXPECT_EQ(StoreMessage(StoreError::Of(Code::kBundleExamNotFound, {"E9"})),
            "exam E9 does not exist");
  EXPECT_EQ(StoreMessage(StoreError::Of(Code::kBundleCodeNumberTaken, {"1"})),
            "sign-in code number 1 of the bundle is taken here by another exam's code");
  // A line that cannot be read reads as the diagnostic the bundle reader made.
  const StoreError line =
      StoreError::Of(Code::kBundleUnreadable, {"e1.bundle", "14", "0", "expected a number"});
  EXPECT_EQ(StoreMessage(line), "e1.bundle:14: error: expected a number");
  EXPECT_EQ(InRussian(line), "e1.bundle:14: ошибка: expected a number");
}

}  // namespace
}  // namespace skillscore
