// The pages of the web front end (web/assets/), embedded in the binary at build time by
// web/embed_assets.cmake: the server reads no file and fetches nothing at run time.
//
// Thread safety: constant data.
#pragma once

#include <span>
#include <string_view>

namespace skillscore::web {

struct EmbeddedAsset {
  std::string_view path;  // relative to web/assets/: "judge.html", "app.css"
  std::string_view bytes;
  std::string_view content_type;
  std::string_view etag;  // quoted, from the SHA-256 of the bytes
};

std::span<const EmbeddedAsset> EmbeddedAssets();  // generated

// The asset served at a URL path: "/" → index.html, "/judge" → judge.html, "/board" →
// board.html, "/admin" → admin.html, "/assets/X" → X. nullptr for anything else, and for any
// path with a ".." segment, a backslash or a NUL, whatever the file table holds.
const EmbeddedAsset* AssetAt(std::string_view url_path);

}  // namespace skillscore::web
