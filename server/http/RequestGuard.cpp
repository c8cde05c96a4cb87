#include "server/http/RequestGuard.h"

#include "server/services/ApiError.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>

namespace dps::server {
namespace {

std::string lowerTrimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    s = s.substr(first, s.find_last_not_of(" \t") - first + 1);
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// RFC 9110, 8.6: Content-Length = 1*DIGIT. A list ("5, 5"), a sign or anything after the digits
// is refused rather than read as cpp-httplib would (strtoull: "5x" is 5, "abc" is 0).
std::optional<std::uint64_t> contentLength(const std::string& value) {
    if (value.empty() || value.size() > 18 ||
        !std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
    std::uint64_t n = 0;
    std::from_chars(value.data(), value.data() + value.size(), n);
    return n;
}

bool hasControlCharacter(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

void answer(const httplib::Request& req, httplib::Response& res, const Refusal& refusal) {
    res.status = refusal.status;
    // The body was not read (or not wholly): the client is asked to close rather than send the
    // next request after it.
    res.set_header("Connection", "close");
    if (req.path.starts_with("/api/"))
        res.set_content(errorJson({refusal.status, refusal.code, refusal.message, "", {}}), "application/json");
    else
        res.set_content(refusal.message + "\n", "text/plain; charset=utf-8");
}

} // namespace

std::optional<std::size_t> unreadBodyLimitFor(std::string_view path) {
    if (path == "/api/v1/enroll") return kMaxEnrollBodyBytes;
    if (path.starts_with("/api/")) return std::nullopt;
    return kMaxFormBodyBytes;
}

std::optional<Refusal> refusalOf(const httplib::Request& req) {
    // cpp-httplib gives the path %-decoded: "/static/dashboard.css%00.js" would reach the file
    // dashboard.css through a C string while its name ends in .js.
    if (hasControlCharacter(req.path))
        return Refusal{400, "bad_request", "the path holds a control character (such as %00): no page has one"};

    // RFC 9112, 6.3: a request whose length can be read two ways is refused, never guessed at.
    const std::size_t lengths = req.get_header_value_count("Content-Length");
    const std::size_t codings = req.get_header_value_count("Transfer-Encoding");
    if (lengths > 1)
        return Refusal{400, "bad_request", "the request has more than one Content-Length header (RFC 9112, 6.3)"};
    if (lengths == 1 && codings > 0)
        return Refusal{400, "bad_request", "the request has both Transfer-Encoding and Content-Length (RFC 9112, 6.1)"};
    if (codings > 0) {
        // Every client of ours sends a length (the agent, browsers, nginx once it has buffered the
        // body); a chunked body's size is known only once read, so it is not taken (RFC 9110, 15.5.12).
        if (codings == 1 && lowerTrimmed(req.get_header_value("Transfer-Encoding")) == "chunked")
            return Refusal{411, "length_required", "send the body with a Content-Length, not chunked"};
        return Refusal{501, "unsupported_transfer_encoding", "no transfer coding is understood here"};
    }
    std::uint64_t length = 0;
    if (lengths == 1) {
        const auto n = contentLength(req.get_header_value("Content-Length"));
        if (!n) return Refusal{400, "bad_request", "Content-Length must be a number of bytes (RFC 9110, 8.6)"};
        length = *n;
    }
    const bool mayHaveBody = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
    if (!mayHaveBody) {
        // cpp-httplib would not read it, and would take it for the next request.
        if (length > 0) return Refusal{400, "bad_request", "a " + req.method + " request has no body"};
        return std::nullopt;
    }
    // Without a length cpp-httplib reads until the client closes: a connection held open for good.
    if (lengths == 0) return Refusal{411, "length_required", "send the body with a Content-Length (0 for none)"};
    if (const auto limit = unreadBodyLimitFor(req.path); limit && length > *limit)
        return Refusal{413, "too_large", "the body is larger than " + std::to_string(*limit) + " bytes"};
    return std::nullopt;
}

void installRequestGuard(httplib::Server& server) {
    server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        const auto refusal = refusalOf(req);
        if (!refusal) return httplib::Server::HandlerResponse::Unhandled;
        answer(req, res, *refusal);
        return httplib::Server::HandlerResponse::Handled;
    });
    server.set_expect_100_continue_handler([](const httplib::Request& req, httplib::Response& res) {
        const auto refusal = refusalOf(req);
        if (!refusal) return 100;
        answer(req, res, *refusal);
        return refusal->status;
    });
}

} // namespace dps::server
