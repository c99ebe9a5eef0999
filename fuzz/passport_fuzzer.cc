// libFuzzer target: the strict JSON reader (json_value.h), the passport verifier and the
// revocation list reader (signing.h) on any bytes, against the key of the seed corpus. JSON that
// parses must survive a round trip through its canonical form.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "skillscore/json_value.h"
#include "skillscore/passport.h"
#include "skillscore/signing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace skillscore;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto json = ParseStrictJson(text, "fuzz.json")) {
    const std::string canonical = CanonicalJson(*json);
    auto again = ParseStrictJson(canonical, "canonical.json");
    if (!again || CanonicalJson(*again) != canonical) __builtin_trap();
    PrettyJson(*json);
    PassportFromJson(*json);
  }
  // The key that signed the seeds in fuzz/corpus/passport, so that mutations of them reach the
  // checks behind the signature.
  static const PublicKey key = *ParsePublicKey(R"({
  "format": "skillscore-public-key/1",
  "algorithm": "ed25519",
  "issuer": "Fuzz College",
  "key_id": "17d62e0f520b74ad",
  "public_key": "rnx1O1Is5FmaFOS52aoBOWukZjx0YONd1FU+n7bifrI="
})",
                                               "fuzz.pub");
  const Verification verification = VerifyPassport(text, "fuzz.json", key);
  if (verification.status == VerifyStatus::kValid && !verification.record) __builtin_trap();
  ReadRevocationList(text, "fuzz.json", key);
  return 0;
}
