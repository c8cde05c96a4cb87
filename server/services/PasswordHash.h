#pragma once
// Staff passwords as server.db keeps them: Argon2id in libsodium's crypto_pwhash_str format
// ("$argon2id$v=19$m=…,t=…,p=1$salt$hash"), which carries its own salt and parameters, so that
// raising the cost later only needs needsRehash() at the next login.
#include <optional>
#include <string>
#include <string_view>

namespace dps::server {

// Throws std::runtime_error when libsodium cannot start or the memory cannot be had.
[[nodiscard]] std::string hashPassword(std::string_view password);

// Whether password matches hash. Without a hash (no such user) a dummy hash made with the same
// parameters is checked instead and false returned: the answer takes as long either way, so the
// time it takes does not tell which usernames exist.
[[nodiscard]] bool verifyPassword(const std::optional<std::string>& hash, std::string_view password);

// True when hash is not Argon2id with today's parameters (an older cost, or not ours at all).
[[nodiscard]] bool needsRehash(const std::string& hash);

// Makes the dummy hash now rather than at the first unknown name (whose answer would otherwise
// take twice as long, and tell).
void preparePasswordHashing();

} // namespace dps::server
