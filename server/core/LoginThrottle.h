#pragma once
// Slows password guessing down without handing anyone a way to lock a staff member out. Failed
// logins are counted under several keys; past a key's free failures each further attempt under it
// waits a delay that doubles per failure (1 s, 2 s, 4 s…) up to a cap. The keys are chosen so that
// a guesser's failures slow the guesser, not the account's owner (issue 17):
//
// - from a browser the account has logged in from before (a known-device cookie, shown by the
//   caller as knownDevice): that device's own failures only. Nobody else's failures, however many
//   and from wherever, ever slow the owner on their own browser; a stolen device cookie gives a
//   guesser one throttled key, no more.
// - from any other browser: the name from this client (a guesser at one address slows only
//   themselves), the client whatever the name (one password tried on many accounts), and the name
//   from every unknown browser together, with more free failures (nameFreeFailures): guessing from
//   thousands of addresses still goes slowly, and what it costs is that a browser the account never
//   used may have to wait, not the owner's.
//
// A client is its address as clientKey() reads it (an IPv6 /64 is one client). A throttled attempt
// is answered at once and counts nothing. No I/O: the clock is injected.
#include "dps/core/Clock.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace dps::server {

struct LoginThrottleLimits {
    // Failures allowed under a name from one client, under a client, under a known device.
    std::int64_t freeFailures = 3;
    // Failures allowed under a name from every browser it does not know, together.
    std::int64_t nameFreeFailures = 30;
    std::chrono::seconds maxDelay{300};
    // A key with no failure for this long is forgotten (its count starts again from zero).
    std::chrono::seconds forgetAfter{3600};
    // The most keys tracked together; past it the key with the fewest failures goes first (the
    // quietest of them).
    std::size_t maxKeys = 10'000;
};

// Who tries to log in.
struct LoginAttempt {
    std::string_view account; // the name typed (compared case-insensitively, as server.db does)
    std::string_view address; // the client's address
    // The browser's known-device cookie, when it is one of this account's (an id of it, not the
    // cookie): nullopt for any other browser.
    std::optional<std::string_view> knownDevice;
};

struct LoginDecision {
    bool allowed = true;
    // When refused: whole seconds until this attempt may be made again (at least 1).
    std::chrono::seconds retryAfter{0};
};

class LoginThrottle {
public:
    LoginThrottle(const Clock& clock, LoginThrottleLimits limits);

    // May this attempt be made now? When allowed, it is counted as a failure at once under each of
    // its keys, so that parallel attempts cannot all slip through while the first password is
    // checked; succeeded() or cancelled() takes it back. Thread-safe.
    LoginDecision attempt(const LoginAttempt& who);
    // The password was right: the device's, or the name-from-this-client's, count starts again
    // from zero; the client's and the name's shared counts lose this attempt's failure only (a
    // right password does not wipe out a guesser's failures elsewhere).
    void succeeded(const LoginAttempt& who);
    // The password was not checked after all (the server was too busy): the attempt counts nothing.
    void cancelled(const LoginAttempt& who);

    // Keys tracked now (for tests of the bound).
    [[nodiscard]] std::size_t trackedKeys() const;

private:
    struct Entry {
        std::int64_t failures = 0;
        SteadyTime lastFailure{};
    };
    struct Key {
        std::string text;
        std::int64_t freeFailures = 0;
    };
    struct Keys {
        Key keys[3];
        std::size_t count = 0;
    };
    [[nodiscard]] Keys keysOf(const LoginAttempt& who) const;
    [[nodiscard]] std::chrono::steady_clock::duration waitFor(const Entry& e, std::int64_t freeFailures,
                                                              SteadyTime now) const;
    Entry* find(const std::string& key, SteadyTime now);
    void countFailure(const std::string& key, SteadyTime now);
    void uncount(const std::string& key, SteadyTime now);
    void makeRoom(SteadyTime now);

    const Clock& clock_;
    LoginThrottleLimits limits_;
    mutable std::mutex mutex_;
    // "d:" device, "c:" client + name, "a:" client, "n:" name (names in lower case).
    std::unordered_map<std::string, Entry> entries_;
};

} // namespace dps::server
