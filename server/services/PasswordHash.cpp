#include "server/services/PasswordHash.h"

#include "server/store/Secrets.h"

#include <sodium.h>

#include <stdexcept>

namespace dps::server {
namespace {

// libsodium's "interactive" cost (2 passes over 64 MiB, about 50-100 ms on a small server):
// what its authors advise for online logins. A stolen server.db still costs a guesser that much
// per guess and per account, while a login stays quick and a few parallel ones fit in memory
// (StaffAuth checks at most dashboard.login_hashes_at_once at once). The "moderate" cost
// (256 MiB, ~0.7 s) would make every login slow and let a handful of concurrent attempts exhaust a
// small VM's memory.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
constexpr std::string_view kArgon2idPrefix = "$argon2id$";

void startSodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
}

const std::string& dummyHash() {
    // A random password nobody knows, hashed like a real one (thread-safe static init).
    static const std::string hash = hashPassword(newBearerToken());
    return hash;
}

} // namespace

std::string hashPassword(std::string_view password) {
    startSodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("not enough memory to hash the password (Argon2id needs 64 MiB)");
    return out;
}

bool verifyPassword(const std::optional<std::string>& hash, std::string_view password) {
    startSodium();
    const std::string& against = hash ? *hash : dummyHash();
    const bool matches = crypto_pwhash_str_verify(against.c_str(), password.data(), password.size()) == 0;
    return hash.has_value() && matches;
}

bool needsRehash(const std::string& hash) {
    startSodium();
    // crypto_pwhash_str_needs_rehash compares the parameters only: an Argon2i hash with the same
    // cost would pass it, so the algorithm is checked first.
    if (!std::string_view(hash).starts_with(kArgon2idPrefix)) return true;
    return crypto_pwhash_str_needs_rehash(hash.c_str(), kOpsLimit, kMemLimit) != 0;
}

void preparePasswordHashing() { (void)dummyHash(); }

} // namespace dps::server
