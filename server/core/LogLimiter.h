#pragma once
// At most a few lines a minute of one kind of warning. A throttled login or enrollment attempt
// costs its sender nothing, so a warning per attempt let one client write thousands of lines a
// minute (issue 17: 7,800 in 3 minutes), burying what else the log says and filling the journal.
// The first `perMinute` lines of each minute are written; the first one written after some were
// left out says how many. No I/O: the caller writes the line; the clock is injected.
#include "dps/core/Clock.h"

#include <cstdint>
#include <mutex>

namespace dps::server {

struct LogAdmission {
    bool write = false;
    // When write: how many lines of this kind were left out since the last one written.
    std::int64_t leftOut = 0;
};

class LogLimiter {
public:
    LogLimiter(const Clock& clock, std::int64_t perMinute);
    // Thread-safe.
    [[nodiscard]] LogAdmission admit();

private:
    const Clock& clock_;
    const std::int64_t perMinute_;
    std::mutex mutex_;
    SteadyTime windowStart_{};
    bool started_ = false;
    std::int64_t written_ = 0;
    std::int64_t leftOut_ = 0;
};

} // namespace dps::server
