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

void UsageMonthsDelta::apply(storage::Database& db) const {
    auto upsert = db.prepare(R"sql(
INSERT INTO usage_months (dps_id, month, metric, value) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (dps_id, month, metric) DO UPDATE SET value = value + excluded.value)sql");
    for (const auto& [key, delta] : deltas_) {
        if (delta == 0) continue;
        const auto& [dps, month, metric] = key;
        upsert.reset();
        upsert.bind(1, dps).bind(2, std::string_view(month)).bind(3, std::string_view(metric)).bind(4, delta).run();
    }
}

std::set<std::string> UsageMonthsDelta::months() const {
    std::set<std::string> out;
    for (const auto& [key, delta] : deltas_)
        if (delta != 0) out.insert(std::get<1>(key));
    return out;
}

} // namespace dps::server
