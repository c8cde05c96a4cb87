#include "EidWatcher.h"

#include <chrono>

namespace dps::kiosk {

EidWatcher::EidWatcher(std::unique_ptr<eid::SmartCardService> service, std::function<void()> wake)
    : service_(std::move(service)), wake_(std::move(wake)), thread_([this] { loop(); }) {}

EidWatcher::~EidWatcher() {
    {
        const std::lock_guard lock(mutex_);
        quit_ = true;
    }
    cv_.notify_all();
    thread_.join();
}

void EidWatcher::setActive(bool active) {
    {
        const std::lock_guard lock(mutex_);
        if (active == active_) return;
        active_ = active;
        if (!active) {
            lastVerdict_.reset(); // a new visit to the screen reports from scratch
            fresh_.reset();
        }
    }
    cv_.notify_all();
}

std::optional<eid::CheckReport> EidWatcher::take() {
    const std::lock_guard lock(mutex_);
    auto r = std::move(fresh_);
    fresh_.reset();
    return r;
}

void EidWatcher::loop() {
    using namespace std::chrono;
    std::unique_lock lock(mutex_);
    while (!quit_) {
        cv_.wait(lock, [this] { return quit_ || active_; });
        if (quit_) break;
        lock.unlock();
        const auto today = year_month_day{floor<days>(system_clock::now())};
        eid::CheckReport report = eid::runCardCheck(*service_, today);
        lock.lock();
        if (!active_) continue;
        const bool changed = !lastVerdict_ || *lastVerdict_ != report.verdict || lastSteps_ != report.steps.size();
        if (changed) {
            lastVerdict_ = report.verdict;
            lastSteps_ = report.steps.size();
            fresh_ = std::move(report);
            lock.unlock();
            if (wake_) wake_();
            lock.lock();
        }
        // Look again shortly: pcscd itself polls readers every 400 ms.
        cv_.wait_for(lock, milliseconds(500), [this] { return quit_ || !active_; });
    }
}

} // namespace dps::kiosk
