#pragma once
#include "kiosk/core/eid/CardCheck.h"
#include "kiosk/core/eid/PinTest.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace dps::kiosk {

// A check result as the watcher hands it over, with when it started: the benchmark measures
// from the moment pcscd told us of the card to the moment the verdict is on screen.
struct EidDelivery {
    eid::CheckReport report;
    std::chrono::steady_clock::time_point changeSeen; // pcscd reported the change that led to it
    std::chrono::microseconds checkTook{0};
};

// Runs the e-ID check on its own thread while the e-ID screen is open: once when the screen
// opens, then each time pcscd reports a reader or card change, so plugging a reader in or
// inserting a card moves on by itself. pcsc-lite is waited on in bounded slices, never
// indefinitely (pcsc-lite 1.9.9 races when a long wait is cancelled). When the card service is
// down it tries again with a growing delay (0.5 s up to 4 s). PIN tests run on the same thread,
// so the card sees one program at a time.
class EidWatcher {
public:
    struct Options {
        std::string reader; // empty: the reader with a card in it
        std::chrono::milliseconds slice{500};
        std::chrono::milliseconds maxBackoff{4000};
    };

    EidWatcher(std::unique_ptr<eid::SmartCardService> service,
               std::unique_ptr<const eid::CertificateVerifier> certificates, std::function<void()> wake,
               Options options);
    EidWatcher(const EidWatcher&) = delete;
    EidWatcher& operator=(const EidWatcher&) = delete;
    ~EidWatcher();

    void setActive(bool active);
    void recheck();
    // Runs the PIN test next; block empty: on the reader's keypad.
    void requestPinTest(std::optional<eid::PinBlock> block, std::string reader, std::string language);
    // The oldest result not yet taken: every verdict reaches the screen in order (a pulled card's
    // "leave it in" must not be overtaken by the "no card" that follows it at once).
    std::optional<EidDelivery> take();
    std::optional<eid::PinTestResult> takePinResult();

private:
    void loop();

    std::unique_ptr<eid::SmartCardService> service_;
    std::unique_ptr<const eid::CertificateVerifier> certificates_;
    std::function<void()> wake_;
    Options options_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool active_ = false, quit_ = false, restart_ = false, recheck_ = false;
    bool pinRequested_ = false;
    std::optional<eid::PinBlock> pinBlock_;
    std::string pinReader_, pinLanguage_;
    std::deque<EidDelivery> fresh_;
    std::optional<eid::PinTestResult> pinResult_;
    std::thread thread_;
};

} // namespace dps::kiosk
