#include "server/store/SqliteStaffStore.h"

#include "dps/storage/StorageError.h"
#include "dps/storage/Transaction.h"

namespace dps::server {
namespace {

// The role as read from server.db's staff_users.role. server.db's CHECK allows only region and
// dps; anything else (a file a newer dps-server changed) is refused with the account's name
// rather than read as some role: a StorageError, which the commands report as they do a damaged file.
Role roleFromDb(std::string_view text, std::string_view username) {
    if (const auto role = parseRole(text)) return *role;
    throw storage::StorageError("server.db: the staff account " + std::string(username) + " has the role '" +
                                std::string(text) + "', which this dps-server does not know (region or dps)");
}

std::optional<std::int64_t> userId(storage::Database& d, std::string_view username) {
    auto q = d.prepare("SELECT id FROM staff_users WHERE username = ?1");
    q.bind(1, username);
    return q.step() ? std::optional(q.integer(0)) : std::nullopt;
}

} // namespace

bool SqliteStaffStore::accountExists(std::string_view username) {
    return db_.with([&](storage::Database& d) { return userId(d, username).has_value(); });
}

bool SqliteStaffStore::dpsExists(std::int64_t dpsId) {
    return db_.with([&](storage::Database& d) {
        auto q = d.prepare("SELECT 1 FROM dps WHERE id = ?1");
        q.bind(1, dpsId);
        return q.step();
    });
}

bool SqliteStaffStore::addAccount(const NewStaffAccount& account) {
    return db_.with([&](storage::Database& d) {
        storage::Transaction tx(d);
        // Checked again inside the transaction: another command may have added it meanwhile.
        if (userId(d, account.username)) return false;
        auto insert = d.prepare("INSERT INTO staff_users (username, role, dps_id, password_hash, language, "
                                "created_at, password_changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
        insert.bind(1, std::string_view(account.username)).bind(2, roleName(account.role));
        if (account.dpsId)
            insert.bind(3, *account.dpsId);
        else
            insert.bindNull(3);
        insert.bind(4, std::string_view(account.passwordHash))
            .bind(5, std::string_view(account.language))
            .bind(6, std::string_view(account.at))
            .run();
        tx.commit();
        return true;
    });
}

bool SqliteStaffStore::removeAccount(std::string_view username) {
    return db_.with([&](storage::Database& d) {
        storage::Transaction tx(d);
        const auto id = userId(d, username);
        if (!id) return false;
        // Explicit rather than left to ON DELETE CASCADE, which needs foreign_keys on.
        d.prepare("DELETE FROM staff_sessions WHERE user_id = ?1").bind(1, *id).run();
        d.prepare("DELETE FROM staff_devices WHERE user_id = ?1").bind(1, *id).run();
        d.prepare("DELETE FROM staff_users WHERE id = ?1").bind(1, *id).run();
        tx.commit();
        return true;
    });
}

bool SqliteStaffStore::setPassword(std::string_view username, std::string_view passwordHash, std::string_view at) {
    return db_.with([&](storage::Database& d) {
        storage::Transaction tx(d);
        const auto id = userId(d, username);
        if (!id) return false;
        d.prepare("UPDATE staff_users SET password_hash = ?2, password_changed_at = ?3 WHERE id = ?1")
            .bind(1, *id)
            .bind(2, passwordHash)
            .bind(3, at)
            .run();
        d.prepare("DELETE FROM staff_sessions WHERE user_id = ?1").bind(1, *id).run();
        // Its known browsers too: one may be the browser of whoever learnt the old password.
        d.prepare("DELETE FROM staff_devices WHERE user_id = ?1").bind(1, *id).run();
        tx.commit();
        return true;
    });
}

std::vector<StaffUser> SqliteStaffStore::accounts() {
    return db_.with([&](storage::Database& d) {
        auto q = d.prepare("SELECT u.id, u.username, u.role, u.dps_id, p.name, u.language, u.created_at, "
                           "u.password_changed_at FROM staff_users u LEFT JOIN dps p ON p.id = u.dps_id "
                           "ORDER BY u.username");
        std::vector<StaffUser> rows;
        while (q.step()) {
            StaffUser a;
            a.id = q.integer(0);
            a.username = q.text(1);
            a.role = roleFromDb(q.text(2), a.username);
            if (!q.isNull(3)) a.dpsId = q.integer(3);
            if (!q.isNull(4)) a.dpsName = q.text(4);
            a.language = q.text(5);
            a.createdAt = q.text(6);
            a.passwordChangedAt = q.text(7);
            rows.push_back(std::move(a));
        }
        return rows;
    });
}

void SqliteStaffStore::setLanguage(std::int64_t userId, std::string_view language) {
    db_.with([&](storage::Database& d) {
        d.prepare("UPDATE staff_users SET language = ?2 WHERE id = ?1").bind(1, userId).bind(2, language).run();
    });
}

std::optional<StaffCredentials> SqliteStaffStore::credentials(std::string_view username) {
    return db_.with([&](storage::Database& d) -> std::optional<StaffCredentials> {
        auto q = d.prepare(
            "SELECT id, username, role, dps_id, language, password_hash FROM staff_users WHERE username = ?1");
        q.bind(1, username);
        if (!q.step()) return std::nullopt;
        return StaffCredentials{StaffUser{q.integer(0),
                                          q.text(1),
                                          roleFromDb(q.text(2), q.text(1)),
                                          q.isNull(3) ? std::nullopt : std::optional(q.integer(3)),
                                          q.text(4),
                                          std::nullopt,
                                          {},
                                          {}},
                                q.text(5)};
    });
}

std::optional<std::string> SqliteStaffStore::knownDevice(std::string_view deviceHash, std::string_view username,
                                                         std::string_view usedAfter) {
    return db_.with([&](storage::Database& d) -> std::optional<std::string> {
        // staff_users.username compares without regard to case (COLLATE NOCASE), as logins do.
        auto q = d.prepare("SELECT d.token_hash FROM staff_devices d JOIN staff_users u ON u.id = d.user_id "
                           "WHERE d.token_hash = ?1 AND u.username = ?2 AND d.last_used_at > ?3");
        q.bind(1, deviceHash).bind(2, username).bind(3, usedAfter);
        if (!q.step()) return std::nullopt;
        return q.text(0);
    });
}

void SqliteStaffStore::openSession(const NewStaffSession& session) {
    db_.with([&](storage::Database& d) {
        d.prepare("INSERT INTO staff_devices (token_hash, user_id, created_at, last_used_at) VALUES (?1, ?2, ?3, ?3) "
                  "ON CONFLICT (token_hash) DO UPDATE SET last_used_at = excluded.last_used_at")
            .bind(1, std::string_view(session.deviceHash))
            .bind(2, session.userId)
            .bind(3, std::string_view(session.at))
            .run();
        d.prepare("DELETE FROM staff_devices WHERE user_id = ?1 AND token_hash NOT IN (SELECT token_hash FROM "
                  "staff_devices WHERE user_id = ?1 ORDER BY last_used_at DESC LIMIT ?2)")
            .bind(1, session.userId)
            .bind(2, std::int64_t{session.devicesKept})
            .run();
        if (session.rehashedPassword)
            d.prepare("UPDATE staff_users SET password_hash = ?2 WHERE id = ?1")
                .bind(1, session.userId)
                .bind(2, std::string_view(*session.rehashedPassword))
                .run();
        d.prepare("INSERT INTO staff_sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?4)")
            .bind(1, std::string_view(session.tokenHash))
            .bind(2, session.userId)
            .bind(3, std::string_view(session.csrfToken))
            .bind(4, std::string_view(session.at))
            .run();
    });
}

std::optional<StoredSession> SqliteStaffStore::findSession(std::string_view tokenHash) {
    return db_.with([&](storage::Database& d) -> std::optional<StoredSession> {
        auto q = d.prepare("SELECT s.token_hash, s.csrf_token, s.created_at, s.last_seen_at, u.id, u.username, "
                           "u.role, u.dps_id, u.language FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id "
                           "WHERE s.token_hash = ?1");
        q.bind(1, tokenHash);
        if (!q.step()) return std::nullopt;
        return StoredSession{q.text(0), q.text(1), q.text(2), q.text(3),
                             StaffUser{q.integer(4),
                                       q.text(5),
                                       roleFromDb(q.text(6), q.text(5)),
                                       q.isNull(7) ? std::nullopt : std::optional(q.integer(7)),
                                       q.text(8),
                                       std::nullopt,
                                       {},
                                       {}}};
    });
}

void SqliteStaffStore::touchSession(std::string_view tokenHash, std::string_view at) {
    db_.with([&](storage::Database& d) {
        d.prepare("UPDATE staff_sessions SET last_seen_at = ?2 WHERE token_hash = ?1")
            .bind(1, tokenHash)
            .bind(2, at)
            .run();
    });
}

void SqliteStaffStore::endSession(std::string_view tokenHash) {
    db_.with([&](storage::Database& d) {
        d.prepare("DELETE FROM staff_sessions WHERE token_hash = ?1").bind(1, tokenHash).run();
    });
}

void SqliteStaffStore::purgeExpired(std::string_view createdBefore, std::string_view seenBefore,
                                    std::string_view devicesUsedBefore) {
    db_.with([&](storage::Database& d) {
        d.prepare("DELETE FROM staff_sessions WHERE created_at <= ?1 OR last_seen_at <= ?2")
            .bind(1, createdBefore)
            .bind(2, seenBefore)
            .run();
        d.prepare("DELETE FROM staff_devices WHERE last_used_at <= ?1").bind(1, devicesUsedBefore).run();
    });
}

} // namespace dps::server
