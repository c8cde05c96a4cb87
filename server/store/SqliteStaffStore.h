#pragma once
// StaffStore on server.db's staff_users, staff_sessions and staff_devices tables.
#include "server/store/ServerDb.h"
#include "server/store/ports/StaffStore.h"

namespace dps::server {

class SqliteStaffStore : public StaffStore {
public:
    explicit SqliteStaffStore(ServerDb& db) : db_(db) {}

    bool accountExists(std::string_view username) override;
    bool dpsExists(std::int64_t dpsId) override;
    bool addAccount(const NewStaffAccount& account) override;
    bool removeAccount(std::string_view username) override;
    bool setPassword(std::string_view username, std::string_view passwordHash, std::string_view at) override;
    std::vector<StaffUser> accounts() override;
    void setLanguage(std::int64_t userId, std::string_view language) override;

    std::optional<StaffCredentials> credentials(std::string_view username) override;
    std::optional<std::string> knownDevice(std::string_view deviceHash, std::string_view username,
                                           std::string_view usedAfter) override;
    void openSession(const NewStaffSession& session) override;
    std::optional<StoredSession> findSession(std::string_view tokenHash) override;
    void touchSession(std::string_view tokenHash, std::string_view at) override;
    void endSession(std::string_view tokenHash) override;
    void purgeExpired(std::string_view createdBefore, std::string_view seenBefore,
                      std::string_view devicesUsedBefore) override;

private:
    ServerDb& db_;
};

} // namespace dps::server
