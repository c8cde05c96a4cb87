#pragma once
// What a batch of days adds to usage_months, the days' counters summed per DPS and month: each
// day's counters are flattened to dotted metrics (the names migration 3 gives json_tree's paths)
// and added, a replaced day's old counters taken away, so that the batch's sums are written once
// per metric rather than once per day.
#include "server/store/ports/UsageStore.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace dps::server {

class UsageMonthsDelta {
public:
    // counters: a usage_days.counters text (canonical JSON); sign +1 to add a day, -1 to remove one.
    void add(std::int64_t dpsId, std::string_view date, std::string_view counters, int sign);
    // What to add to each sum, by DPS, month and metric; a sum that does not change is left out.
    [[nodiscard]] std::vector<UsageMonthDelta> deltas() const;

private:
    std::map<std::tuple<std::int64_t, std::string, std::string>, std::int64_t> deltas_;
};

} // namespace dps::server
