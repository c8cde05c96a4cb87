#include "kiosk/app/EidWatcher.h"

#include "kiosk/adapters/eid/CpuTraces.h"

#include "dps/log/Log.h"

#include <algorithm>
#include <utility>

namespace dps::kiosk {
namespace {

constexpr std::size_t kKept = 8;

} // namespace

EidWatcher::EidWatcher(std::unique_ptr<eid::SmartCardService> service,
                       std::unique_ptr<const eid::CertificateVerifier> certificates, std::function<void()> wake,
                       Options options)
    : service_(std::move(service)), certificates_(std::move(certificates)), wake_(std::move(wake)),
      options_(std::move(options)), thread_([this] { loop(); }) {}

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
        restart_ = active; // a new visit to the screen checks from scratch
        if (!active) {
            fresh_.clear();
            pinResult_.reset();
            pinBlock_.reset();
            pinRequested_ = false;
        }
    }
    cv_.notify_all();
}

void EidWatcher::recheck() {
    {
        const std::lock_guard lock(mutex_);
        recheck_ = true;
    }
    cv_.notify_all();
}

void EidWatcher::requestPinTest(std::optional<eid::PinBlock> block, std::string reader, std::string language) {
    {
        const std::lock_guard lock(mutex_);
        pinBlock_.reset();
        if (block) pinBlock_.emplace(std::move(*block));
        pinReader_ = std::move(reader);
        pinLanguage_ = std::move(language);
        pinRequested_ = true;
    }
    cv_.notify_all();
}

std::optional<EidDelivery> EidWatcher::take() {
    const std::lock_guard lock(mutex_);
    if (fresh_.empty()) return std::nullopt;
    EidDelivery d = std::move(fresh_.front());
    fresh_.pop_front();
    return d;
}

std::optional<eid::PinTestResult> EidWatcher::takePinResult() {
    const std::lock_guard lock(mutex_);
    return std::exchange(pinResult_, std::nullopt);
}

void EidWatcher::loop() {
    using namespace std::chrono;
    std::unique_lock lock(mutex_);
    bool needCheck = true;
    milliseconds backoff{0};
    steady_clock::time_point changeSeen = steady_clock::now();
    while (!quit_) {
        cv_.wait(lock, [this] { return quit_ || active_; });
        if (quit_) break;
        if (std::exchange(restart_, false)) {
            needCheck = true;
            backoff = milliseconds{0};
            changeSeen = steady_clock::now();
        }
        if (pinRequested_) {
            pinRequested_ = false;
            std::optional<eid::PinBlock> block;
            if (pinBlock_) block.emplace(std::move(*pinBlock_));
            pinBlock_.reset();
            const std::string reader = pinReader_, language = pinLanguage_;
            lock.unlock();
            const eid::PinTestResult result = eid::runPinTest(*service_, reader, block ? &*block : nullptr, language);
            block.reset();
            eid::wipeCpuTraces(); // the PIN block went through registers and frames too
            lock.lock();
            if (active_) {
                pinResult_ = result;
                lock.unlock();
                if (wake_) wake_();
                lock.lock();
            }
            needCheck = true; // the tries left may have changed
            changeSeen = steady_clock::now();
            continue;
        }
        if (std::exchange(recheck_, false)) {
            needCheck = true;
            changeSeen = steady_clock::now();
        }
        if (needCheck) {
            needCheck = false;
            lock.unlock();
            const auto started = steady_clock::now();
            eid::CheckReport report = eid::runCardCheck(
                *service_, eid::CheckContext{floor<seconds>(system_clock::now()), *certificates_, options_.reader});
            eid::wipeCpuTraces(); // the card's files went through registers and frames
            const auto took = duration_cast<microseconds>(steady_clock::now() - started);
            lock.lock();
            if (!active_ || restart_) continue;
            backoff = report.verdict == eid::Outcome::ServiceUnavailable
                          ? std::min(options_.maxBackoff, std::max(options_.slice, backoff * 2))
                          : milliseconds{0};
            // A UI that could not keep up needs only the latest few.
            if (fresh_.size() >= kKept) fresh_.pop_front();
            fresh_.push_back(EidDelivery{std::move(report), changeSeen, took});
            lock.unlock();
            if (wake_) wake_();
            lock.lock();
            continue;
        }
        if (backoff > milliseconds{0}) {
            cv_.wait_for(lock, backoff, [this] { return quit_ || !active_ || pinRequested_ || recheck_ || restart_; });
            needCheck = true;
            changeSeen = steady_clock::now();
            continue;
        }
        lock.unlock();
        const bool changed = service_->waitForChange(options_.slice);
        const auto seen = steady_clock::now();
        lock.lock();
        if (changed) {
            log::debug("e-ID: pcscd reports a reader or card change");
            needCheck = true;
            changeSeen = seen;
        }
    }
}

} // namespace dps::kiosk
