#include "server/services/EnrollService.h"

#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"
#include "dps/protocol/BoundedJson.h"
#include "dps/storage/Transaction.h"
#include "server/core/EnrollmentCode.h"
#include "server/store/Secrets.h"

#include <nlohmann/json.hpp>

namespace dps::server {
namespace {

struct EnrollBody {
    std::string code;
    std::string agentVersion;
};

ApiError violation(std::string path, std::string message) {
    return {422, "schema_violation", std::move(message), std::move(path), {}};
}

Result<EnrollBody> parseEnrollBody(std::string_view body) {
    nlohmann::json doc;
    try {
        doc = protocol::parseBoundedJson(body);
    } catch (const protocol::JsonTooDeep& e) {
        return violation("", "is nested deeper than " + std::to_string(e.limit) + " levels");
    } catch (const nlohmann::json::exception& e) { // parse_error, out_of_range (1e999)
        return fromBodyError(protocol::malformedJson(e));
    }
    if (!doc.is_object()) return violation("", "must be an object");
    for (const auto& [key, _] : doc.items())
        if (key != "code" && key != "agent_version")
            return violation("/" + pointerToken(key), "is not a field of an enrollment");
    EnrollBody out;
    for (const auto& [name, field] : {std::pair{"code", &out.code}, std::pair{"agent_version", &out.agentVersion}}) {
        const auto it = doc.find(name);
        if (it == doc.end()) return violation(std::string("/") + name, "is missing");
        if (!it->is_string()) return violation(std::string("/") + name, "must be a string");
        *field = it->get<std::string>();
        if (field->size() > 64) return violation(std::string("/") + name, "must be at most 64 characters");
    }
    return out;
}

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
    auto parsed = parseEnrollBody(body);
    if (auto* e = std::get_if<ApiError>(&parsed)) return *e;
    const auto& request = std::get<EnrollBody>(parsed);
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
