#include "skillscore/mark_value.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "skillscore/i18n.h"
#include "skillscore/rational.h"

namespace skillscore {
namespace {

Rational Dec(const char* text) { return Rational::ParseDecimal(text).value(); }

Aspect Measured(std::string id, Calculation calculation) {
  Aspect aspect;
  aspect.id = std::move(id);
  aspect.section = "1";
  aspect.max = 1;
  aspect.calculation = calculation;
  return aspect;
}

// The aspects of the worked example in rubric-format.md.
Aspect PassFail() { return Measured("A1.1", Calculation::kPassFail); }

Aspect NumberCompleted() {
  Aspect aspect = Measured("A1.2", Calculation::kNumberCompleted);
  aspect.number_completed = 5;
  return aspect;
}

Aspect Choice() {
  Aspect aspect = Measured("A1.3", Calculation::kChoice);
  aspect.options = {{"нет нарушений", 0},
                    {"1–2 нарушения", Dec("33.3")},
                    {"3–5 нарушений", Dec("66.6")},
                    {"более 5", 100}};
  return aspect;
}

Aspect Ranged() {
  Aspect aspect = Measured("A1.4", Calculation::kRanged);
  aspect.ranges = {{80, 100, 0}, {50, Dec("79.99"), 50}, {0, Dec("49.99"), 100}};
  return aspect;
}

Aspect Judgement() {
  Aspect aspect = Measured("A1.5", Calculation::kPassFail);
  aspect.type = AspectType::kJudgement;
  return aspect;
}

MarkValue Number(Rational number) { return {false, number}; }
const MarkValue kNotAttempted{true, 0};

void ExpectValue(const Aspect& aspect, const std::string& text, const MarkValue& expected) {
  auto parsed = ParseMarkValue(aspect, text);
  ASSERT_TRUE(parsed.has_value()) << "\"" << text << "\": " << parsed.error();
  EXPECT_EQ(parsed->not_attempted, expected.not_attempted) << "\"" << text << "\"";
  EXPECT_EQ(parsed->number, expected.number) << "\"" << text << "\"";
}

void ExpectRefused(const Aspect& aspect, const std::string& text, const std::string& message) {
  auto parsed = ParseMarkValue(aspect, text);
  ASSERT_FALSE(parsed.has_value()) << "\"" << text << "\" was accepted";
  EXPECT_EQ(parsed.error(), message);
}

// --- Accepted spellings ---

TEST(ParseMarkValueTest, PassFailAcceptsYesInEverySpelling) {
  for (const char* yes : {"yes", "YES", "Yes", "yEs", "1", "да", "Да", "ДА", " yes ", "\tда\t"}) {
    ExpectValue(PassFail(), yes, Number(1));
  }
}

TEST(ParseMarkValueTest, PassFailAcceptsNoInEverySpelling) {
  for (const char* no : {"no", "NO", "No", "nO", "0", "нет", "Нет", "НЕТ", "  no  ", "нет\r\n"}) {
    ExpectValue(PassFail(), no, Number(0));
  }
}

TEST(ParseMarkValueTest, EveryMeasurementAcceptsNotAttempted) {
  for (const Aspect& aspect : {PassFail(), NumberCompleted(), Choice(), Ranged()}) {
    for (const char* na : {"na", "NA", "Na", "nA", " na "}) ExpectValue(aspect, na, kNotAttempted);
  }
}

TEST(ParseMarkValueTest, NumberCompletedAcceptsWholeNumbersFromZeroToN) {
  for (int k = 0; k <= 5; ++k) ExpectValue(NumberCompleted(), std::to_string(k), Number(k));
  ExpectValue(NumberCompleted(), " 4 ", Number(4));
  ExpectValue(NumberCompleted(), "4,0", Number(4));
  ExpectValue(NumberCompleted(), "4.0", Number(4));
}

TEST(ParseMarkValueTest, ChoiceAcceptsOneBasedOptionNumbersAsZeroBasedIndexes) {
  for (int option = 1; option <= 4; ++option) {
    ExpectValue(Choice(), std::to_string(option), Number(option - 1));
  }
}

TEST(ParseMarkValueTest, ChoiceAcceptsExactLabels) {
  ExpectValue(Choice(), "нет нарушений", Number(0));
  ExpectValue(Choice(), "1–2 нарушения", Number(1));
  ExpectValue(Choice(), " более 5 ", Number(3));
}

TEST(ParseMarkValueTest, RangedAcceptsDecimalPointOrCommaInsideARange) {
  ExpectValue(Ranged(), "79.99", Number(Dec("79.99")));
  ExpectValue(Ranged(), "79,99", Number(Dec("79.99")));
  ExpectValue(Ranged(), "100", Number(100));
  ExpectValue(Ranged(), "0", Number(0));
  ExpectValue(Ranged(), " 49,99 ", Number(Dec("49.99")));
}

TEST(ParseMarkValueTest, JudgementAcceptsScoresZeroToThree) {
  for (int score = 0; score <= 3; ++score) {
    ExpectValue(Judgement(), std::to_string(score), Number(score));
  }
  ExpectValue(Judgement(), " 2 ", Number(2));
}

// --- Refusals ---

TEST(ParseMarkValueTest, PassFailRefusesAnythingElse) {
  for (const char* bad : {"maybe", "2", "y", "даа", "", "yes no"}) {
    ExpectRefused(PassFail(), bad,
                  "value \"" + std::string(bad) +
                      "\" for aspect A1.1 is not valid: expected yes or no (1 or 0, да or нет)");
  }
}

TEST(ParseMarkValueTest, NumberCompletedRefusesNumbersOutOfRange) {
  ExpectRefused(NumberCompleted(), "7",
                "value \"7\" for aspect A1.2 is out of range: expected a whole number from 0 to 5");
  ExpectRefused(
      NumberCompleted(), "-1",
      "value \"-1\" for aspect A1.2 is out of range: expected a whole number from 0 to 5");
}

TEST(ParseMarkValueTest, NumberCompletedRefusesWhatIsNotAWholeNumber) {
  for (const char* bad : {"4.5", "abc", "yes", "", "1e2"}) {
    ExpectRefused(NumberCompleted(), bad,
                  "value \"" + std::string(bad) +
                      "\" for aspect A1.2 is not a whole number: expected a whole number from 0 "
                      "to 5");
  }
}

TEST(ParseMarkValueTest, ChoiceRefusesUnknownOptions) {
  for (const char* bad : {"5", "0", "1.5", "Нет нарушений", "более"}) {
    ExpectRefused(Choice(), bad,
                  "value \"" + std::string(bad) +
                      "\" for aspect A1.3 is not an option: expected an option number from 1 to 4 "
                      "or one of the labels \"нет нарушений\", \"1–2 нарушения\", "
                      "\"3–5 нарушений\", \"более 5\"");
  }
}

TEST(ParseMarkValueTest, RangedRefusesWhatIsNotANumber) {
  for (const char* bad : {"abc", "", "79.99%", "1 000"}) {
    ExpectRefused(Ranged(), bad,
                  "value \"" + std::string(bad) +
                      "\" for aspect A1.4 is not a number: expected a number in one of the "
                      "ranges 80…100, 50…79.99, 0…49.99");
  }
}

TEST(ParseMarkValueTest, RangedRefusesValuesInNoRange) {
  for (const char* bad : {"79.995", "49.999", "100.01", "-1"}) {
    ExpectRefused(Ranged(), bad,
                  "value \"" + std::string(bad) +
                      "\" for aspect A1.4 is in no range: expected a number in one of the ranges "
                      "80…100, 50…79.99, 0…49.99");
  }
}

// In Russian the ranges are written with decimal commas, as the judge types them.
TEST(ParseMarkValueTest, RangesInARussianMessageHaveDecimalCommas) {
  SetLanguage(Language::kRussian);
  auto parsed = ParseMarkValue(Ranged(), "100.01");
  SetLanguage(Language::kEnglish);
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().find("80…100, 50…79,99, 0…49,99"), std::string::npos) << parsed.error();
}

TEST(ParseMarkValueTest, JudgementRefusesScoresOutOfRange) {
  for (const char* bad : {"4", "-1"}) {
    ExpectRefused(Judgement(), bad,
                  "value \"" + std::string(bad) +
                      "\" for aspect A1.5 is out of range: expected a whole number from 0 to 3");
  }
}

TEST(ParseMarkValueTest, JudgementRefusesWhatIsNotAWholeNumber) {
  for (const char* bad : {"2.5", "yes", ""}) {
    ExpectRefused(Judgement(), bad,
                  "value \"" + std::string(bad) +
                      "\" for aspect A1.5 is not a whole number: expected a whole number from 0 "
                      "to 3");
  }
}

TEST(ParseMarkValueTest, JudgementRefusesNotAttempted) {
  for (const char* na : {"na", "NA"}) {
    ExpectRefused(Judgement(), na,
                  "value \"" + std::string(na) +
                      "\" for aspect A1.5 is not allowed: a judgement aspect cannot be marked not "
                      "attempted; expected a whole number from 0 to 3");
  }
}

TEST(ParseMarkValueTest, MessagesAreTranslatedToRussian) {
  SetLanguage(Language::kRussian);
  auto parsed = ParseMarkValue(NumberCompleted(), "7");
  SetLanguage(Language::kEnglish);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error(),
            "значение «7» для аспекта A1.2 вне допустимых пределов: ожидается целое число от 0 "
            "до 5");
}

