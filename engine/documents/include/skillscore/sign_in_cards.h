// The sheet of judges' sign-in cards (`skillscore judges codes`): A4 pages of eight cards to cut
// apart, one per judge, each with the judge's name and id, the exam, the code in large type and a
// QR code that opens the web sign-in with everything filled in.
//
// The QR code holds URL/#exam=E&judge=J&code=C: the part after '#' is a fragment, which browsers
// never send to a server, so the code does not reach a server's or a proxy's log; the sign-in
// page reads it and signs in. The paper is the only place a code is ever shown.
//
// Thread safety: functions may be called from several threads at once.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace skillscore {

struct SignInCard {
  std::string judge;  // id
  std::string name;
  std::string code;  // as issued ("7KQ4-M2XP")
};

struct SignInSheet {
  std::string exam;
  std::string site;
  std::string url;     // the web sign-in page, http(s) without a fragment
  std::string issued;  // the date of issue as people read it
  std::vector<SignInCard> cards;
};

// Why `url` cannot start a card's link (not http or https, has a fragment, or holds spaces or
// control characters), or an empty string.
std::string SignInUrlProblem(std::string_view url);

// URL/#exam=E&judge=J&code=C (one '/' between URL and '#'), each value percent-encoded.
std::string SignInLink(std::string_view url, std::string_view exam, std::string_view judge,
                       std::string_view code);

// The sheet as PDF bytes, or what went wrong in drawing it.
tl::expected<std::string, std::string> SignInCardsPdf(const SignInSheet& sheet);

}  // namespace skillscore
