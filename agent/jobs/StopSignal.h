#pragma once
// A stop request shared by the agent's loops: each sleeps on it, so SIGTERM wakes every loop at
// once instead of waiting out a five-minute interval.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace dps::agent {

class StopSignal {
public:
    void request() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
    }
    [[nodiscard]] const std::atomic<bool>& flag() const { return stop_; }
    [[nodiscard]] bool requested() const { return stop_; }
    // Sleeps for d, or less if a stop is requested; returns true when it was.
    template <class Rep, class Period> bool sleepFor(std::chrono::duration<Rep, Period> d) {
        std::unique_lock lock(mutex_);
        return wake_.wait_for(lock, d, [this] { return stop_.load(); });
    }

private:
    std::mutex mutex_;
    std::condition_variable wake_;
    std::atomic<bool> stop_{false};
};

} // namespace dps::agent
