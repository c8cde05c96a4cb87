#include "kiosk/adapters/facilitator/AdminPin.h"

#include "dps/core/Timestamp.h"
#include "kiosk/adapters/facilitator/FacilitatorDirectory.h"

#include <stdexcept>

namespace dps::kiosk {

void AdminPin::set(std::string_view pin, WallTime now) {
    bool digits = pin.size() >= kMinDigits && pin.size() <= kMaxDigits;
    for (const char c : pin)
        digits = digits && c >= '0' && c <= '9';
    if (!digits) throw std::invalid_argument("the administrator PIN has 6 to 12 digits");
    db_.prepare("INSERT INTO admin_pin (id, pin_hash, set_at) VALUES (1, ?1, ?2) "
                "ON CONFLICT (id) DO UPDATE SET pin_hash = excluded.pin_hash, set_at = excluded.set_at")
        .bind(1, std::string_view(FacilitatorDirectory::hashPin(pin)))
        .bind(2, std::string_view(toIsoUtc(now)))
        .run();
}

bool AdminPin::clear() {
    db_.prepare("DELETE FROM admin_pin").run();
    return db_.changes() > 0;
}

std::optional<std::string> AdminPin::hash() {
    auto st = db_.prepare("SELECT pin_hash FROM admin_pin WHERE id = 1");
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

} // namespace dps::kiosk
