#include "server/core/ConcurrencyLimit.h"

#include <algorithm>

namespace dps::server {

ConcurrencyLimit::ConcurrencyLimit(std::size_t limit) : limit_(std::max<std::size_t>(limit, 1)) {}

ConcurrencyLimit::Slot::~Slot() {
    if (owner_) owner_->giveBack();
}

std::optional<ConcurrencyLimit::Slot> ConcurrencyLimit::tryTake() {
    std::lock_guard lock(mutex_);
    if (inUse_ >= limit_) return std::nullopt;
    ++inUse_;
    return std::optional<Slot>(std::in_place, *this);
}

std::size_t ConcurrencyLimit::inUse() const {
    std::lock_guard lock(mutex_);
    return inUse_;
}

void ConcurrencyLimit::giveBack() {
    std::lock_guard lock(mutex_);
    --inUse_;
}

} // namespace dps::server
