#pragma once
// The staff who may log in to the dashboard (dps-server user add/remove/list/passwd,
// docs/staff-accounts.md): a Region account sees every DPS, a DPS account only its own.
// Requests that cannot be done throw AdminError with a message that says why and what to do.
#include "dps/core/Clock.h"
#include "server/core/StaffUser.h"
#include "server/services/TerminalRegistry.h" // AdminError
#include "server/store/ports/StaffStore.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dps::server {

// Passwords: at least 12 characters, at most 256, nothing else asked (docs/staff-accounts.md).
inline constexpr std::size_t kMinPasswordChars = 12;
inline constexpr std::size_t kMaxPasswordChars = 256;

// What is wrong with each, as a sentence for staff; nullopt when it is fine.
[[nodiscard]] std::optional<std::string> usernameProblem(std::string_view username);
[[nodiscard]] std::optional<std::string> passwordProblem(std::string_view password);
[[nodiscard]] std::optional<std::string> languageProblem(std::string_view language);

class StaffAccounts {
public:
    StaffAccounts(StaffStore& store, const Clock& clock) : store_(store), clock_(clock) {}

    // Everything add() checks but the password, so that a command can refuse before asking for one.
    void checkNew(std::string_view username, std::string_view role, std::optional<std::int64_t> dpsId,
                  std::string_view language);
    StaffUser add(std::string_view username, std::string_view role, std::optional<std::int64_t> dpsId,
                  std::string_view password, std::string_view language = "fr");
    // Also ends the account's sessions.
    void remove(std::string_view username);
    // Ends the account's sessions: whoever was logged in with the old password is out.
    void setPassword(std::string_view username, std::string_view password);
    // Throws AdminError when there is no such account.
    void requireExists(std::string_view username);
    [[nodiscard]] std::vector<StaffUser> list();

private:
    StaffStore& store_;
    const Clock& clock_;
};

} // namespace dps::server
