#pragma once
// Where terminals are kept with their enrollment codes and the hashes of their tokens: what staff
// add, list and revoke (TerminalRegistry), what an agent's code is traded for (EnrollService) and
// what a bearer token is checked against (TerminalAuth). Codes and tokens come in as SHA-256
// hashes only; timestamps as ISO 8601 UTC text.
#include "server/core/Terminal.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dps::server {

struct TerminalRow {
    std::string id;
    std::int64_t dpsId = 0;
    std::string dpsName;
    std::string state; // pending, active, revoked
    std::optional<std::string> lastHeartbeat, lastUsage, agentVersion;
};

struct AddedTerminal {
    std::string id; // T-000007: short and sequential, staff read it on the phone
    std::string dpsName;
};

// What a token hash was found with; the caller compares tokenHash itself, in constant time.
struct TerminalCredential {
    Terminal terminal;
    std::string tokenHash;
    bool revoked = false;
};

// An enrollment code as found, for the enroll rules to judge.
struct EnrollmentCodeState {
    std::string terminalId;
    std::string expiresAt; // as stored: the rules decide what an unreadable one means
    bool used = false;
    bool terminalRevoked = false;
};

// What a redeemed code makes of its terminal.
struct Activation {
    std::string at;
    std::string tokenHash;
    std::string agentVersion;
};

enum class Revocation { NoSuchTerminal, Revoked, AlreadyRevoked };

class TerminalStore {
public:
    virtual ~TerminalStore() = default;

    // In one transaction: a pending terminal of DPS dpsId under the next free id, created at
    // createdAt, and its enrollment code (codeHash), valid until expiresAt. Nothing when there is
    // no such DPS.
    [[nodiscard]] virtual std::optional<AddedTerminal> addPending(std::int64_t dpsId, std::string_view codeHash,
                                                                  std::string_view createdAt,
                                                                  std::string_view expiresAt) = 0;
    // Revoked at `at`; its token hash stays, so that the terminal hears it was revoked.
    virtual Revocation revoke(std::string_view terminalId, std::string_view at) = 0;
    // Every terminal with its DPS, latest heartbeat and latest usage, by id.
    [[nodiscard]] virtual std::vector<TerminalRow> list() = 0;

    // The terminal whose token has this hash.
    [[nodiscard]] virtual std::optional<TerminalCredential> findByTokenHash(std::string_view tokenHash) = 0;
    // Looks the code up and, in the same transaction, marks it used and activates its terminal
    // with what decide returns; decide returning nothing leaves both as they were. decide is not
    // called for an unknown code.
    virtual void redeemCode(std::string_view codeHash,
                            const std::function<std::optional<Activation>(const EnrollmentCodeState&)>& decide) = 0;
};

} // namespace dps::server
