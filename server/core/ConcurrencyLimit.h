#pragma once
// At most `limit` of one costly thing at once, the rest told to come back rather than queued.
// Staff password checks are the case (issue 17): each Argon2id check holds a core and 64 MiB for
// tens of milliseconds, so logins from rotating addresses, each allowed by the throttle, could
// otherwise keep every core busy and starve the terminals' API. A queue would only move the wait
// into the HTTP threads, which the API needs too. Thread-safe.
#include <cstddef>
#include <mutex>
#include <optional>

namespace dps::server {

class ConcurrencyLimit {
public:
    explicit ConcurrencyLimit(std::size_t limit);

    // One of the places, given back when it is destroyed.
    class Slot {
    public:
        explicit Slot(ConcurrencyLimit& owner) : owner_(&owner) {}
        Slot(Slot&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
        Slot& operator=(Slot&&) = delete;
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;
        ~Slot();

    private:
        ConcurrencyLimit* owner_;
    };

    // A place when one is free now; nullopt when `limit` are taken.
    [[nodiscard]] std::optional<Slot> tryTake();
    [[nodiscard]] std::size_t inUse() const;
    [[nodiscard]] std::size_t limit() const { return limit_; }

private:
    void giveBack();

    const std::size_t limit_;
    mutable std::mutex mutex_;
    std::size_t inUse_ = 0;
};

} // namespace dps::server
