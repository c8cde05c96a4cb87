#pragma once
#include "../core/eid/CardCheck.h"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace dps::kiosk {

// Runs the e-ID check again and again on its own thread while the e-ID screen is open, so that
// plugging a reader in or inserting a card moves on by itself. pcsc-lite is waited on in short
// slices, never indefinitely (pcsc-lite 1.9.9 races when a long wait is cancelled).
class EidWatcher {
public:
    EidWatcher(std::unique_ptr<eid::SmartCardService> service, std::function<void()> wake);
    EidWatcher(const EidWatcher&) = delete;
    EidWatcher& operator=(const EidWatcher&) = delete;
    ~EidWatcher();

    void setActive(bool active);
    // The newest result not yet taken, if its verdict or steps changed.
    std::optional<eid::CheckReport> take();

private:
    void loop();

    std::unique_ptr<eid::SmartCardService> service_;
    std::function<void()> wake_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool active_ = false, quit_ = false;
    std::optional<eid::CheckReport> fresh_;
    std::optional<eid::Outcome> lastVerdict_;
    std::size_t lastSteps_ = 0;
    std::thread thread_;
};

} // namespace dps::kiosk
