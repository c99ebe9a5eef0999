// The group commit's memory of marks by client_id (skillscore/client_writes.h): a repeat finds the
// first outcome, and the memory keeps the latest writes up to its capacity, forgetting the oldest.
#include "skillscore/client_writes.h"

#include <gtest/gtest.h>

#include <string>

namespace skillscore {
namespace {

ClientWrites::Remembered Write(const std::string& value) {
  return {
      "C1\x1f"
      "A1.1\x1f"
      "J1\x1f" +
          value,
      value == "1" ? Change::kAdded : Change::kChanged};
}

TEST(ClientWritesTest, ARepeatFindsTheFirstOutcome) {
  ClientWrites writes;
  EXPECT_EQ(writes.Find("E1\x1fJ1\x1f"
                        "a"),
            nullptr);
  writes.Remember(
      "E1\x1fJ1\x1f"
      "a",
      Write("1"));
  const ClientWrites::Remembered* first = writes.Find(
      "E1\x1fJ1\x1f"
      "a");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->change, Change::kAdded);
  EXPECT_EQ(first->fingerprint,
            "C1\x1f"
            "A1.1\x1f"
            "J1\x1f"
            "1");
  EXPECT_EQ(writes.Find("E1\x1fJ2\x1f"
                        "a"),
            nullptr);  // another judge's id is another write
}

TEST(ClientWritesTest, TheOldestWritesAreForgottenBeyondTheCapacity) {
  ClientWrites writes(3);
  for (int i = 1; i <= 5; ++i) writes.Remember("k" + std::to_string(i), Write(std::to_string(i)));
  EXPECT_EQ(writes.size(), 3u);
  EXPECT_EQ(writes.Find("k1"), nullptr);
  EXPECT_EQ(writes.Find("k2"), nullptr);
  ASSERT_NE(writes.Find("k3"), nullptr);
  EXPECT_EQ(writes.Find("k5")->fingerprint,
            "C1\x1f"
            "A1.1\x1f"
            "J1\x1f"
            "5");
}

TEST(ClientWritesTest, TheDefaultCapacityIsTheDocumentedOne) {
  ClientWrites writes;
  for (std::size_t i = 0; i < ClientWrites::kCapacity + 10; ++i) {
    writes.Remember(std::to_string(i), Write("1"));
  }
  EXPECT_EQ(writes.size(), 100'000u);
  EXPECT_EQ(writes.Find("9"), nullptr);
  EXPECT_NE(writes.Find("10"), nullptr);
}

}  // namespace
}  // namespace skillscore
