#pragma once
#include "kiosk/adapters/facilitator/AdminPin.h"
#include "kiosk/adapters/facilitator/FacilitatorDirectory.h"
#include "kiosk/core/KioskFlow.h"

#include <functional>
#include <future>
#include <optional>
#include <string>
#include <thread>

namespace dps::kiosk {

// Checks a facilitator PIN against the hashes on a thread of its own: Argon2id is slow on
// purpose (about 0.1 s a facilitator), and the screen must not freeze meanwhile.
class FacilitatorUnlocker {
public:
    // admin: the administrator's PIN for the maintenance exit; nullptr: no maintenance exit.
    FacilitatorUnlocker(FacilitatorDirectory& directory, std::function<void()> wake, AdminPin* admin = nullptr)
        : directory_(directory), wake_(std::move(wake)), admin_(admin) {}
    FacilitatorUnlocker(const FacilitatorUnlocker&) = delete;
    FacilitatorUnlocker& operator=(const FacilitatorUnlocker&) = delete;
    ~FacilitatorUnlocker();
    // Reads the hashes here (the UI thread owns the database) and checks them there.
    void check(UnlockRequest request);
    // The answer once it is there: the facilitator's name (AdminPin::kName for the
    // administrator's PIN), or nullopt for a wrong PIN.
    std::optional<std::optional<std::string>> take();

private:
    FacilitatorDirectory& directory_;
    std::function<void()> wake_;
    AdminPin* admin_;
    std::future<std::optional<std::string>> pending_;
    std::thread worker_;
};

} // namespace dps::kiosk
