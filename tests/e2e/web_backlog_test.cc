// The server's listen backlog (docs/web.md, "Concurrency"): tablets that connect while the server
// is busy wait in the kernel's queue instead of being dropped and retried by TCP seconds later.
// Debian's httplib listens with a backlog of 5; `serve` listens again with 1024.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <vector>

#include "web_support.h"

namespace skillscore::testing {
namespace {

constexpr int kConnections = 200;

class WebBacklogTest : public DbTest {
 protected:
  void SetUp() override { CreateExam(); }
};

// A non-blocking connection to 127.0.0.1:port, under way.
int StartConnecting(int port) {
  int socket = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::connect(socket, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  return socket;
}

// How many of `sockets` have connected (the handshake done) within `wait`.
int Connected(std::vector<int>& sockets, std::chrono::milliseconds wait) {
  const auto until = std::chrono::steady_clock::now() + wait;
  int connected = 0;
  for (int socket : sockets) {
    pollfd entry{socket, POLLOUT, 0};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (::poll(&entry, 1, static_cast<int>(std::max<long>(left.count(), 0))) != 1) continue;
    int error = 0;
    socklen_t size = sizeof error;
    getsockopt(socket, SOL_SOCKET, SO_ERROR, &error, &size);
    if (error == 0) ++connected;
  }
  return connected;
}

TEST_F(WebBacklogTest, ConnectionsWaitInTheQueueWhileTheServerIsBusy) {
  ServerProcess server(db_, dir_.File("serve.log"));
  ASSERT_NE(server.port(), 0);
  // A stopped server accepts nothing: every connection made now waits in the listen queue, and
  // the kernel completes the handshake of as many as the backlog holds (SYNs beyond it are
  // dropped, and retried by the client only a second later).
  ASSERT_EQ(kill(server.pid(), SIGSTOP), 0);
  std::vector<int> sockets;
  for (int i = 0; i < kConnections; ++i) sockets.push_back(StartConnecting(server.port()));
  int connected = Connected(sockets, std::chrono::milliseconds(500));
  ASSERT_EQ(kill(server.pid(), SIGCONT), 0);
  for (int socket : sockets) ::close(socket);
  EXPECT_EQ(connected, kConnections);
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace skillscore::testing
