#pragma once
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dps::test {

// The test's end of the kiosk's --speech-capture pipe (issue 21): a named pipe made in a test's
// folder, read on a thread of its own; every line the kiosk said ("say LANG TEXT", "stop"), in
// order. Made before the kiosk starts, so the kiosk's open finds a reader.
class SpeechPipe {
public:
    explicit SpeechPipe(std::filesystem::path path);
    SpeechPipe(const SpeechPipe&) = delete;
    SpeechPipe& operator=(const SpeechPipe&) = delete;
    ~SpeechPipe();

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::vector<std::string> lines() const;
    [[nodiscard]] std::size_t count() const { return lines().size(); }
    // The first line after the first `after` that satisfies ok; fails the test (and returns "")
    // after the timeout, listing what was heard.
    std::string next(std::size_t after, const std::function<bool(const std::string&)>& ok, const std::string& what,
                     std::chrono::milliseconds timeout = std::chrono::seconds(8));
    // The first "say" line after the first `after`.
    std::string nextSaid(std::size_t after, const std::string& what);
    // Everything heard, a line each, for failure messages.
    [[nodiscard]] std::string joined() const;

private:
    void read();

    std::filesystem::path path_;
    int fd_ = -1;
    std::atomic<bool> quit_{false};
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
    std::thread reader_;
};

} // namespace dps::test