// --- Text of a value ---

TEST(MarkValueTextTest, WritesValuesAsAPersonTypesThem) {
  EXPECT_EQ(MarkValueText(PassFail(), Number(1)), "yes");
  EXPECT_EQ(MarkValueText(PassFail(), Number(0)), "no");
  EXPECT_EQ(MarkValueText(NumberCompleted(), Number(4)), "4");
  EXPECT_EQ(MarkValueText(Choice(), Number(1)), "2");
  EXPECT_EQ(MarkValueText(Ranged(), Number(Dec("79.99"))), "79.99");
  EXPECT_EQ(MarkValueText(Ranged(), Number(Dec("80.50"))), "80.5");
  EXPECT_EQ(MarkValueText(Ranged(), Number(80)), "80");
  EXPECT_EQ(MarkValueText(Judgement(), Number(3)), "3");
}

TEST(MarkValueTextTest, WritesNotAttemptedAsNa) {
  for (const Aspect& aspect : {PassFail(), NumberCompleted(), Choice(), Ranged()}) {
    EXPECT_EQ(MarkValueText(aspect, kNotAttempted), "na");
  }
}

TEST(MarkValueTextTest, ParsesBackToTheSameValue) {
  std::vector<std::pair<Aspect, MarkValue>> values = {
      {PassFail(), Number(1)},  {PassFail(), Number(0)},          {NumberCompleted(), Number(5)},
      {Choice(), Number(3)},    {Ranged(), Number(Dec("50.25"))}, {Judgement(), Number(0)},
      {Ranged(), kNotAttempted}};
  for (const auto& [aspect, value] : values) {
    ExpectValue(aspect, MarkValueText(aspect, value), value);
  }
}

}  // namespace
}  // namespace skillscore
