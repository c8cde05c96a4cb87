#include "server/core/LoginThrottle.h"

#include "server/core/ClientKey.h"

#include <algorithm>

namespace dps::server {
namespace {

// Longer names are no username (64 at most): a cut keeps a flood of long names from using memory
// while still counting them all under one key each.
constexpr std::size_t kMaxKeyChars = 128;

std::string lowerName(std::string_view account) {
    std::string name;
    for (const char c : account.substr(0, kMaxKeyChars))
        name += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return name;
}

} // namespace

LoginThrottle::LoginThrottle(const Clock& clock, LoginThrottleLimits limits) : clock_(clock), limits_(limits) {
    limits_.freeFailures = std::max<std::int64_t>(limits_.freeFailures, 0);
    limits_.nameFreeFailures = std::max<std::int64_t>(limits_.nameFreeFailures, 0);
    limits_.maxDelay = std::max(limits_.maxDelay, std::chrono::seconds(1));
    // Forgetting a key before its delay is over would make the delay free to skip.
    limits_.forgetAfter = std::max(limits_.forgetAfter, limits_.maxDelay);
    limits_.maxKeys = std::max<std::size_t>(limits_.maxKeys, 3);
}

LoginThrottle::Keys LoginThrottle::keysOf(const LoginAttempt& who) const {
    Keys k;
    if (who.knownDevice) {
        k.keys[k.count++] = {"d:" + std::string(who.knownDevice->substr(0, kMaxKeyChars)), limits_.freeFailures};
        return k;
    }
    const std::string name = lowerName(who.account), client = clientKey(who.address);
    // A newline is in no name and no address: the pair cannot be mistaken for another.
    k.keys[k.count++] = {"c:" + client + "\n" + name, limits_.freeFailures};
    k.keys[k.count++] = {"a:" + client, limits_.freeFailures};
    k.keys[k.count++] = {"n:" + name, limits_.nameFreeFailures};
    return k;
}

std::chrono::steady_clock::duration LoginThrottle::waitFor(const Entry& e, std::int64_t freeFailures,
                                                           SteadyTime now) const {
    if (e.failures < freeFailures) return {};
    // 1 s after the last free failure, doubling per failure after it; the shift is bounded so it
    // cannot overflow however long a guesser keeps going.
    const std::int64_t doublings = std::min<std::int64_t>(e.failures - freeFailures, 30);
    const auto delay = std::min(std::chrono::seconds(std::int64_t{1} << doublings), limits_.maxDelay);
    const auto readyAt = e.lastFailure + delay;
    return readyAt > now ? readyAt - now : std::chrono::steady_clock::duration{};
}

LoginThrottle::Entry* LoginThrottle::find(const std::string& key, SteadyTime now) {
    const auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    if (now - it->second.lastFailure >= limits_.forgetAfter) {
        entries_.erase(it);
        return nullptr;
    }
    return &it->second;
}

void LoginThrottle::makeRoom(SteadyTime now) {
    std::erase_if(entries_, [&](const auto& kv) { return now - kv.second.lastFailure >= limits_.forgetAfter; });
    // Still full (a flood from many addresses or names): the key with the fewest failures goes,
    // the quietest of them first. Flooding keys have few failures each, so they push out one
    // another, not a name that is being guessed (whose own delay keeps its last failure old).
    while (entries_.size() >= limits_.maxKeys) {
        const auto oldest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
            if (a.second.failures != b.second.failures) return a.second.failures < b.second.failures;
            return a.second.lastFailure < b.second.lastFailure;
        });
        entries_.erase(oldest);
    }
}

void LoginThrottle::countFailure(const std::string& key, SteadyTime now) {
    Entry* e = find(key, now);
    if (e == nullptr) {
        if (entries_.size() >= limits_.maxKeys) makeRoom(now);
        e = &entries_[key];
    }
    ++e->failures;
    e->lastFailure = now;
}

void LoginThrottle::uncount(const std::string& key, SteadyTime now) {
    if (Entry* e = find(key, now))
        if (--e->failures <= 0) entries_.erase(key);
}

LoginDecision LoginThrottle::attempt(const LoginAttempt& who) {
    const SteadyTime now = clock_.steady();
    const Keys keys = keysOf(who);
    std::lock_guard lock(mutex_);
    std::chrono::steady_clock::duration wait{};
    for (std::size_t i = 0; i < keys.count; ++i)
        if (const Entry* e = find(keys.keys[i].text, now))
            wait = std::max(wait, waitFor(*e, keys.keys[i].freeFailures, now));
    if (wait > std::chrono::steady_clock::duration{}) {
        const auto seconds = std::chrono::ceil<std::chrono::seconds>(wait);
        return {false, std::max(seconds, std::chrono::seconds(1))};
    }
    for (std::size_t i = 0; i < keys.count; ++i)
        countFailure(keys.keys[i].text, now);
    return {};
}

void LoginThrottle::succeeded(const LoginAttempt& who) {
    const SteadyTime now = clock_.steady();
    const Keys keys = keysOf(who);
    std::lock_guard lock(mutex_);
    // The first key is the device's, or the name's from this client: the owner's own count.
    entries_.erase(keys.keys[0].text);
    for (std::size_t i = 1; i < keys.count; ++i)
        uncount(keys.keys[i].text, now);
}

void LoginThrottle::cancelled(const LoginAttempt& who) {
    const SteadyTime now = clock_.steady();
    const Keys keys = keysOf(who);
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < keys.count; ++i)
        uncount(keys.keys[i].text, now);
}

std::size_t LoginThrottle::trackedKeys() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

} // namespace dps::server
