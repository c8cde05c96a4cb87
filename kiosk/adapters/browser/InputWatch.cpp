#include "kiosk/adapters/browser/InputWatch.h"

#include <cerrno>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>

namespace dps::kiosk::browser {

std::vector<std::string> InputWatch::swayidle() {
    // Its commands run through sh, whose output is swayidle's: our pipe.
    return {"swayidle", "timeout", "1", "echo idle", "resume", "echo input"};
}

InputWatch::InputWatch(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error("cannot make a pipe for the input watch");
    try {
        child_ = std::make_unique<Child>(argv, env, -1, fds[1]);
    } catch (...) {
        ::close(fds[0]);
        ::close(fds[1]);
        throw;
    }
    ::close(fds[1]);
    fd_ = fds[0];
}

InputWatch::~InputWatch() {
    child_.reset();
    if (fd_ >= 0) ::close(fd_);
}

bool InputWatch::input() {
    bool seen = active_;
    char buffer[256];
    while (fd_ >= 0) {
        const ssize_t n = ::read(fd_, buffer, sizeof buffer);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) break;
        if (n <= 0) {
            ::close(fd_);
            fd_ = -1;
            break;
        }
        pending_.append(buffer, static_cast<std::size_t>(n));
        for (std::size_t eol; (eol = pending_.find('\n')) != std::string::npos; pending_.erase(0, eol + 1)) {
            const std::string line = pending_.substr(0, eol);
            if (line == "input") seen = active_ = true;
            if (line == "idle") active_ = false;
        }
        // Only "idle" and "input" are expected: anything else is dropped, never kept growing.
        if (pending_.size() > 64) pending_.clear();
    }
    return seen;
}

} // namespace dps::kiosk::browser
