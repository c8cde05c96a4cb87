#include "kiosk/adapters/compositor/SwayCompositor.h"
#include "kiosk/adapters/compositor/SwayIpc.h"

#include "dps/log/Log.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdint>
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

// Connects to sway's socket with the timeouts; -1 and the error otherwise.
int connectTo(const std::string& path, std::string& error, bool timeouts) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof(address.sun_path)) {
        error = fmt::format("sway's socket path is too long: {}", path);
        return -1;
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = lastError("socket");
        return -1;
    }
    if (timeouts) {
        const timeval timeout{kTimeoutMs / 1000, (kTimeoutMs % 1000) * 1000};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    }
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        error = fmt::format("sway's IPC socket {}: {}", path, std::strerror(errno));
        ::close(fd);
        return -1;
    }
    return fd;
}

bool sendAll(int fd, const std::string& message, std::string& error) {
    std::size_t sent = 0;
    while (sent < message.size()) {
        const ssize_t w = ::send(fd, message.data() + sent, message.size() - sent, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            error = lastError("writing to sway's IPC socket");
            return false;
        }
        sent += static_cast<std::size_t>(w);
    }
    return true;
}

// One message's header and payload; a payload longer than maxPayload is read and thrown away
// (skipped stays true, payload empty).
bool readMessage(int fd, IpcHeader& header, std::string& payload, std::size_t maxPayload, bool& skipped,
                 std::string& error) {
    std::string bytes;
    if (!readAll(fd, bytes, kIpcHeaderSize, error)) return false;
    const IpcHeaderRead h = readIpcHeader(bytes, UINT32_MAX);
    if (!h.header) {
        error = h.error;
        return false;
    }
    header = *h.header;
    skipped = header.length > maxPayload;
    if (!skipped) return readAll(fd, payload, header.length, error);
    payload.clear();
    for (std::size_t left = header.length; left > 0;) {
        const std::size_t chunk = std::min<std::size_t>(left, 64 * 1024);
        if (!readAll(fd, bytes, chunk, error)) return false;
        left -= chunk;
    }
    return true;
}

} // namespace

SwayCompositor::SwayCompositor(std::filesystem::path socket, int pid)
    : socket_(std::move(socket)), pid_(pid), guard_([this] { guard(); }) {}

SwayCompositor::~SwayCompositor() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        if (eventFd_ >= 0) ::shutdown(eventFd_, SHUT_RDWR);
    }
    wake_.notify_all();
    guard_.join();
}

void SwayCompositor::guard() {
    for (;;) {
        std::string error;
        int fd = connectTo(socket_.string(), error, false);
        if (fd >= 0) {
            {
                const std::lock_guard lock(mutex_);
                if (stopping_) {
                    ::close(fd);
                    return;
                }
                eventFd_ = fd;
            }
            followEvents(fd);
            const std::lock_guard lock(mutex_);
            eventFd_ = -1;
            ::close(fd);
        }
        // sway restarting, or not there yet: try again in a second.
        std::unique_lock lock(mutex_);
        if (wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) return;
    }
}

bool SwayCompositor::subscribe(int fd) {
    std::string error, payload;
    IpcHeader header;
    bool skipped = false;
    return sendAll(fd, ipcMessage(kIpcSubscribe, R"(["window"])"), error) &&
           readMessage(fd, header, payload, kMaxIpcPayload, skipped, error) && header.type == kIpcSubscribe;
}

void SwayCompositor::followEvents(int& fd) {
    std::string error, payload;
    IpcHeader header;
    bool skipped = false;
    if (!subscribe(fd)) return;
    while (readMessage(fd, header, payload, kMaxIpcEventPayload, skipped, error)) {
        if (skipped || header.type != kIpcWindowEvent) continue;
        const WindowEventRead read = windowEvent(payload);
        // The event names the window by its title, a page's: not kept (the wipe).
        std::fill(payload.begin(), payload.end(), '\0');
        if (read.event && read.event->change == "close" && read.event->pid != pid_) {
            // sway keeps the bytes it wrote to this connection (the session's titles) in a buffer
            // of its own until the connection ends: a new subscription first (no event missed),
            // then this one dropped.
            const int next = connectTo(socket_.string(), error, false);
            if (next >= 0 && subscribe(next)) {
                const std::lock_guard lock(mutex_);
                if (stopping_) {
                    ::close(next);
                    return;
                }
                eventFd_ = next;
                ::close(fd);
                fd = next;
            } else if (next >= 0) {
                ::close(next);
            }
            continue;
        }
        if (!read.event || !mustRefuseFullscreen(*read.event, pid_)) continue;
        // The window's node by its id (no title: it is the page's and stays out of the log).
        std::string commands = fmt::format("[con_id={}] fullscreen disable", read.event->conId);
        if (kioskFullScreen_) commands += fmt::format("; [pid={}] fullscreen enable, focus", pid_);
        const auto failed = run(commands);
        ++refused_;
        if (failed)
            log::warning("a window (sway node {}) went full screen and could not be brought back: {}",
                         read.event->conId, *failed);
        else
            log::info("a window (sway node {}) asked for full screen: refused, the {} stays visible", read.event->conId,
                      kioskFullScreen_ ? "kiosk" : "session bar");
    }
}

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
    kioskFullScreen_ = layout.mode == WindowLayout::Mode::FullScreen;
    std::string payload;
    for (const auto& c : commandsFor(layout, pid_))
        payload += (payload.empty() ? "" : "; ") + c;
    return run(payload);
}

std::optional<std::string> SwayCompositor::run(const std::string& commands) const {
    std::string error;
    const int fd = connectTo(socket_.string(), error, true);
    if (fd < 0) return error;
    const Socket s(fd);
    if (!sendAll(s.fd(), ipcMessage(kIpcRunCommand, commands), error)) return error;
    IpcHeader header;
    std::string payload;
    bool skipped = false;
    if (!readMessage(s.fd(), header, payload, kMaxIpcPayload, skipped, error)) return error;
    if (skipped)
        return fmt::format("sway's reply announces {} bytes, more than the {} it may have", header.length,
                           kMaxIpcPayload);
    if (header.type != kIpcRunCommand)
        return fmt::format("sway answered a message of type {} to a command", header.type);
    const CommandOutcome outcome = commandOutcome(payload);
    if (!outcome.ok) return outcome.error;
    return std::nullopt;
}

} // namespace dps::kiosk::compositor
