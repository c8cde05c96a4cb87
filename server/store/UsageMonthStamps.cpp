#include "server/store/UsageMonthStamps.h"

#include <algorithm>

namespace dps::server {

void UsageMonthStamps::changed(const std::set<std::string>& months) {
    if (months.empty()) return;
    std::lock_guard lock(mutex_);
    ++counter_;
    for (const auto& m : months)
        months_[m] = counter_;
}

std::uint64_t UsageMonthStamps::stamp(const std::string& from, const std::string& to) const {
    std::lock_guard lock(mutex_);
    std::uint64_t latest = 0;
    for (auto it = months_.lower_bound(from); it != months_.end() && it->first <= to; ++it)
        latest = std::max(latest, it->second);
    return latest;
}

} // namespace dps::server
