#pragma once
// TerminalStore on server.db's terminals and enrollment_codes tables (with the DPS names and the
// latest heartbeats they are listed with).
#include "server/store/ServerDb.h"
#include "server/store/ports/TerminalStore.h"

namespace dps::server {

class SqliteTerminalStore : public TerminalStore {
public:
    explicit SqliteTerminalStore(ServerDb& db) : db_(db) {}
    std::optional<AddedTerminal> addPending(std::int64_t dpsId, std::string_view codeHash, std::string_view createdAt,
                                            std::string_view expiresAt) override;
    Revocation revoke(std::string_view terminalId, std::string_view at) override;
    std::vector<TerminalRow> list() override;
    std::optional<TerminalCredential> findByTokenHash(std::string_view tokenHash) override;
    void redeemCode(std::string_view codeHash,
                    const std::function<std::optional<Activation>(const EnrollmentCodeState&)>& decide) override;

private:
    ServerDb& db_;
};

} // namespace dps::server
