#pragma once
// Whose data a dashboard request may read: a region account all DPS, a dps account its own.
// Every query of the dashboard takes one, so no page or export can forget the restriction.
#include <cstdint>
#include <optional>
#include <string>

namespace dps::server {

struct Scope {
    std::optional<std::int64_t> dpsId; // nullopt: every DPS (region staff)
    // Only the DPS of one municipality (as dps.municipality holds it): a municipality's report.
    std::optional<std::string> municipality;
};

} // namespace dps::server
