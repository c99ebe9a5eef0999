#include "skillscore/mark_value.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>

#include "skillscore/i18n.h"
#include "skillscore/identifier.h"
#include "skillscore/text.h"

namespace skillscore {
namespace {

constexpr int kHighestScore = 3;
// Rational::ParseDecimal accepts at most this many decimals, so every entered value fits.
constexpr int kMostDecimals = 18;

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// `text` equals the lower-case `word` when ASCII letters are lowered.
bool EqualsIgnoringAsciiCase(std::string_view text, std::string_view word) {
  return text.size() == word.size() &&
         std::equal(text.begin(), text.end(), word.begin(),
                    [](char a, char b) { return AsciiLower(a) == b; });
}

bool IsOneOf(std::string_view text, std::initializer_list<std::string_view> spellings) {
  return std::find(spellings.begin(), spellings.end(), text) != spellings.end();
}

// Cyrillic spellings are listed rather than case-folded: folding them would need a locale.
bool IsYes(std::string_view text) {
  return EqualsIgnoringAsciiCase(text, "yes") || text == "1" || IsOneOf(text, {"да", "Да", "ДА"});
}

bool IsNo(std::string_view text) {
  return EqualsIgnoringAsciiCase(text, "no") || text == "0" || IsOneOf(text, {"нет", "Нет", "НЕТ"});
}

bool IsNotAttempted(std::string_view text) { return EqualsIgnoringAsciiCase(text, "na"); }

// The shortest plain decimal that shows the value exactly ("79.99", "5", "0.5").
std::string ShortDecimal(const Rational& value) {
  int decimals = 0;
  while (decimals < kMostDecimals && !value.HasAtMostDecimals(decimals)) ++decimals;
  return value.ToDecimal(decimals);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::optional<Rational> WholeNumber(std::string_view text) {
  // Most marks are a digit or two, which need none of ParseDecimal's general checks.
  if (!text.empty() && text.size() <= 2 && std::all_of(text.begin(), text.end(), IsDigit)) {
    int number = 0;
    for (char digit : text) number = number * 10 + (digit - '0');
    return Rational(number);
  }
  std::optional<Rational> number = Rational::ParseDecimal(text);
  if (number && number->IsInteger()) return number;
  return std::nullopt;
}

tl::expected<MarkValue, std::string> ParseWholeNumber(const Aspect& aspect, std::string_view text,
                                                      int highest) {
  std::optional<Rational> number = WholeNumber(text);
  if (!number) {
    return tl::unexpected(
        Tr("value \"{0}\" for aspect {1} is not a whole number: expected a whole number from 0 "
           "to {2}",
           text, aspect.id, highest));
  }
  if (*number < 0 || *number > highest) {
    return tl::unexpected(
        Tr("value \"{0}\" for aspect {1} is out of range: expected a whole number from 0 to {2}",
           text, aspect.id, highest));
  }
  return MarkValue{false, *number};
}

tl::expected<MarkValue, std::string> ParseScore(const Aspect& aspect, std::string_view text) {
  if (IsNotAttempted(text)) {
    return tl::unexpected(
        Tr("value \"{0}\" for aspect {1} is not allowed: a judgement aspect cannot be marked not "
           "attempted; expected a whole number from 0 to 3",
           text, aspect.id));
  }
  return ParseWholeNumber(aspect, text, kHighestScore);
}

tl::expected<MarkValue, std::string> ParsePassFail(const Aspect& aspect, std::string_view text) {
  if (IsYes(text)) return MarkValue{false, 1};
  if (IsNo(text)) return MarkValue{false, 0};
  return tl::unexpected(
      Tr("value \"{0}\" for aspect {1} is not valid: expected yes or no (1 or 0, да or нет)", text,
         aspect.id));
}

std::optional<std::size_t> OptionIndex(const Aspect& aspect, std::string_view text) {
  std::optional<Rational> number = WholeNumber(text);
  if (number && *number >= 1 && *number <= static_cast<std::int64_t>(aspect.options.size())) {
    return static_cast<std::size_t>(number->numerator() - 1);
  }
  auto same_label = [&](const ChoiceOption& option) { return option.label == text; };
  auto found = std::find_if(aspect.options.begin(), aspect.options.end(), same_label);
  if (found == aspect.options.end()) return std::nullopt;
  return static_cast<std::size_t>(found - aspect.options.begin());
}

std::string QuotedLabels(const Aspect& aspect) {
  std::string labels;
  for (const ChoiceOption& option : aspect.options) {
    if (!labels.empty()) labels += ", ";
    labels += "\"" + option.label + "\"";
  }
  return labels;
}

tl::expected<MarkValue, std::string> ParseChoice(const Aspect& aspect, std::string_view text) {
  std::optional<std::size_t> index = OptionIndex(aspect, text);
  if (index) return MarkValue{false, static_cast<std::int64_t>(*index)};
  return tl::unexpected(
      Tr("value \"{0}\" for aspect {1} is not an option: expected an option number from 1 to {2} "
         "or one of the labels {3}",
         text, aspect.id, aspect.options.size(), QuotedLabels(aspect)));
}

std::string RangesText(const Aspect& aspect) {
  std::string ranges;
  for (const Range& range : aspect.ranges) {
    if (!ranges.empty()) ranges += ", ";
    ranges += LocalDecimal(ShortDecimal(range.from)) + "…" + LocalDecimal(ShortDecimal(range.to));
  }
  return ranges;
}

bool InSomeRange(const Aspect& aspect, const Rational& value) {
  return std::any_of(aspect.ranges.begin(), aspect.ranges.end(),
                     [&](const Range& range) { return range.from <= value && value <= range.to; });
}

tl::expected<MarkValue, std::string> ParseRanged(const Aspect& aspect, std::string_view text) {
  std::optional<Rational> number = Rational::ParseDecimal(text);
  if (!number) {
    return tl::unexpected(
        Tr("value \"{0}\" for aspect {1} is not a number: expected a number in one of the ranges "
           "{2}",
           text, aspect.id, RangesText(aspect)));
  }
  if (!InSomeRange(aspect, *number)) {
    return tl::unexpected(
        Tr("value \"{0}\" for aspect {1} is in no range: expected a number in one of the ranges "
           "{2}",
           text, aspect.id, RangesText(aspect)));
  }
  return MarkValue{false, *number};
}

}  // namespace

tl::expected<MarkValue, std::string> ParseMarkValue(const Aspect& aspect, std::string_view text) {
  std::string_view value = Trim(text, kWhitespace);
  // Bounded and free of control characters before any message quotes it.
  constexpr std::size_t kMaxValueBytes = 512;  // a choice may be given by its label
  if (value.size() > kMaxValueBytes) {
    return tl::make_unexpected(Tr("value \"{0}\" for aspect {1} is too long: at most {2} bytes",
                                  ShownValue(value), aspect.id, kMaxValueBytes));
  }
  if (auto problem = TextProblem("value", value)) return tl::make_unexpected(*problem);
  if (aspect.type == AspectType::kJudgement) return ParseScore(aspect, value);
  if (IsNotAttempted(value)) return MarkValue{true, 0};
  switch (aspect.calculation) {
    case Calculation::kPassFail:
      return ParsePassFail(aspect, value);
    case Calculation::kNumberCompleted:
      return ParseWholeNumber(aspect, value, aspect.number_completed);
    case Calculation::kChoice:
      return ParseChoice(aspect, value);
    case Calculation::kRanged:
      return ParseRanged(aspect, value);
  }
  throw std::invalid_argument("unknown calculation");
}

std::string MarkValueText(const Aspect& aspect, const MarkValue& value) {
  if (value.not_attempted) return "na";
  if (aspect.type == AspectType::kMeasurement && aspect.calculation == Calculation::kPassFail) {
    return value.number == 0 ? "no" : "yes";
  }
  if (aspect.type == AspectType::kMeasurement && aspect.calculation == Calculation::kChoice) {
    return std::to_string(value.number.numerator() + 1);  // options are numbered from 1
  }
  return ShortDecimal(value.number);
}

}  // namespace skillscore
