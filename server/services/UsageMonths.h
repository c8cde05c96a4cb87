#pragma once
// Keeps usage_months, the days' counters summed per DPS and month, as a batch of days is
// applied: each day's counters are flattened to dotted metrics (the names migration 3 gives
// json_tree's paths) and added, a replaced day's old counters taken away, and the batch's sums
// written once per metric rather than once per day.
#include "dps/storage/Database.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

namespace dps::server {

class UsageMonthsDelta {
public:
    // counters: a usage_days.counters text (canonical JSON); sign +1 to add a day, -1 to remove one.
    void add(std::int64_t dpsId, std::string_view date, std::string_view counters, int sign);
    // Adds the deltas to usage_months (inside the caller's transaction).
    void apply(storage::Database& db) const;
    // The months whose sums apply() changes.
    [[nodiscard]] std::set<std::string> months() const;

private:
    std::map<std::tuple<std::int64_t, std::string, std::string>, std::int64_t> deltas_;
};

} // namespace dps::server
