#include "kiosk/app/FacilitatorUnlocker.h"

#include "dps/log/Log.h"
#include "dps/storage/StorageError.h"

#include <chrono>

namespace dps::kiosk {

FacilitatorUnlocker::~FacilitatorUnlocker() {
    if (worker_.joinable()) worker_.join();
}

void FacilitatorUnlocker::check(UnlockRequest request) {
    std::vector<FacilitatorDirectory::Hash> hashes;
    try {
        if (!request.administrator) {
            hashes = directory_.hashes();
        } else if (admin_) {
            // Only the administrator's PIN opens the maintenance exit, never a facilitator's.
            if (auto hash = admin_->hash()) hashes.push_back({AdminPin::kName, std::move(*hash)});
        }
    } catch (const storage::StorageError& e) {
        log::error("could not read the PINs: {}", e.what());
    }
    if (worker_.joinable()) worker_.join();
    std::promise<std::optional<std::string>> answer;
    pending_ = answer.get_future();
    worker_ = std::thread(
        [this, answer = std::move(answer), request = std::move(request), hashes = std::move(hashes)]() mutable {
            answer.set_value(FacilitatorDirectory::whose(hashes, request.pin.digits()));
            request.pin.clear();
            if (wake_) wake_(); // after the answer is there, so the UI finds it when it wakes
        });
}

std::optional<std::optional<std::string>> FacilitatorUnlocker::take() {
    if (!pending_.valid() || pending_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return std::nullopt;
    return pending_.get();
}

} // namespace dps::kiosk
