#pragma once
// The staff's cookies and their Secure flag as a cpp-httplib request carries them: the HTTP side
// of StaffAuth, which itself sees only header values.
#include "server/services/StaffAuth.h"

#include <optional>
#include <string>
#include <string_view>

namespace httplib {
struct Request;
} // namespace httplib

namespace dps::server {

// StaffAuth::secureCookies with the request's X-Forwarded-Proto (its first value).
[[nodiscard]] bool secureCookies(const StaffAuth& auth, const httplib::Request& req);

// sessionCookieValue and cookieValue over every Cookie header of the request.
[[nodiscard]] std::optional<std::string> sessionCookieValue(const httplib::Request& req, bool secure);
[[nodiscard]] std::optional<std::string> cookieValue(const httplib::Request& req, std::string_view name);

} // namespace dps::server
