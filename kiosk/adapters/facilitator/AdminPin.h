#pragma once
#include "dps/core/Clock.h"
#include "dps/storage/Database.h"

#include <optional>
#include <string>
#include <string_view>

namespace dps::kiosk {

// The administrator's PIN of this terminal in kiosk.db (one row): it allows the maintenance exit,
// which closes the kiosk for good until the session is started again. Stored as facilitator PINs
// are: a libsodium crypto_pwhash_str hash (Argon2id), never the PIN itself.
class AdminPin {
public:
    static constexpr std::size_t kMinDigits = 6, kMaxDigits = 12;
    static constexpr const char* kName = "administrator"; // who the unlocker names when it matches

    explicit AdminPin(storage::Database& db) : db_(db) {}
    // Throws std::invalid_argument (not 6 to 12 digits).
    void set(std::string_view pin, WallTime now);
    // false when there was none.
    bool clear();
    // The hash, read on the UI thread so the slow check can run on another one; nullopt: no
    // administrator PIN, so no maintenance exit.
    [[nodiscard]] std::optional<std::string> hash();

private:
    storage::Database& db_;
};

} // namespace dps::kiosk
