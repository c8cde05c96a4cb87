#include "server/services/UsageMonths.h"

#include <nlohmann/json.hpp>

namespace dps::server {
namespace {

template <class F> void flatten(const nlohmann::json& j, const std::string& path, F&& leaf) {
    for (const auto& [key, value] : j.items()) {
        const std::string name = path.empty() ? key : path + "." + key;
        if (value.is_object())
            flatten(value, name, leaf);
        else if (value.is_number_integer())
            leaf(name, value.template get<std::int64_t>());
    }
}

} // namespace

void UsageMonthsDelta::add(std::int64_t dpsId, std::string_view date, std::string_view counters, int sign) {
    const std::string month(date.substr(0, 7));
    flatten(nlohmann::json::parse(counters), "", [&](const std::string& metric, std::int64_t v) {
        deltas_[{dpsId, month, metric}] += sign * v;
    });
}

std::vector<UsageMonthDelta> UsageMonthsDelta::deltas() const {
    std::vector<UsageMonthDelta> out;
    for (const auto& [key, delta] : deltas_) {
        if (delta == 0) continue;
        const auto& [dps, month, metric] = key;
        out.push_back({dps, month, metric, delta});
    }
    return out;
}

} // namespace dps::server
