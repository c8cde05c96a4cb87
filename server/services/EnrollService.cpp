#include "server/services/EnrollService.h"

#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"
#include "dps/protocol/EnrollJson.h"
#include "server/core/EnrollmentCode.h"
#include "server/store/Secrets.h"

#include <optional>

namespace dps::server {
namespace {

// One answer for every code that does not work, whatever the reason: telling an unknown code from
// a used, expired or revoked one would tell anyone trying codes which ones exist (issue 17). The
// reason goes to the server's log, where the administrator who made the code can read it.
ApiError unknownCode() {
    return {401,
            "unknown_code",
            "this enrollment code does not work (mistyped, used already, expired or revoked): check it, or ask for a "
            "new one",
            "",
            {}};
}

} // namespace

Result<Enrolled> EnrollService::enroll(std::string_view body) {
    auto parsed = protocol::parseEnrollRequest(body);
    if (auto* e = std::get_if<protocol::BodyError>(&parsed)) return fromBodyError(*e);
    const auto& request = std::get<protocol::EnrollRequest>(parsed);
    const auto canonical = normaliseEnrollmentCode(request.code);
    if (!canonical) return unknownCode();
    const std::string codeHash = sha256Hex(*canonical);
    const WallTime now = clock_.wall();

    std::optional<Enrolled> enrolled;
    terminals_.redeemCode(codeHash, [&](const EnrollmentCodeState& code) -> std::optional<Activation> {
        if (code.terminalRevoked) {
            log::info("enroll: the code of {} was tried, a revoked terminal", code.terminalId);
            return std::nullopt;
        }
        if (code.used) {
            log::info("enroll: the code of {} was tried again, used already", code.terminalId);
            return std::nullopt;
        }
        const auto expires = fromIsoUtc(code.expiresAt);
        if (!expires || now >= *expires) {
            log::info("enroll: the code of {} was tried, expired", code.terminalId);
            return std::nullopt;
        }
        enrolled = Enrolled{code.terminalId, newBearerToken()};
        return Activation{toIsoUtc(now), sha256Hex(enrolled->token), request.agentVersion};
    });
    if (!enrolled) return unknownCode();
    return *enrolled;
}

} // namespace dps::server
