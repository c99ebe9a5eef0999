// libFuzzer target: the web API's request bodies (web/requests.h), the layer that reads what
// anyone on the network sends. Every parser must answer a request or a message for any bytes; a
// parsed mark write keeps the promises the server relies on (a client_id of 1–64 safe characters).
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "assets.h"
#include "requests.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace skillscore::web;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto expect_answer = [](const auto& parsed) {
    if (!parsed && parsed.error().empty()) __builtin_trap();
  };
  expect_answer(ParseJudgeSignIn(body));
  expect_answer(ParseAdminSignIn(body));
  expect_answer(ParseLockWrite(body));
  expect_answer(ParseReason(body));
  expect_answer(ParseCandidateStatus(body));
  expect_answer(ParseWithdrawal(body));
  auto mark = ParseMarkWrite(body);
  expect_answer(mark);
  if (mark) {
    if (mark->client_id.empty() || mark->client_id.size() > 64) __builtin_trap();
    for (unsigned char c : mark->client_id) {
      if (!std::isalnum(c) && c != '-' && c != '_') __builtin_trap();
    }
  }
  // An asset path never leaves web/assets/.
  if (const EmbeddedAsset* asset = AssetAt(body)) {
    if (asset->path.find("..") != std::string_view::npos) __builtin_trap();
  }
  return 0;
}
