#include "server/store/SqliteTerminalStore.h"

#include "dps/storage/Transaction.h"

#include <fmt/core.h>

namespace dps::server {

std::optional<AddedTerminal> SqliteTerminalStore::addPending(std::int64_t dpsId, std::string_view codeHash,
                                                             std::string_view createdAt, std::string_view expiresAt) {
    return db_.with([&](storage::Database& d) -> std::optional<AddedTerminal> {
        storage::Transaction tx(d);
        AddedTerminal t;
        auto dps = d.prepare("SELECT name FROM dps WHERE id = ?1");
        dps.bind(1, dpsId);
        if (!dps.step()) return std::nullopt;
        t.dpsName = dps.text(0);
        auto next = d.prepare("SELECT coalesce(max(CAST(substr(id, 3) AS INTEGER)), 0) + 1 FROM terminals");
        next.step();
        t.id = fmt::format("T-{:06}", next.integer(0));
        d.prepare("INSERT INTO terminals (id, dps_id, state, created_at) VALUES (?1, ?2, 'pending', ?3)")
            .bind(1, std::string_view(t.id))
            .bind(2, dpsId)
            .bind(3, createdAt)
            .run();
        d.prepare(
             "INSERT INTO enrollment_codes (code_hash, terminal_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)")
            .bind(1, codeHash)
            .bind(2, std::string_view(t.id))
            .bind(3, createdAt)
            .bind(4, expiresAt)
            .run();
        tx.commit();
        return t;
    });
}

Revocation SqliteTerminalStore::revoke(std::string_view terminalId, std::string_view at) {
    return db_.with([&](storage::Database& d) {
        storage::Transaction tx(d);
        auto q = d.prepare("SELECT state FROM terminals WHERE id = ?1");
        q.bind(1, terminalId);
        if (!q.step()) return Revocation::NoSuchTerminal;
        if (q.text(0) == "revoked") return Revocation::AlreadyRevoked;
        d.prepare("UPDATE terminals SET state = 'revoked', revoked_at = ?2 WHERE id = ?1")
            .bind(1, terminalId)
            .bind(2, at)
            .run();
        tx.commit();
        return Revocation::Revoked;
    });
}

std::vector<TerminalRow> SqliteTerminalStore::list() {
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

std::optional<TerminalCredential> SqliteTerminalStore::findByTokenHash(std::string_view tokenHash) {
    return db_.with([&](storage::Database& d) -> std::optional<TerminalCredential> {
        auto q = d.prepare("SELECT id, dps_id, state, token_hash FROM terminals WHERE token_hash = ?1");
        q.bind(1, tokenHash);
        if (!q.step()) return std::nullopt;
        return TerminalCredential{{q.text(0), q.integer(1)}, q.text(3), q.text(2) == "revoked"};
    });
}

void SqliteTerminalStore::redeemCode(
    std::string_view codeHash, const std::function<std::optional<Activation>(const EnrollmentCodeState&)>& decide) {
    db_.with([&](storage::Database& d) {
        storage::Transaction tx(d);
        auto q = d.prepare(R"sql(
SELECT c.terminal_id, c.expires_at, c.used_at, t.state
FROM enrollment_codes c JOIN terminals t ON t.id = c.terminal_id WHERE c.code_hash = ?1)sql");
        q.bind(1, codeHash);
        if (!q.step()) return;
        const EnrollmentCodeState code{q.text(0), q.text(1), !q.isNull(2), q.text(3) == "revoked"};
        const auto activation = decide(code);
        if (!activation) return;
        d.prepare("UPDATE enrollment_codes SET used_at = ?2 WHERE code_hash = ?1")
            .bind(1, codeHash)
            .bind(2, std::string_view(activation->at))
            .run();
        d.prepare("UPDATE terminals SET state = 'active', enrolled_at = ?2, token_hash = ?3, agent_version = ?4 "
                  "WHERE id = ?1")
            .bind(1, std::string_view(code.terminalId))
            .bind(2, std::string_view(activation->at))
            .bind(3, std::string_view(activation->tokenHash))
            .bind(4, std::string_view(activation->agentVersion))
            .run();
        tx.commit();
    });
}

} // namespace dps::server
