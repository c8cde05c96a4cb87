#pragma once
#include <optional>
#include <string_view>

namespace dps::kiosk {

// What the kiosk is doing now, as it tells the Region: dps-agent reads it from kiosk.db into the
// heartbeat's "kiosk" (docs/protocol.md) and the dashboard's terminals show it, so staff see a
// call for help or free use stopped without walking to the terminal. States and counts only:
// nothing of the visitor, their language or what they do.
enum class KioskActivity { Idle, Visit, FreeUse, OutOfOrder };

struct KioskState {
    KioskActivity activity = KioskActivity::Idle;
    int minutesLeft = 0;                 // FreeUse: until the session's end, whole minutes rounded up
    std::optional<int> helpAskedMinutes; // FreeUse: a call for help waits since, whole minutes
    bool freeUseStopped = false;         // free use off after a wipe not verified
    bool operator==(const KioskState&) const = default;
};

// The heartbeat's codes: idle, visit, free_use, out_of_order.
constexpr std::string_view code(KioskActivity a) {
    switch (a) {
    case KioskActivity::Idle: return "idle";
    case KioskActivity::Visit: return "visit";
    case KioskActivity::FreeUse: return "free_use";
    case KioskActivity::OutOfOrder: return "out_of_order";
    }
    return "idle";
}

} // namespace dps::kiosk
