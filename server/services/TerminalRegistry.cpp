#include "server/services/TerminalRegistry.h"

#include "dps/core/Timestamp.h"
#include "dps/storage/Transaction.h"
#include "server/core/EnrollmentCode.h"
#include "server/store/Secrets.h"

#include <fmt/core.h>

namespace dps::server {

NewTerminal TerminalRegistry::add(std::int64_t dpsId, std::chrono::seconds validFor) {
    const WallTime now = clock_.wall();
    return db_.with([&](storage::Database& d) {
        storage::Transaction tx(d);
        NewTerminal t;
        t.dpsId = dpsId;
        auto dps = d.prepare("SELECT name FROM dps WHERE id = ?1");
        dps.bind(1, dpsId);
        if (!dps.step()) throw AdminError(fmt::format("there is no DPS {} ('dps-server dps list' shows them)", dpsId));
        t.dpsName = dps.text(0);
        // Short sequential ids: staff read them on the phone; what authenticates is the token.
        auto next = d.prepare("SELECT coalesce(max(CAST(substr(id, 3) AS INTEGER)), 0) + 1 FROM terminals");
        next.step();
        t.id = fmt::format("T-{:06}", next.integer(0));
        const auto random = randomBytes(kEnrollmentCodeBytes);
        t.code =
            formatEnrollmentCode(std::span<const std::uint8_t, kEnrollmentCodeBytes>(random.data(), random.size()));
        t.expires = now + validFor;
        d.prepare("INSERT INTO terminals (id, dps_id, state, created_at) VALUES (?1, ?2, 'pending', ?3)")
            .bind(1, std::string_view(t.id))
            .bind(2, dpsId)
            .bind(3, std::string_view(toIsoUtc(now)))
            .run();
        d.prepare(
             "INSERT INTO enrollment_codes (code_hash, terminal_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)")
            .bind(1, std::string_view(sha256Hex(*normaliseEnrollmentCode(t.code))))
            .bind(2, std::string_view(t.id))
            .bind(3, std::string_view(toIsoUtc(now)))
            .bind(4, std::string_view(toIsoUtc(t.expires)))
            .run();
        tx.commit();
        return t;
    });
}

void TerminalRegistry::revoke(const std::string& terminalId) {
    const std::string now = toIsoUtc(clock_.wall());
    db_.with([&](storage::Database& d) {
        storage::Transaction tx(d);
        auto q = d.prepare("SELECT state FROM terminals WHERE id = ?1");
        q.bind(1, std::string_view(terminalId));
        if (!q.step())
            throw AdminError(
                fmt::format("there is no terminal {} ('dps-server terminal list' shows them)", terminalId));
        if (q.text(0) == "revoked") return; // already: nothing to change, not an error
        // The token hash stays so that the terminal hears 403 (revoked), not 401 (unknown).
        d.prepare("UPDATE terminals SET state = 'revoked', revoked_at = ?2 WHERE id = ?1")
            .bind(1, std::string_view(terminalId))
            .bind(2, std::string_view(now))
            .run();
        tx.commit();
    });
}

std::vector<TerminalRow> TerminalRegistry::list() {
    return db_.with([&](storage::Database& d) {
        auto q = d.prepare(R"sql(
SELECT t.id, t.dps_id, p.name, t.state, h.received_at, t.last_usage_at, t.agent_version
FROM terminals t JOIN dps p ON p.id = t.dps_id LEFT JOIN heartbeats h ON h.terminal_id = t.id
ORDER BY t.id)sql");
        std::vector<TerminalRow> rows;
        auto optional = [&](int column) { return q.isNull(column) ? std::nullopt : std::optional(q.text(column)); };
        while (q.step())
            rows.push_back({q.text(0), q.integer(1), q.text(2), q.text(3), optional(4), optional(5), optional(6)});
        return rows;
    });
}

} // namespace dps::server
