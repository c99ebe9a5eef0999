#include "assets.h"

#include <algorithm>
#include <array>
#include <utility>

namespace skillscore::web {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kPages = {{
    {"/", "index.html"},
    {"/judge", "judge.html"},
    {"/board", "board.html"},
    {"/admin", "admin.html"},
}};

constexpr std::string_view kAssetPrefix = "/assets/";

bool Safe(std::string_view path) {
  if (path.empty() || path.find('\\') != std::string_view::npos ||
      path.find('\0') != std::string_view::npos) {
    return false;
  }
  for (std::size_t start = 0; start <= path.size();) {
    std::size_t end = std::min(path.find('/', start), path.size());
    std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return true;
}

const EmbeddedAsset* Find(std::string_view path) {
  for (const EmbeddedAsset& asset : EmbeddedAssets()) {
    if (asset.path == path) return &asset;
  }
  return nullptr;
}

}  // namespace

const EmbeddedAsset* AssetAt(std::string_view url_path) {
  for (const auto& [page, file] : kPages) {
    if (url_path == page) return Find(file);
  }
  if (!url_path.starts_with(kAssetPrefix)) return nullptr;
  std::string_view path = url_path.substr(kAssetPrefix.size());
  return Safe(path) ? Find(path) : nullptr;
}

}  // namespace skillscore::web
