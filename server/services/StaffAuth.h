#pragma once
// Who is using the dashboard: staff log in with a username and password (throttled by
// LoginThrottle, a bounded number of password checks at once), and get a session cookie whose
// value only they know; the StaffStore (server.db) keeps its SHA-256, the session's CSRF token
// and when it was last used. A browser that logged in keeps a known-device cookie, whose failed logins are
// counted apart from everyone else's (docs/staff-accounts.md).
#include "dps/core/Clock.h"
#include "server/core/ConcurrencyLimit.h"
#include "server/core/LogLimiter.h"
#include "server/core/LoginThrottle.h"
#include "server/core/StaffUser.h"
#include "server/services/StaffAuthSettings.h"
#include "server/store/ports/StaffStore.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dps::server {

struct StaffSession {
    StaffUser user;
    std::string csrfToken;
};

struct LoginOutcome {
    std::optional<std::string> cookieValue; // set on success
    std::optional<StaffUser> user;
    std::chrono::seconds retryAfter{0}; // > 0: throttled, the password was not even checked
    // Set on success: the known-device cookie's value to (re)send, the browser's own or a new one.
    std::optional<std::string> deviceCookieValue;
    bool busy = false; // too many passwords being checked at once: not checked, come back soon
};

// The login form's token (against login CSRF): a random value for a cookie of the login page, and
// the form field that goes with it, an HMAC of it under a key of this process.
struct LoginFormToken {
    std::string cookieValue;
    std::string field;
};

class StaffAuth {
public:
    StaffAuth(StaffStore& store, const StaffAuthSettings& settings, const Clock& clock);

    // A wrong password and an unknown name give the same outcome, in the same time. Thread-safe;
    // the password is checked outside server.db's lock. deviceCookie: the browser's dps_device
    // cookie, when it sent one.
    LoginOutcome login(std::string_view username, std::string_view password, std::string_view clientAddress,
                       std::optional<std::string_view> deviceCookie = std::nullopt);
    [[nodiscard]] LoginFormToken newLoginFormToken() const;
    // Constant time; false when either is missing or they were not made together by this process.
    [[nodiscard]] bool loginFormTokenMatches(std::string_view cookieValue, std::string_view field) const;
    // nullopt when unknown or expired (idle or max age; an expired row is deleted); touches
    // last_seen_at (at most once a minute, to spare writes).
    std::optional<StaffSession> session(std::string_view cookieValue);
    void logout(std::string_view cookieValue);
    // The staff member's pick, kept in staff_users. Throws std::invalid_argument unless fr, nl, en.
    void setLanguage(std::int64_t userId, std::string_view language);
    // True when the server does TLS itself, or when trust_x_forwarded_for is on and
    // X-Forwarded-Proto is https. forwardedProto: that header's value, nullopt when there is none
    // (server/http/StaffCookies.h reads it from a request).
    [[nodiscard]] bool secureCookies(std::optional<std::string_view> forwardedProto) const;

private:
    void purgeExpired();
    // The device's id (its hash) when deviceCookie is a known device of the account username.
    std::optional<std::string> knownDevice(std::string_view username, std::optional<std::string_view> deviceCookie);

    StaffStore& store_;
    const StaffAuthSettings settings_; // a copy: the values at construction
    const Clock& clock_;
    LoginThrottle throttle_;
    ConcurrencyLimit hashes_;
    LogLimiter throttledLog_;
    LogLimiter busyLog_;
    LogLimiter failedLog_;
    std::vector<std::uint8_t> formKey_; // random per process: a restart only asks to reload the form
};

// Over plain HTTP (a test, a trusted network); over HTTPS the cookie takes the __Host- prefix
// (RFC 6265bis, 4.1.3.2): browsers then keep it only when it came over HTTPS, with Secure, Path=/
// and no Domain, so no other host of the domain and no plain-HTTP answer can set one of their own.
inline constexpr const char* kSessionCookie = "dps_session";
inline constexpr const char* kSecureSessionCookie = "__Host-dps_session";
inline constexpr const char* kDeviceCookie = "dps_device";
inline constexpr const char* kLoginFormCookie = "dps_login";
// A device unused for this long is forgotten (its browser is then a new one again).
inline constexpr auto kDeviceKeptFor = std::chrono::hours(24 * 365);

// The full Set-Cookie value: dps_session=…; Path=/; HttpOnly; SameSite=Strict, or
// __Host-dps_session=…; …; Secure when secure. No Max-Age: a browser session cookie; the server
// enforces expiry.
std::string sessionCookieHeader(std::string_view value, bool secure);
// A Set-Cookie value that makes the browser forget the session cookie.
std::string clearedSessionCookieHeader(bool secure);
// The session cookie's value from the Cookie header(s) (several cookies, spaces), under the name
// that secure gives (the other name is ignored); nullopt when there is none or it is empty.
std::optional<std::string> sessionCookieValue(const std::vector<std::string>& cookieHeaders, bool secure);
// The same for any cookie.
std::optional<std::string> cookieValue(const std::vector<std::string>& cookieHeaders, std::string_view name);
// The known-device cookie: kept a year (kDeviceKeptFor), same flags as the session's.
std::string deviceCookieHeader(std::string_view value, bool secure);
// The login form's cookie: a browser-session cookie, same flags.
std::string loginFormCookieHeader(std::string_view value, bool secure);
// Constant time; an empty submission never matches.
bool csrfMatches(const StaffSession& session, std::string_view submitted);

} // namespace dps::server
