#pragma once
// A staff account as the dashboard's login and sessions and the command line's user commands see it
// (docs/staff-accounts.md). In the core: the services and the storage port (StaffStore) both speak
// of it, and it holds nothing but plain values.
#include "server/core/StaffRole.h"

#include <cstdint>
#include <optional>
#include <string>

namespace dps::server {

struct StaffUser {
    std::int64_t id = 0;
    std::string username;
    Role role = Role::Dps;
    std::optional<std::int64_t> dpsId; // set exactly for Role::Dps
    std::string language;              // fr, nl, en
    // What the command line lists besides (StaffAccounts::list and add fill them; a session does not).
    std::optional<std::string> dpsName;
    std::string createdAt, passwordChangedAt;
};

} // namespace dps::server
