#pragma once
// What every request must be before a route sees it (issue 17; docs/server.md, "What dps-server
// refuses by itself"): framing with one reading only (RFC 9112), a path without control
// characters, and a body no larger than its route takes, refused from the headers alone, before
// cpp-httplib reads a byte of the body.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace httplib {
class Server;
struct Request;
} // namespace httplib

namespace dps::server {

// An enrollment is a code and a version, about 80 bytes: a kilobyte is already far more, as sent and
// once gunzipped. Anyone may post to it, so it gets the smallest limit.
inline constexpr std::size_t kMaxEnrollBodyBytes = 1024;
// The dashboard's forms (login, logout, language) are a few short fields; cpp-httplib refuses a
// longer urlencoded form anyway, but only once it has read it.
inline constexpr std::size_t kMaxFormBodyBytes = 8192;

struct Refusal {
    int status = 400;
    std::string code;    // as the API's error codes (docs/protocol.md)
    std::string message; // a sentence for whoever reads the answer
};

// The largest body a request to path may carry, as sent, when it is refused from its
// Content-Length alone: the routes anyone may post to (enroll, the dashboard's forms). The
// terminals' other routes check the credential first and then let cpp-httplib read and drop an
// oversize body (http.max_body_bytes), so that an agent gets its 413 whole and splits its batch
// instead of meeting a connection closed under the body it is still sending.
[[nodiscard]] std::optional<std::size_t> unreadBodyLimitFor(std::string_view path);

// Why req is refused before routing, or nothing.
[[nodiscard]] std::optional<Refusal> refusalOf(const httplib::Request& req);

// Makes refusalOf the server's first check: before routing, and before answering
// "Expect: 100-continue" (a refused client then never sends its body).
void installRequestGuard(httplib::Server& server);

} // namespace dps::server
