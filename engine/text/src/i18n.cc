#include "skillscore/i18n.h"

#include <algorithm>
#include <boost/locale/gnu_gettext.hpp>
#include <boost/locale/message.hpp>
#include <cctype>
#include <locale>
#include <string>
#include <vector>

namespace skillscore {

extern const unsigned char kRussianCatalog[];
extern const std::size_t kRussianCatalogSize;

namespace {

Language current_language = Language::kEnglish;
// A thread's own language (ThreadLanguage), over the process's.
thread_local std::optional<Language> thread_language;
// The facet lives inside a locale, which owns it (facets' destructors are not public).
std::optional<std::locale> russian_messages;

// Boost.Locale asks for ".../ru/LC_MESSAGES/skillscore.mo"; the only catalog is the embedded one.
std::vector<char> EmbeddedCatalog(const std::string& file_name, const std::string& /*encoding*/) {
  if (file_name.find("/ru/") == std::string::npos) return {};
  const auto* bytes = reinterpret_cast<const char*>(kRussianCatalog);
  return std::vector<char>(bytes, bytes + kRussianCatalogSize);
}

std::locale LoadRussianMessages() {
  boost::locale::gnu_gettext::messages_info info;
  info.language = "ru";
  info.encoding = "UTF-8";
  info.domains.emplace_back("skillscore");
  info.paths.emplace_back("/embedded");
  info.callback = EmbeddedCatalog;
  return std::locale(std::locale::classic(),
                     boost::locale::gnu_gettext::create_messages_facet<char>(info));
}

Language ActiveLanguage() { return thread_language.value_or(current_language); }

}  // namespace

void SetLanguage(Language language) {
  current_language = language;
  if (language == Language::kRussian && !russian_messages) russian_messages = LoadRussianMessages();
}

Language CurrentLanguage() { return ActiveLanguage(); }

void PreloadLanguages() {
  if (!russian_messages) russian_messages = LoadRussianMessages();
}

ThreadLanguage::ThreadLanguage(Language language) : previous_(thread_language) {
  thread_language = language;
}

ThreadLanguage::~ThreadLanguage() { thread_language = previous_; }

std::string LocalDecimal(std::string decimal) {
  if (ActiveLanguage() == Language::kRussian)
    std::replace(decimal.begin(), decimal.end(), '.', ',');
  return decimal;
}

std::optional<Language> LanguageFromName(std::string_view name) {
  std::string prefix;
  for (char c : name.substr(0, name.find_first_of("_.@-"))) {
    prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (prefix == "ru") return Language::kRussian;
  if (prefix == "en" || prefix == "c" || prefix == "posix") return Language::kEnglish;
  return std::nullopt;
}

std::string Translate(const char* english) {
  if (ActiveLanguage() == Language::kRussian && russian_messages) {
    const auto& messages = std::use_facet<boost::locale::message_format<char>>(*russian_messages);
    if (const char* translated = messages.get(0, nullptr, english)) return translated;
  }
  return english;
}

}  // namespace skillscore
