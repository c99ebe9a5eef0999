#include "file_output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace skillscore::cli {
namespace {

tl::unexpected<std::string> LastError() {
  return tl::unexpected(std::string(std::strerror(errno)));
}

bool WriteAll(int fd, const std::string& text) {
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t count = ::write(fd, text.data() + written, text.size() - written);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) return false;
    written += static_cast<std::size_t>(count);
  }
  return true;
}

// The process's umask, which mkstemp's mode 0600 ignores; read by setting it back (the command
// line is single-threaded).
mode_t CurrentUmask() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

}  // namespace

tl::expected<void, std::string> WriteFileReplacing(const std::string& path, const std::string& text,
                                                   mode_t mode) {
  const std::filesystem::path target(path);
  const std::string pattern =
      (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string();
  std::vector<char> temporary(pattern.begin(), pattern.end());
  temporary.push_back('\0');
  // mkstemp opens with O_CREAT | O_EXCL: a name that exists, a symlink included, is never opened.
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) return LastError();
  const bool ok =
      ::fchmod(fd, mode & ~CurrentUmask()) == 0 && WriteAll(fd, text) && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (ok && ::rename(temporary.data(), path.c_str()) == 0) return {};
  const int failure = ok ? errno : saved;
  ::unlink(temporary.data());
  return tl::unexpected(std::string(std::strerror(failure)));
}

}  // namespace skillscore::cli
