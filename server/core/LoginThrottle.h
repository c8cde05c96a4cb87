#pragma once
// Slows password guessing down without locking anyone out: failed logins are counted per account
// name and per client address; past a few free failures each further attempt waits a delay that
// doubles per failure (1 s, 2 s, 4 s…) up to a cap. A lockout would let anyone shut a staff member
// out by typing their name wrong on purpose; a capped delay costs the owner seconds and a guesser
// most of their guesses. No I/O: the clock is injected.
#include "dps/core/Clock.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace dps::server {

struct LoginThrottleLimits {
    std::int64_t freeFailures = 3;
    std::chrono::seconds maxDelay{300};
    // A key with no failure for this long is forgotten (its count starts again from zero).
    std::chrono::seconds forgetAfter{3600};
    // The most names and addresses tracked together; past it the key with the fewest failures
    // goes first (the quietest of them).
    std::size_t maxKeys = 10'000;
};

struct LoginDecision {
    bool allowed = true;
    // When refused: whole seconds until this name from this address may try again (at least 1).
    std::chrono::seconds retryAfter{0};
};

class LoginThrottle {
public:
    LoginThrottle(const Clock& clock, LoginThrottleLimits limits);

    // May this name try a password from this address now? When allowed, the attempt is counted
    // as a failure at once, so that parallel attempts cannot all slip through while the first
    // password is being checked; succeeded() takes it back. A refused attempt counts nothing.
    // The name is compared case-insensitively (as server.db compares usernames). Thread-safe.
    LoginDecision attempt(std::string_view account, std::string_view address);
    // The password was right: the account's count starts again from zero, and the address's
    // count loses the failure attempt() gave it (the address keeps its earlier ones, so that
    // knowing one password does not reset the guessing of others).
    void succeeded(std::string_view account, std::string_view address);

    // Keys tracked now (for tests of the bound).
    [[nodiscard]] std::size_t trackedKeys() const;

private:
    struct Entry {
        std::int64_t failures = 0;
        SteadyTime lastFailure{};
    };
    [[nodiscard]] std::chrono::steady_clock::duration waitFor(const Entry& e, SteadyTime now) const;
    Entry* find(const std::string& key, SteadyTime now);
    void countFailure(const std::string& key, SteadyTime now);
    void makeRoom(SteadyTime now);

    const Clock& clock_;
    LoginThrottleLimits limits_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_; // "n:" + lower-case name, "a:" + address
};

} // namespace dps::server
