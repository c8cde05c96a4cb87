#include "kiosk/adapters/compositor/SwayCompositor.h"
#include "kiosk/adapters/compositor/SwayIpc.h"

#include <cerrno>
#include <cstring>
#include <fmt/core.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

namespace dps::kiosk::compositor {
namespace {

// sway answers a command in milliseconds; a compositor that does not answer in this long is
// stuck, and the kiosk's loop must not wait on it (the keeper retries).
constexpr int kTimeoutMs = 2000;

class Socket {
public:
    explicit Socket(int fd) : fd_(fd) {}
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    ~Socket() {
        if (fd_ >= 0) ::close(fd_);
    }
    [[nodiscard]] int fd() const { return fd_; }

private:
    int fd_;
};

std::string lastError(const char* what) { return fmt::format("{}: {}", what, std::strerror(errno)); }

// Reads exactly n bytes; an empty optional's error in `error`.
bool readAll(int fd, std::string& out, std::size_t n, std::string& error) {
    out.resize(n);
    std::size_t got = 0;
    while (got < n) {
        const ssize_t r = ::recv(fd, out.data() + got, n - got, 0);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) {
            error = r == 0 ? "sway closed its IPC socket before answering" : lastError("reading sway's reply");
            return false;
        }
        got += static_cast<std::size_t>(r);
    }
    return true;
}

} // namespace

SwayCompositor::SwayCompositor(std::filesystem::path socket, int pid) : socket_(std::move(socket)), pid_(pid) {}

std::vector<std::string> SwayCompositor::commandsFor(const WindowLayout& layout, int pid) {
    const std::string window = fmt::format("[pid={}]", pid);
    if (layout.mode == WindowLayout::Mode::FullScreen)
        // Back to a tiled window, full screen, and the keyboard's focus (the browser had it).
        return {window + " sticky disable, floating disable, fullscreen enable, focus"};
    // The bar: out of full screen, floating above the tiled browser, on every workspace, at the
    // top left, full width and the bar's height; the top gap keeps the browser's tiles below it.
    return {fmt::format("{} fullscreen disable, floating enable, sticky enable, border none, resize set width 100 ppt "
                        "height {} px, move absolute position 0 0",
                        window, layout.barHeight),
            fmt::format("gaps top all set {}", layout.barHeight)};
}

std::optional<std::string> SwayCompositor::place(const WindowLayout& layout) {
    const auto commands = commandsFor(layout, pid_);
    std::string payload;
    for (const auto& c : commands)
        payload += (payload.empty() ? "" : "; ") + c;

    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string path = socket_.string();
    if (path.size() >= sizeof(address.sun_path)) return fmt::format("sway's socket path is too long: {}", path);
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const Socket s(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (s.fd() < 0) return lastError("socket");
    const timeval timeout{kTimeoutMs / 1000, (kTimeoutMs % 1000) * 1000};
    ::setsockopt(s.fd(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(s.fd(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (::connect(s.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
        return fmt::format("sway's IPC socket {}: {}", path, std::strerror(errno));
    const std::string message = ipcMessage(kIpcRunCommand, payload);
    std::size_t sent = 0;
    while (sent < message.size()) {
        const ssize_t w = ::send(s.fd(), message.data() + sent, message.size() - sent, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return lastError("writing to sway's IPC socket");
        sent += static_cast<std::size_t>(w);
    }
    std::string bytes, error;
    if (!readAll(s.fd(), bytes, kIpcHeaderSize, error)) return error;
    const IpcHeaderRead header = readIpcHeader(bytes);
    if (!header.header) return header.error;
    if (header.header->type != kIpcRunCommand)
        return fmt::format("sway answered a message of type {} to a command", header.header->type);
    if (!readAll(s.fd(), bytes, header.header->length, error)) return error;
    const CommandOutcome outcome = commandOutcome(bytes);
    if (!outcome.ok) return outcome.error;
    return std::nullopt;
}

} // namespace dps::kiosk::compositor
