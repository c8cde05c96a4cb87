#pragma once
#include "dps/core/Clock.h"
#include "dps/storage/Database.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dps::kiosk {

// The facilitators of this terminal in kiosk.db: a name and a slow salted hash of the PIN
// (libsodium's crypto_pwhash_str: Argon2id, with its "interactive" cost). The PIN itself is never
// stored, logged or returned.
class FacilitatorDirectory {
public:
    explicit FacilitatorDirectory(storage::Database& db);

    struct Facilitator {
        std::string name;
        std::string createdAt;
    };
    struct Hash {
        std::string name, hash;
    };

    // Throws std::invalid_argument (name empty or taken, PIN not 4 to 12 digits).
    void add(std::string_view name, std::string_view pin, WallTime now);
    // false when there is nobody of that name.
    bool remove(std::string_view name);
    [[nodiscard]] std::vector<Facilitator> list();
    // Names and hashes, read on the UI thread so the slow check can run on another one.
    [[nodiscard]] std::vector<Hash> hashes();

    // Whose PIN this is, checking each hash in turn (slow on purpose); thread-safe, no database.
    static std::optional<std::string> whose(const std::vector<Hash>& hashes, std::string_view pin);
    static std::string hashPin(std::string_view pin);
    static bool verify(const std::string& hash, std::string_view pin);

private:
    storage::Database& db_;
};

} // namespace dps::kiosk
