#pragma once
// A staff account as the dashboard's login and sessions and the command line's user commands see it
// (docs/staff-accounts.md).
#include "dps/storage/StorageError.h"
#include "server/core/StaffRole.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

// The role as read from server.db's staff_users.role. server.db's CHECK allows only region and
// dps; anything else (a file a newer dps-server changed) is refused with the account's name
// rather than read as some role: a StorageError, which the commands report as they do a damaged file.
[[nodiscard]] inline Role roleFromDb(std::string_view text, std::string_view username) {
    if (const auto role = parseRole(text)) return *role;
    throw storage::StorageError("server.db: the staff account " + std::string(username) + " has the role '" +
                                std::string(text) + "', which this dps-server does not know (region or dps)");
}

} // namespace dps::server
