#include "kiosk/adapters/browser/RunnerBrowser.h"

#include "dps/log/Log.h"
#include "kiosk/adapters/browser/ServiceProtocol.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace dps::kiosk::browser {
namespace {

int connectTo(const std::string& path) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof address.sun_path) return -1;
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return -1;
    // A local stream socket connects at once or not at all (EAGAIN: systemd's backlog is full).
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        log::error("free use: cannot reach the session service at {}: {}", path, std::strerror(errno));
        ::close(fd);
        return -1;
    }
    return fd;
}

bool isSocket(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
}

bool executable(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

bool inPath(const std::string& program) {
    for (const char* dir : {"/usr/bin/", "/bin/", "/usr/local/bin/"})
        if (executable(dir + program)) return true;
    return false;
}

} // namespace

RunnerBrowser::RunnerBrowser(RunnerBrowserOptions options) : options_(std::move(options)) {}

RunnerBrowser::~RunnerBrowser() {
    // The service ends and wipes the session when the connection closes, so a kiosk that stops
    // leaves no session behind even if it never called stop().
    closeConnection();
}

std::string RunnerBrowser::unavailable(const RunnerBrowserOptions& options, const std::string& runner) {
    if (!executable(runner)) return "the session runner " + runner + " is not installed";
    // The runner's browser (its --browser default): Debian's chromium, a Recommends of the package.
    if (!executable(options.browser)) return "the browser " + options.browser + " is not installed";
    if (options.serviceCommand.empty() && !isSocket(options.serviceSocket))
        return "the session service's socket " + options.serviceSocket + " is missing (dps-free-use.socket)";
    if (options.waylandSocket.empty() || !isSocket(options.waylandSocket))
        return "the kiosk does not run in the free-use compositor (no Wayland socket)";
    if (!options.inputWatch.empty() && options.inputWatch.front().find('/') == std::string::npos &&
        !inPath(options.inputWatch.front()))
        return options.inputWatch.front() + " is not installed (it tells the visitor's input)";
    return {};
}

bool RunnerBrowser::start(const StartPage& page) {
    if (fd_ >= 0) return false; // one session at a time
    service_.reset();           // the last session's service, which closed the connection as it ended
    const StartAddress address = startAddress(page, options_.startPageFile);
    if (address.tilesLeftOut > 0)
        log::warning("free use: {} start page tile(s) left out: the address would be longer than {} characters",
                     address.tilesLeftOut, kStartAddressMax);
    const auto request = requestLine(address.url, options_.waylandSocket);
    if (!request) {
        log::error("free use: the Wayland socket's path cannot be sent to the session service");
        return false;
    }
    received_.clear();
    stopAsked_ = endNoticed_ = reported_ = closedByVisitor_ = false;
    report_.reset();
    if (options_.serviceCommand.empty()) {
        fd_ = connectTo(options_.serviceSocket);
    } else {
        int pair[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) return false;
        try {
            service_ = std::make_unique<Child>(options_.serviceCommand, std::vector<std::string>{}, pair[1], pair[1]);
        } catch (const std::exception& e) {
            log::error("free use: {}", e.what());
            ::close(pair[0]);
            ::close(pair[1]);
            return false;
        }
        ::close(pair[1]);
        fd_ = pair[0];
        ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
    }
    if (fd_ < 0) return false;
    // A line this short fits an empty socket's buffer whole: anything less is a failure.
    const ssize_t n = ::send(fd_, request->data(), request->size(), MSG_NOSIGNAL);
    if (n != static_cast<ssize_t>(request->size())) {
        log::error("free use: cannot send the request to the session service");
        closeConnection();
        service_.reset();
        return false;
    }
    if (!options_.inputWatch.empty()) {
        try {
            input_ = std::make_unique<InputWatch>(
                options_.inputWatch,
                std::vector<std::string>{"PATH=/usr/bin:/bin", "WAYLAND_DISPLAY=" + options_.waylandSocket});
        } catch (const std::exception& e) {
            // The session goes on; the idle rule ends it when nobody answers "Are you still there?".
            log::error("free use: no input watch: {}", e.what());
        }
    }
    return true;
}

void RunnerBrowser::stop() {
    stopAsked_ = true;
    input_.reset();
    // Half-closed: the service reads the end of its request stream (Finish) and still writes the
    // report back.
    if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

BrowserNews RunnerBrowser::poll() {
    BrowserNews news;
    readService();
    if (input_) news.input = input_->input();
    if (report_ && !stopAsked_ && !endNoticed_) {
        // The session ended by itself (the visitor closed the browser, it kept crashing, the
        // service refused or failed): the flow ends it and calls stop(), then gets the report.
        endNoticed_ = true;
        (closedByVisitor_ ? news.closed : news.crashed) = true;
    }
    if (report_ && stopAsked_ && !reported_) {
        reported_ = true;
        news.wiped = report_;
        if (service_ && service_->ended()) service_.reset();
    }
    if (service_ && reported_ && service_->ended()) service_.reset();
    return news;
}

void RunnerBrowser::readService() {
    if (fd_ < 0) return;
    char buffer[1024];
    for (;;) {
        const ssize_t n = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
        if (n <= 0) return finish(n < 0 ? std::string("the connection failed: ") + std::strerror(errno) : "");
        received_.append(buffer, static_cast<std::size_t>(n));
        if (received_.size() > kReportMax) return finish("the service wrote more than a report");
    }
}

void RunnerBrowser::finish(const std::string& problem) {
    closeConnection();
    ServiceReport parsed = parseServiceReport(received_);
    if (!problem.empty() && parsed.problem.empty()) parsed.problem = problem;
    received_.clear();
    const WipeReport wipe = wipeReportOf(parsed);
    // Counts only: the report holds nothing the visitor did.
    if (!parsed.error.empty()) log::error("free use: the session service refused: {}", parsed.error);
    if (!parsed.problem.empty()) log::error("free use: the session service's report: {}", parsed.problem);
    log::info("free use: session ended ({}), exit {}, browser starts {}, processes ended {}, files wiped {}, "
              "survivors {}: wipe {}",
              parsed.ended.empty() ? "no report" : parsed.ended, parsed.exit, parsed.browserStarts,
              parsed.processesEnded, parsed.filesWiped, parsed.survivors, wipe.verified ? "verified" : "NOT verified");
    closedByVisitor_ = parsed.ended == "closed" && parsed.problem.empty();
    report_ = wipe;
}

void RunnerBrowser::closeConnection() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

} // namespace dps::kiosk::browser
