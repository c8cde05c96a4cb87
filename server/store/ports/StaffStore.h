#pragma once
// Where the staff accounts, their password hashes, their login sessions and their known browsers
// are kept (docs/staff-accounts.md). StaffAuth and StaffAccounts see the storage through this
// only. Tokens are passed as their SHA-256 (hex) and times as ISO 8601 UTC text: the store never
// sees a cookie's value, and compares times as text as server.db always has.
#include "server/core/StaffRole.h"
#include "server/core/StaffUser.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dps::server {

// What a login needs of an account: who it is and the password hash to check.
struct StaffCredentials {
    StaffUser user;
    std::string passwordHash;
};

// What a successful login writes.
struct NewStaffSession {
    std::int64_t userId = 0;
    std::string tokenHash;  // the session cookie's
    std::string csrfToken;  // the session's form token, kept as it is
    std::string deviceHash; // the known-device cookie's (its own again, or a new one)
    std::string at;         // created, last seen, the device last used
    int devicesKept = 0;    // the account's most recently used devices kept; the others are forgotten
    // Set when the password's hash was made with weaker parameters: the new one to keep.
    std::optional<std::string> rehashedPassword;
};

// A session as stored, with its account.
struct StoredSession {
    std::string tokenHash;
    std::string csrfToken;
    std::string createdAt, lastSeenAt;
    StaffUser user; // without dpsName, createdAt, passwordChangedAt
};

// A new account, its password already hashed.
struct NewStaffAccount {
    std::string username;
    Role role = Role::Dps;
    std::optional<std::int64_t> dpsId;
    std::string passwordHash;
    std::string language;
    std::string at; // created and password changed
};

class StaffStore {
public:
    virtual ~StaffStore() = default;

    // Accounts. Usernames compare without regard to case, as logins do.
    [[nodiscard]] virtual bool accountExists(std::string_view username) = 0;
    [[nodiscard]] virtual bool dpsExists(std::int64_t dpsId) = 0;
    // Adds it unless an account of that name exists already (checked at once with the adding):
    // false then, and nothing is written.
    [[nodiscard]] virtual bool addAccount(const NewStaffAccount& account) = 0;
    // Removes the account, its sessions and its known devices, all or nothing; false when there
    // is no such account.
    [[nodiscard]] virtual bool removeAccount(std::string_view username) = 0;
    // Sets the password's hash and when it changed, and ends the account's sessions and forgets
    // its devices, all or nothing; false when there is no such account.
    [[nodiscard]] virtual bool setPassword(std::string_view username, std::string_view passwordHash,
                                           std::string_view at) = 0;
    // Every account by username, with its DPS's name, when it was created and its password changed.
    [[nodiscard]] virtual std::vector<StaffUser> accounts() = 0;
    virtual void setLanguage(std::int64_t userId, std::string_view language) = 0;

    // Logins and sessions.
    [[nodiscard]] virtual std::optional<StaffCredentials> credentials(std::string_view username) = 0;
    // The stored hash of the device deviceHash when it is a device of the account username used
    // after usedAfter (the caller compares it in constant time).
    [[nodiscard]] virtual std::optional<std::string> knownDevice(std::string_view deviceHash, std::string_view username,
                                                                 std::string_view usedAfter) = 0;
    // Keeps the device (or its new last use), forgets the account's devices beyond devicesKept,
    // rehashes the password when asked, and adds the session.
    virtual void openSession(const NewStaffSession& session) = 0;
    [[nodiscard]] virtual std::optional<StoredSession> findSession(std::string_view tokenHash) = 0;
    virtual void touchSession(std::string_view tokenHash, std::string_view at) = 0;
    virtual void endSession(std::string_view tokenHash) = 0;
    // Ends the sessions created or last seen at or before the times given, and forgets the devices
    // last used at or before devicesUsedBefore.
    virtual void purgeExpired(std::string_view createdBefore, std::string_view seenBefore,
                              std::string_view devicesUsedBefore) = 0;
};

} // namespace dps::server
