// Messages for people in Russian or English, through a gettext message catalog.
//
// Source strings are English and use fmt's positional placeholders ("aspect {0}: …"), so that a
// translation may reorder them. The Russian catalog (po/ru.po) is compiled by msgfmt at build time
// and embedded in the library: the binary needs no files at run time and no system locale.
//
// Thread safety: SetLanguage() is meant to be called once at start-up, before other threads run;
// Tr() only reads and may then be called from any thread, each thread in its ThreadLanguage.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

namespace skillscore {

enum class Language { kEnglish, kRussian };

void SetLanguage(Language language);
// The calling thread's language: its ThreadLanguage, else the process's (SetLanguage).
Language CurrentLanguage();

// Loads every catalog now, so that threads may later switch language (ThreadLanguage) without
// loading one. Call it once at start-up, before other threads run.
void PreloadLanguages();

// Messages of the calling thread in `language` until the guard ends, whatever the process's
// language: a server answers each request in the language of its session. Other threads keep
// theirs. PreloadLanguages must have run.
class ThreadLanguage {
 public:
  explicit ThreadLanguage(Language language);
  ~ThreadLanguage();
  ThreadLanguage(const ThreadLanguage&) = delete;
  ThreadLanguage& operator=(const ThreadLanguage&) = delete;

 private:
  std::optional<Language> previous_;
};

// "ru", "ru_RU.UTF-8", "en_US" … → a language; nullopt for anything else.
std::optional<Language> LanguageFromName(std::string_view name);

// A decimal number ("7.5", "-0.25") as messages for people show it: with a decimal comma in
// Russian ("7,5"). Machine-facing text (JSON, stored values, YAML) keeps the point.
std::string LocalDecimal(std::string decimal);

// The translation of an English source string (itself when untranslated or in English).
std::string Translate(const char* english);

// Translate, then format with positional arguments.
template <typename... Args>
std::string Tr(const char* english, Args&&... args) {
  if constexpr (sizeof...(Args) == 0) {
    return Translate(english);
  } else {
    return fmt::format(fmt::runtime(Translate(english)), std::forward<Args>(args)...);
  }
}

}  // namespace skillscore
