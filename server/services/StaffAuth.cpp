#include "server/services/StaffAuth.h"

#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"
#include "server/services/PasswordHash.h"
#include "server/services/StaffAccounts.h"
#include "server/store/Secrets.h"

#include <stdexcept>
#include <thread>

namespace dps::server {
namespace {

// last_seen_at is written at most this often: a dashboard page makes several requests, and a
// minute is nothing next to an idle limit counted in minutes.
constexpr auto kTouchEvery = std::chrono::minutes(1);
// newBearerToken(): 32 bytes in base64url.
constexpr std::size_t kCookieChars = 43;

bool looksLikeToken(std::string_view value) {
    if (value.size() != kCookieChars) return false;
    for (const char c : value)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// A name as it may go to the log: what was typed in the name field is sometimes a password, so
// only something that could be a username is written.
std::string loggable(std::string_view username) {
    return usernameProblem(username) ? std::string("(not a valid username)") : std::string(username);
}

const char* cookieName(bool secure) { return secure ? kSecureSessionCookie : kSessionCookie; }

std::string cookieAttributes(bool secure) {
    return std::string("; Path=/; HttpOnly; SameSite=Strict") + (secure ? "; Secure" : "");
}

// The most known browsers kept per account; past it the one unused longest is forgotten.
constexpr int kDevicesPerAccount = 20;
// Lines a minute of each kind of login warning (LogLimiter): enough to see an attack begin.
constexpr std::int64_t kWarningsPerMinute = 6;

std::string leftOutNote(std::int64_t leftOut) {
    return leftOut > 0 ? " (" + std::to_string(leftOut) + " more like it not logged)" : std::string();
}

std::size_t hashesAtOnce(const ServerSettings& settings) {
    if (settings.loginHashesAtOnce > 0) return static_cast<std::size_t>(settings.loginHashesAtOnce);
    const unsigned cores = std::thread::hardware_concurrency();
    return cores > 1 ? cores - 1 : 1;
}

} // namespace

StaffAuth::StaffAuth(ServerDb& db, const ServerSettings& settings, const Clock& clock)
    : db_(db), settings_(settings), clock_(clock),
      throttle_(clock, LoginThrottleLimits{settings.loginFreeFailures, settings.loginNameFreeFailures,
                                           std::chrono::seconds(settings.loginMaxDelaySeconds), std::chrono::hours(1),
                                           10'000}),
      hashes_(hashesAtOnce(settings)), throttledLog_(clock, kWarningsPerMinute), busyLog_(clock, kWarningsPerMinute),
      failedLog_(clock, 4 * kWarningsPerMinute), formKey_(randomBytes(32)) {
    preparePasswordHashing();
}

void StaffAuth::purgeExpired() {
    const WallTime now = clock_.wall();
    const std::string createdBefore = toIsoUtc(now - std::chrono::hours(settings_.sessionMaxHours));
    const std::string seenBefore = toIsoUtc(now - std::chrono::minutes(settings_.sessionIdleMinutes));
    const std::string devicesBefore = toIsoUtc(now - kDeviceKeptFor);
    db_.with([&](storage::Database& d) {
        d.prepare("DELETE FROM staff_sessions WHERE created_at <= ?1 OR last_seen_at <= ?2")
            .bind(1, std::string_view(createdBefore))
            .bind(2, std::string_view(seenBefore))
            .run();
        d.prepare("DELETE FROM staff_devices WHERE last_used_at <= ?1").bind(1, std::string_view(devicesBefore)).run();
    });
}

std::optional<std::string> StaffAuth::knownDevice(std::string_view username,
                                                  std::optional<std::string_view> deviceCookie) {
    if (!deviceCookie || !looksLikeToken(*deviceCookie) || usernameProblem(username)) return std::nullopt;
    const std::string hash = sha256Hex(*deviceCookie);
    const std::string usedAfter = toIsoUtc(clock_.wall() - kDeviceKeptFor);
    return db_.with([&](storage::Database& d) -> std::optional<std::string> {
        // staff_users.username compares without regard to case (COLLATE NOCASE), as logins do.
        auto q = d.prepare("SELECT d.token_hash FROM staff_devices d JOIN staff_users u ON u.id = d.user_id "
                           "WHERE d.token_hash = ?1 AND u.username = ?2 AND d.last_used_at > ?3");
        q.bind(1, std::string_view(hash)).bind(2, username).bind(3, std::string_view(usedAfter));
        if (!q.step() || !constantTimeEqual(q.text(0), hash)) return std::nullopt;
        return hash;
    });
}

LoginOutcome StaffAuth::login(std::string_view username, std::string_view password, std::string_view clientAddress,
                              std::optional<std::string_view> deviceCookie) {
    const auto device = knownDevice(username, deviceCookie);
    const LoginAttempt who{username, clientAddress,
                           device ? std::optional<std::string_view>(*device) : std::optional<std::string_view>()};
    const LoginDecision decision = throttle_.attempt(who);
    if (!decision.allowed) {
        // Answered at once and costing nothing, so written a few times a minute only.
        if (const auto a = throttledLog_.admit(); a.write)
            log::warning("staff login for {} from {} throttled: next try in {} s{}", loggable(username), clientAddress,
                         decision.retryAfter.count(), leftOutNote(a.leftOut));
        LoginOutcome throttled;
        throttled.retryAfter = decision.retryAfter;
        return throttled;
    }
    // Held until the password is checked (and rehashed): never more Argon2id at once than this.
    auto slot = hashes_.tryTake();
    if (!slot) {
        throttle_.cancelled(who);
        if (const auto a = busyLog_.admit(); a.write)
            log::warning("staff login for {} from {} refused: {} passwords are being checked already{}",
                         loggable(username), clientAddress, hashes_.limit(), leftOutNote(a.leftOut));
        LoginOutcome busy;
        busy.busy = true;
        return busy;
    }
    purgeExpired();

    std::optional<StaffUser> user;
    std::optional<std::string> hash;
    if (!usernameProblem(username) && password.size() <= 4 * kMaxPasswordChars) {
        db_.with([&](storage::Database& d) {
            auto q = d.prepare(
                "SELECT id, username, role, dps_id, language, password_hash FROM staff_users WHERE username = ?1");
            q.bind(1, username);
            if (!q.step()) return;
            user = StaffUser{q.integer(0),
                             q.text(1),
                             roleFromDb(q.text(2), q.text(1)),
                             q.isNull(3) ? std::nullopt : std::optional(q.integer(3)),
                             q.text(4),
                             std::nullopt,
                             {},
                             {}};
            hash = q.text(5);
        });
    }
    // Outside the lock: Argon2id takes tens of milliseconds, and other requests need server.db.
    if (!verifyPassword(hash, password) || !user) {
        if (const auto a = failedLog_.admit(); a.write)
            log::warning("staff login failed for {} from {}: wrong username or password{}", loggable(username),
                         clientAddress, leftOutNote(a.leftOut));
        return LoginOutcome{};
    }
    throttle_.succeeded(who);

    const std::string cookie = newBearerToken();
    const std::string csrf = newBearerToken();
    const std::string now = toIsoUtc(clock_.wall());
    const std::string newHash = needsRehash(*hash) ? hashPassword(password) : std::string();
    slot.reset();
    // The browser's known-device cookie: its own again (kept another year), or a new one.
    const std::string deviceToken = device ? std::string(*deviceCookie) : newBearerToken();
    db_.with([&](storage::Database& d) {
        d.prepare("INSERT INTO staff_devices (token_hash, user_id, created_at, last_used_at) VALUES (?1, ?2, ?3, ?3) "
                  "ON CONFLICT (token_hash) DO UPDATE SET last_used_at = excluded.last_used_at")
            .bind(1, std::string_view(sha256Hex(deviceToken)))
            .bind(2, user->id)
            .bind(3, std::string_view(now))
            .run();
        d.prepare("DELETE FROM staff_devices WHERE user_id = ?1 AND token_hash NOT IN (SELECT token_hash FROM "
                  "staff_devices WHERE user_id = ?1 ORDER BY last_used_at DESC LIMIT ?2)")
            .bind(1, user->id)
            .bind(2, std::int64_t{kDevicesPerAccount})
            .run();
        if (!newHash.empty())
            d.prepare("UPDATE staff_users SET password_hash = ?2 WHERE id = ?1")
                .bind(1, user->id)
                .bind(2, std::string_view(newHash))
                .run();
        d.prepare("INSERT INTO staff_sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?4)")
            .bind(1, std::string_view(sha256Hex(cookie)))
            .bind(2, user->id)
            .bind(3, std::string_view(csrf))
            .bind(4, std::string_view(now))
            .run();
    });
    log::info("staff login: {} from {}{}", user->username, clientAddress, device ? " (a known browser)" : "");
    LoginOutcome out;
    out.cookieValue = cookie;
    out.user = user;
    out.deviceCookieValue = deviceToken;
    return out;
}

LoginFormToken StaffAuth::newLoginFormToken() const {
    const std::string value = newBearerToken();
    return {value, hmacSha256(formKey_, value)};
}

bool StaffAuth::loginFormTokenMatches(std::string_view cookieValue, std::string_view field) const {
    if (!looksLikeToken(cookieValue) || field.empty()) return false;
    return constantTimeEqual(hmacSha256(formKey_, cookieValue), field);
}

std::optional<StaffSession> StaffAuth::session(std::string_view cookieValue) {
    if (!looksLikeToken(cookieValue)) return std::nullopt;
    const std::string hash = sha256Hex(cookieValue);
    const WallTime now = clock_.wall();
    return db_.with([&](storage::Database& d) -> std::optional<StaffSession> {
        auto q = d.prepare("SELECT s.token_hash, s.csrf_token, s.created_at, s.last_seen_at, u.id, u.username, "
                           "u.role, u.dps_id, u.language FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id "
                           "WHERE s.token_hash = ?1");
        q.bind(1, std::string_view(hash));
        // As for terminal tokens: the lookup is by hash, the constant-time comparison decides.
        if (!q.step() || !constantTimeEqual(q.text(0), hash)) return std::nullopt;
        const auto created = fromIsoUtc(q.text(2));
        const auto seen = fromIsoUtc(q.text(3));
        const bool expired = !created || !seen || now - *created >= std::chrono::hours(settings_.sessionMaxHours) ||
                             now - *seen >= std::chrono::minutes(settings_.sessionIdleMinutes);
        if (expired) {
            d.prepare("DELETE FROM staff_sessions WHERE token_hash = ?1").bind(1, std::string_view(hash)).run();
            return std::nullopt;
        }
        StaffSession s{StaffUser{q.integer(4),
                                 q.text(5),
                                 roleFromDb(q.text(6), q.text(5)),
                                 q.isNull(7) ? std::nullopt : std::optional(q.integer(7)),
                                 q.text(8),
                                 std::nullopt,
                                 {},
                                 {}},
                       q.text(1)};
        if (now - *seen >= kTouchEvery)
            d.prepare("UPDATE staff_sessions SET last_seen_at = ?2 WHERE token_hash = ?1")
                .bind(1, std::string_view(hash))
                .bind(2, std::string_view(toIsoUtc(now)))
                .run();
        return s;
    });
}

void StaffAuth::logout(std::string_view cookieValue) {
    if (!looksLikeToken(cookieValue)) return;
    const std::string hash = sha256Hex(cookieValue);
    db_.with([&](storage::Database& d) {
        d.prepare("DELETE FROM staff_sessions WHERE token_hash = ?1").bind(1, std::string_view(hash)).run();
    });
}

void StaffAuth::setLanguage(std::int64_t userId, std::string_view language) {
    if (auto p = languageProblem(language)) throw std::invalid_argument(*p);
    db_.with([&](storage::Database& d) {
        d.prepare("UPDATE staff_users SET language = ?2 WHERE id = ?1").bind(1, userId).bind(2, language).run();
    });
}

bool StaffAuth::secureCookies(std::optional<std::string_view> forwardedProto) const {
    if (!settings_.tlsCertificate.empty()) return true;
    if (!settings_.trustForwardedFor || !forwardedProto) return false;
    // As with X-Forwarded-For: the proxy next to us speaks last.
    const std::string header(*forwardedProto);
    const auto comma = header.rfind(',');
    return lower(trim(comma == std::string::npos ? std::string_view(header)
                                                 : std::string_view(header).substr(comma + 1))) == "https";
}

std::string sessionCookieHeader(std::string_view value, bool secure) {
    return std::string(cookieName(secure)) + "=" + std::string(value) + cookieAttributes(secure);
}

std::string clearedSessionCookieHeader(bool secure) {
    // Max-Age=0 for today's browsers, a past Expires for the others.
    return std::string(cookieName(secure)) + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" +
           cookieAttributes(secure);
}

std::string deviceCookieHeader(std::string_view value, bool secure) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(kDeviceKeptFor).count();
    return std::string(kDeviceCookie) + "=" + std::string(value) + "; Max-Age=" + std::to_string(seconds) +
           cookieAttributes(secure);
}

std::string loginFormCookieHeader(std::string_view value, bool secure) {
    return std::string(kLoginFormCookie) + "=" + std::string(value) + cookieAttributes(secure);
}

std::optional<std::string> sessionCookieValue(const std::vector<std::string>& cookieHeaders, bool secure) {
    return cookieValue(cookieHeaders, cookieName(secure));
}

std::optional<std::string> cookieValue(const std::vector<std::string>& cookieHeaders, std::string_view name) {
    for (const std::string& header : cookieHeaders) {
        std::string_view rest = header;
        while (!rest.empty()) {
            const auto semicolon = rest.find(';');
            const std::string_view pair = trim(rest.substr(0, semicolon));
            rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
            const auto equals = pair.find('=');
            if (equals == std::string_view::npos || trim(pair.substr(0, equals)) != name) continue;
            std::string_view value = trim(pair.substr(equals + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
                value = value.substr(1, value.size() - 2);
            if (!value.empty()) return std::string(value);
        }
    }
    return std::nullopt;
}

bool csrfMatches(const StaffSession& session, std::string_view submitted) {
    return !submitted.empty() && !session.csrfToken.empty() && constantTimeEqual(session.csrfToken, submitted);
}

} // namespace dps::server
