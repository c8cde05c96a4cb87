#include "server/http/StaffCookies.h"

#include <httplib.h>

#include <vector>

namespace dps::server {
namespace {

std::vector<std::string> cookieHeaders(const httplib::Request& req) {
    std::vector<std::string> out;
    const std::size_t n = req.get_header_value_count("Cookie");
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(req.get_header_value("Cookie", i));
    return out;
}

} // namespace

bool secureCookies(const StaffAuth& auth, const httplib::Request& req) {
    if (!req.has_header("X-Forwarded-Proto")) return auth.secureCookies(std::nullopt);
    const std::string header = req.get_header_value("X-Forwarded-Proto");
    return auth.secureCookies(std::string_view(header));
}

std::optional<std::string> sessionCookieValue(const httplib::Request& req, bool secure) {
    return sessionCookieValue(cookieHeaders(req), secure);
}

std::optional<std::string> cookieValue(const httplib::Request& req, std::string_view name) {
    return cookieValue(cookieHeaders(req), name);
}

} // namespace dps::server
