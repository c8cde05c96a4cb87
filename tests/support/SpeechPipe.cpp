#include "SpeechPipe.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace dps::test {

SpeechPipe::SpeechPipe(std::filesystem::path path) : path_(std::move(path)) {
    if (::mkfifo(path_.c_str(), 0600) != 0) throw std::runtime_error("mkfifo " + path_.string() + " failed");
    // Non-blocking: there is no writer yet.
    fd_ = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd_ < 0) throw std::runtime_error("cannot open " + path_.string());
    reader_ = std::thread([this] { read(); });
}

SpeechPipe::~SpeechPipe() {
    quit_ = true;
    reader_.join();
    ::close(fd_);
}

std::vector<std::string> SpeechPipe::lines() const {
    const std::lock_guard lock(mutex_);
    return lines_;
}

std::string SpeechPipe::next(std::size_t after, const std::function<bool(const std::string&)>& ok,
                             const std::string& what, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
        const auto all = lines();
        for (std::size_t i = after; i < all.size(); ++i)
            if (ok(all[i])) return all[i];
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "never heard " << what << "; heard:\n" << joined();
    return {};
}

std::string SpeechPipe::nextSaid(std::size_t after, const std::string& what) {
    return next(
        after, [](const std::string& l) { return l.starts_with("say "); }, what);
}

std::string SpeechPipe::joined() const {
    std::string out;
    for (const auto& l : lines())
        out += "  " + l + "\n";
    return out;
}

void SpeechPipe::read() {
    std::string partial;
    char buf[4096];
    while (!quit_) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        const ssize_t n = ::read(fd_, buf, sizeof buf);
        if (n <= 0) { // no writer (yet, or any more)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
        }
        partial.append(buf, static_cast<std::size_t>(n));
        for (std::size_t nl; (nl = partial.find('\n')) != std::string::npos; partial.erase(0, nl + 1)) {
            const std::lock_guard lock(mutex_);
            lines_.push_back(partial.substr(0, nl));
        }
    }
}

} // namespace dps::test
