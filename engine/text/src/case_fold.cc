#include "skillscore/case_fold.h"

#include "skillscore/utf8.h"

namespace skillscore {

std::string FoldCase(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    char32_t c = DecodeUtf8(text, at);
    if ((c >= U'A' && c <= U'Z') || (c >= U'А' && c <= U'Я')) c += 0x20;
    if (c == U'Ё' || c == U'ё') c = U'е';
    AppendUtf8(c, folded);
  }
  return folded;
}

}  // namespace skillscore
