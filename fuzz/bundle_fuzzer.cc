// libFuzzer target: the exam bundle reader (exam_bundle.h) on any bytes — as they are, and with
// their closing digest recomputed so that mutations reach the line parser behind it. A bundle that
// reads whole must be written back by BundleFileWriter to a file that reads to the same rows.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "skillscore/exam_bundle.h"
#include "skillscore/sha256.h"

namespace {

using namespace skillscore;

struct Rows {
  BundleHead head;
  std::vector<BundleEvent> events;
  std::vector<BundleMark> marks;
  bool operator==(const Rows&) const = default;
};

// Every row of a bundle, or nullopt when some part does not read.
std::optional<Rows> ReadAll(const std::string& text) {
  auto reader = BundleFileReader::FromText(text, "fuzz.bundle");
  if (!reader) return std::nullopt;
  Rows rows{(*reader)->head(), {}, {}};
  for (;;) {
    auto event = (*reader)->NextEvent();
    if (!event) return std::nullopt;
    if (!*event) break;
    rows.events.push_back(**event);
  }
  for (;;) {
    auto mark = (*reader)->NextMark();
    if (!mark) return std::nullopt;
    if (!*mark) break;
    rows.marks.push_back(**mark);
  }
  return rows;
}

// The text with its last line replaced by the right closing digest.
std::string Resealed(const std::string& text) {
  std::string body = text;
  if (!body.empty() && body.back() == '\n') {
    const std::size_t last = body.rfind('\n', body.size() - 2);
    body.erase(last == std::string::npos ? 0 : last + 1);
  } else {
    body += '\n';
  }
  return body + "{\"sha256\": \"" + Sha256Hex(body) + "\"}\n";
}

void Check(const std::string& text) {
  auto rows = ReadAll(text);
  if (!rows) return;
  std::ostringstream out;
  BundleFileWriter writer(out);
  writer.Head(rows->head);
  for (const BundleEvent& event : rows->events) writer.Event(event);
  for (const BundleMark& mark : rows->marks) writer.Mark(mark);
  writer.Finish();
  auto again = ReadAll(out.str());
  if (!again || !(*again == *rows)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Check(text);
  Check(Resealed(text));
  return 0;
}
