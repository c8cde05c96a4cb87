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

std::size_t hashesAtOnce(const StaffAuthSettings& settings) {
    if (settings.loginHashesAtOnce > 0) return static_cast<std::size_t>(settings.loginHashesAtOnce);
    const unsigned cores = std::thread::hardware_concurrency();
    return cores > 1 ? cores - 1 : 1;
}

} // namespace

StaffAuth::StaffAuth(StaffStore& store, const StaffAuthSettings& settings, const Clock& clock)
    : store_(store), settings_(settings), clock_(clock),
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
    store_.purgeExpired(createdBefore, seenBefore, devicesBefore);
}

std::optional<std::string> StaffAuth::knownDevice(std::string_view username,
                                                  std::optional<std::string_view> deviceCookie) {
    if (!deviceCookie || !looksLikeToken(*deviceCookie) || usernameProblem(username)) return std::nullopt;
    const std::string hash = sha256Hex(*deviceCookie);
    const std::string usedAfter = toIsoUtc(clock_.wall() - kDeviceKeptFor);
    const auto stored = store_.knownDevice(hash, username, usedAfter);
    if (!stored || !constantTimeEqual(*stored, hash)) return std::nullopt;
    return hash;
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
        if (auto found = store_.credentials(username)) {
            user = std::move(found->user);
            hash = std::move(found->passwordHash);
        }
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
    NewStaffSession opened;
    opened.userId = user->id;
    opened.tokenHash = sha256Hex(cookie);
    opened.csrfToken = csrf;
    opened.deviceHash = sha256Hex(deviceToken);
    opened.at = now;
    opened.devicesKept = kDevicesPerAccount;
    if (!newHash.empty()) opened.rehashedPassword = newHash;
    store_.openSession(opened);
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
    auto stored = store_.findSession(hash);
    // As for terminal tokens: the lookup is by hash, the constant-time comparison decides.
    if (!stored || !constantTimeEqual(stored->tokenHash, hash)) return std::nullopt;
    const auto created = fromIsoUtc(stored->createdAt);
    const auto seen = fromIsoUtc(stored->lastSeenAt);
    const bool expired = !created || !seen || now - *created >= std::chrono::hours(settings_.sessionMaxHours) ||
                         now - *seen >= std::chrono::minutes(settings_.sessionIdleMinutes);
    if (expired) {
        store_.endSession(hash);
        return std::nullopt;
    }
    StaffSession s{std::move(stored->user), std::move(stored->csrfToken)};
    if (now - *seen >= kTouchEvery) store_.touchSession(hash, toIsoUtc(now));
    return s;
}

void StaffAuth::logout(std::string_view cookieValue) {
    if (!looksLikeToken(cookieValue)) return;
    store_.endSession(sha256Hex(cookieValue));
}

void StaffAuth::setLanguage(std::int64_t userId, std::string_view language) {
    if (auto p = languageProblem(language)) throw std::invalid_argument(*p);
    store_.setLanguage(userId, language);
}

bool StaffAuth::secureCookies(std::optional<std::string_view> forwardedProto) const {
    if (settings_.tls) return true;
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
