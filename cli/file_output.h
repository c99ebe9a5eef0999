// Writing an output file so that it is either whole or not there, and never through a link:
// the text goes to a new temporary file in the same folder (created exclusively, so no existing
// file or symlink is opened), is synced, then renamed over the target. A symlink already at the
// target is replaced, not followed: `passport export --out DIR` writes only inside DIR.
#pragma once

#include <sys/types.h>

#include <string>
#include <tl/expected.hpp>

namespace skillscore::cli {

// Writes `text` to `path` as described above, with `mode` less the umask (0600 for a file that
// holds secrets: no one else ever reads it); the reason (errno text) when it cannot.
tl::expected<void, std::string> WriteFileReplacing(const std::string& path, const std::string& text,
                                                   mode_t mode = 0666);

}  // namespace skillscore::cli
