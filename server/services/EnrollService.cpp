#include "server/services/EnrollService.h"

#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"
#include "dps/protocol/EnrollJson.h"
#include "dps/storage/Transaction.h"
#include "server/core/EnrollmentCode.h"
#include "server/store/Secrets.h"

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

    return db_.with([&](storage::Database& d) -> Result<Enrolled> {
        storage::Transaction tx(d);
        auto q = d.prepare(R"sql(
SELECT c.terminal_id, c.expires_at, c.used_at, t.state
FROM enrollment_codes c JOIN terminals t ON t.id = c.terminal_id WHERE c.code_hash = ?1)sql");
        q.bind(1, std::string_view(codeHash));
        if (!q.step()) return unknownCode();
        const std::string terminalId = q.text(0);
        if (q.text(3) == "revoked") {
            log::info("enroll: the code of {} was tried, a revoked terminal", terminalId);
            return unknownCode();
        }
        if (!q.isNull(2)) {
            log::info("enroll: the code of {} was tried again, used already", terminalId);
            return unknownCode();
        }
        const auto expires = fromIsoUtc(q.text(1));
        if (!expires || now >= *expires) {
            log::info("enroll: the code of {} was tried, expired", terminalId);
            return unknownCode();
        }

        Enrolled out{terminalId, newBearerToken()};
        const std::string at = toIsoUtc(now);
        d.prepare("UPDATE enrollment_codes SET used_at = ?2 WHERE code_hash = ?1")
            .bind(1, std::string_view(codeHash))
            .bind(2, std::string_view(at))
            .run();
        d.prepare("UPDATE terminals SET state = 'active', enrolled_at = ?2, token_hash = ?3, agent_version = ?4 "
                  "WHERE id = ?1")
            .bind(1, std::string_view(terminalId))
            .bind(2, std::string_view(at))
            .bind(3, std::string_view(sha256Hex(out.token)))
            .bind(4, std::string_view(request.agentVersion))
            .run();
        tx.commit();
        return out;
    });
}

} // namespace dps::server
