#pragma once
// Who is using the dashboard: staff log in with a username and password (throttled by
// LoginThrottle), and get a session cookie whose value only they know; server.db keeps its
// SHA-256, the session's CSRF token and when it was last used (docs/staff-accounts.md).
#include "../core/LoginThrottle.h"
#include "ServerDb.h"
#include "ServerSettings.h"
#include "dps/core/Clock.h"

#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dps::server {

struct StaffUser {
    std::int64_t id = 0;
    std::string username;
    std::string role; // "region" or "dps"
    std::optional<std::int64_t> dpsId;
    std::string language;
};

struct StaffSession {
    StaffUser user;
    std::string csrfToken;
};

struct LoginOutcome {
    std::optional<std::string> cookieValue; // set on success
    std::optional<StaffUser> user;
    std::chrono::seconds retryAfter{0}; // > 0: throttled, the password was not even checked
};

class StaffAuth {
public:
    StaffAuth(ServerDb& db, const ServerSettings& settings, const Clock& clock);

    // A wrong password and an unknown name give the same outcome, in the same time. Thread-safe;
    // the password is checked outside server.db's lock.
    LoginOutcome login(std::string_view username, std::string_view password, std::string_view clientAddress);
    // nullopt when unknown or expired (idle or max age; an expired row is deleted); touches
    // last_seen_at (at most once a minute, to spare writes).
    std::optional<StaffSession> session(std::string_view cookieValue);
    void logout(std::string_view cookieValue);
    // The staff member's pick, kept in staff_users. Throws std::invalid_argument unless fr, nl, en.
    void setLanguage(std::int64_t userId, std::string_view language);
    // True when the server does TLS itself, or when trust_x_forwarded_for is on and
    // X-Forwarded-Proto is https.
    [[nodiscard]] bool secureCookies(const httplib::Request& req) const;

private:
    void purgeExpired();

    ServerDb& db_;
    const ServerSettings& settings_;
    const Clock& clock_;
    LoginThrottle throttle_;
};

// Over plain HTTP (a test, a trusted network); over HTTPS the cookie takes the __Host- prefix
// (RFC 6265bis, 4.1.3.2): browsers then keep it only when it came over HTTPS, with Secure, Path=/
// and no Domain, so no other host of the domain and no plain-HTTP answer can set one of their own.
inline constexpr const char* kSessionCookie = "dps_session";
inline constexpr const char* kSecureSessionCookie = "__Host-dps_session";

// The full Set-Cookie value: dps_session=…; Path=/; HttpOnly; SameSite=Strict, or
// __Host-dps_session=…; …; Secure when secure. No Max-Age: a browser session cookie; the server
// enforces expiry.
std::string sessionCookieHeader(std::string_view value, bool secure);
// A Set-Cookie value that makes the browser forget the session cookie.
std::string clearedSessionCookieHeader(bool secure);
// The session cookie's value from the Cookie header(s) (several cookies, spaces), under the name
// that secure gives (the other name is ignored); nullopt when there is none or it is empty.
std::optional<std::string> sessionCookieValue(const httplib::Request& req, bool secure);
// Constant time; an empty submission never matches.
bool csrfMatches(const StaffSession& session, std::string_view submitted);

} // namespace dps::server
