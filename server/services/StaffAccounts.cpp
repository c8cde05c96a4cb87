#include "server/services/StaffAccounts.h"

#include "dps/core/Timestamp.h"
#include "dps/storage/Transaction.h"
#include "server/services/PasswordHash.h"

#include <fmt/core.h>

namespace dps::server {
namespace {

constexpr std::size_t kMaxUsernameChars = 64;

bool usernameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '@' || c == '-';
}

// Characters as people count them: UTF-8 continuation bytes are not characters of their own.
std::size_t utf8Chars(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text)
        if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++n;
    return n;
}

std::optional<std::int64_t> userId(storage::Database& d, std::string_view username) {
    auto q = d.prepare("SELECT id FROM staff_users WHERE username = ?1");
    q.bind(1, username);
    return q.step() ? std::optional(q.integer(0)) : std::nullopt;
}

AdminError noSuchAccount(std::string_view username) {
    return AdminError(fmt::format("there is no staff account {} (dps-server user list shows them)", username));
}

} // namespace

std::optional<std::string> usernameProblem(std::string_view username) {
    if (username.empty() || username.size() > kMaxUsernameChars)
        return fmt::format("a username has 1 to {} characters", kMaxUsernameChars);
    for (const char c : username)
        if (!usernameChar(c)) return "a username has only letters A-Z, digits and . _ @ - (no spaces, no accents)";
    return std::nullopt;
}

std::optional<std::string> passwordProblem(std::string_view password) {
    const std::size_t chars = utf8Chars(password);
    if (chars < kMinPasswordChars)
        return fmt::format("a password has at least {} characters (this one has {}): a few words in a row make "
                           "a good one",
                           kMinPasswordChars, chars);
    if (chars > kMaxPasswordChars) return fmt::format("a password has at most {} characters", kMaxPasswordChars);
    return std::nullopt;
}

std::optional<std::string> languageProblem(std::string_view language) {
    if (language == "fr" || language == "nl" || language == "en") return std::nullopt;
    return fmt::format("the language must be fr, nl or en, not '{}'", language);
}

void StaffAccounts::checkNew(std::string_view username, std::string_view role, std::optional<std::int64_t> dpsId,
                             std::string_view language) {
    if (auto p = usernameProblem(username)) throw AdminError(*p);
    const auto parsed = parseRole(role);
    if (!parsed) throw AdminError(fmt::format("the role must be region (every DPS) or dps (one DPS), not '{}'", role));
    if (*parsed == Role::Region && dpsId)
        throw AdminError("a region account sees every DPS: leave --dps out (or use --role dps)");
    if (*parsed == Role::Dps && !dpsId)
        throw AdminError("a dps account needs --dps ID (dps-server dps list shows the ids)");
    if (auto p = languageProblem(language)) throw AdminError(*p);
    db_.with([&](storage::Database& d) {
        if (userId(d, username)) throw AdminError(fmt::format("there is already a staff account {}", username));
        if (dpsId) {
            auto q = d.prepare("SELECT 1 FROM dps WHERE id = ?1");
            q.bind(1, *dpsId);
            if (!q.step()) throw AdminError(fmt::format("no DPS has id {}: see dps-server dps list", *dpsId));
        }
    });
}

StaffUser StaffAccounts::add(std::string_view username, std::string_view role, std::optional<std::int64_t> dpsId,
                             std::string_view password, std::string_view language) {
    checkNew(username, role, dpsId, language);
    if (auto p = passwordProblem(password)) throw AdminError(*p);
    // Hashed outside the database lock: it takes tens of milliseconds.
    const std::string hash = hashPassword(password);
    const std::string now = toIsoUtc(clock_.wall());
    db_.with([&](storage::Database& d) {
        storage::Transaction tx(d);
        // Checked again inside the transaction: another command may have added it meanwhile.
        if (userId(d, username)) throw AdminError(fmt::format("there is already a staff account {}", username));
        auto insert = d.prepare("INSERT INTO staff_users (username, role, dps_id, password_hash, language, "
                                "created_at, password_changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
        insert.bind(1, username).bind(2, role);
        if (dpsId)
            insert.bind(3, *dpsId);
        else
            insert.bindNull(3);
        insert.bind(4, std::string_view(hash)).bind(5, language).bind(6, std::string_view(now)).run();
        tx.commit();
    });
    for (auto& a : list())
        if (a.username == username) return a;
    throw AdminError(fmt::format("the staff account {} was added but cannot be read back", username));
}

void StaffAccounts::remove(std::string_view username) {
    db_.with([&](storage::Database& d) {
        storage::Transaction tx(d);
        const auto id = userId(d, username);
        if (!id) throw noSuchAccount(username);
        // Explicit rather than left to ON DELETE CASCADE, which needs foreign_keys on.
        d.prepare("DELETE FROM staff_sessions WHERE user_id = ?1").bind(1, *id).run();
        d.prepare("DELETE FROM staff_devices WHERE user_id = ?1").bind(1, *id).run();
        d.prepare("DELETE FROM staff_users WHERE id = ?1").bind(1, *id).run();
        tx.commit();
    });
}

void StaffAccounts::requireExists(std::string_view username) {
    db_.with([&](storage::Database& d) {
        if (!userId(d, username)) throw noSuchAccount(username);
    });
}

void StaffAccounts::setPassword(std::string_view username, std::string_view password) {
    requireExists(username);
    if (auto p = passwordProblem(password)) throw AdminError(*p);
    const std::string hash = hashPassword(password);
    const std::string now = toIsoUtc(clock_.wall());
    db_.with([&](storage::Database& d) {
        storage::Transaction tx(d);
        const auto id = userId(d, username);
        if (!id) throw noSuchAccount(username);
        d.prepare("UPDATE staff_users SET password_hash = ?2, password_changed_at = ?3 WHERE id = ?1")
            .bind(1, *id)
            .bind(2, std::string_view(hash))
            .bind(3, std::string_view(now))
            .run();
        d.prepare("DELETE FROM staff_sessions WHERE user_id = ?1").bind(1, *id).run();
        // Its known browsers too: one may be the browser of whoever learnt the old password.
        d.prepare("DELETE FROM staff_devices WHERE user_id = ?1").bind(1, *id).run();
        tx.commit();
    });
}

std::vector<StaffUser> StaffAccounts::list() {
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

} // namespace dps::server
