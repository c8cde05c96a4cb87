#include "server/services/TerminalRegistry.h"

#include "dps/core/Timestamp.h"
#include "server/core/EnrollmentCode.h"
#include "server/store/Secrets.h"

#include <fmt/core.h>

namespace dps::server {

NewTerminal TerminalRegistry::add(std::int64_t dpsId, std::chrono::seconds validFor) {
    const WallTime now = clock_.wall();
    NewTerminal t;
    t.dpsId = dpsId;
    const auto random = randomBytes(kEnrollmentCodeBytes);
    t.code = formatEnrollmentCode(std::span<const std::uint8_t, kEnrollmentCodeBytes>(random.data(), random.size()));
    t.expires = now + validFor;
    const auto added =
        store_.addPending(dpsId, sha256Hex(*normaliseEnrollmentCode(t.code)), toIsoUtc(now), toIsoUtc(t.expires));
    if (!added) throw AdminError(fmt::format("there is no DPS {} ('dps-server dps list' shows them)", dpsId));
    t.id = added->id;
    t.dpsName = added->dpsName;
    return t;
}

void TerminalRegistry::revoke(const std::string& terminalId) {
    // Revoking a revoked terminal changes nothing and is not an error.
    if (store_.revoke(terminalId, toIsoUtc(clock_.wall())) == Revocation::NoSuchTerminal)
        throw AdminError(fmt::format("there is no terminal {} ('dps-server terminal list' shows them)", terminalId));
}

std::vector<TerminalRow> TerminalRegistry::list() { return store_.list(); }

} // namespace dps::server
