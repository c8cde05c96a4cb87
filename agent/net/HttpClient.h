#pragma once
// The network as the agent sees it: one POST, one answer. CurlHttpClient is the real one; the
// sender's unit tests script answers with a fake.
#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace dps::agent {

struct HttpRequest {
    std::string path; // "/api/v1/usage", joined to the server's base URL
    std::string body; // JSON, sent gzip-compressed
    std::optional<std::string> bearer;
    std::optional<std::string> idempotencyKey;
    // GLPI's own protocol instead: the body zlib-compressed as application/x-compress-zlib, with
    // GLPI-Agent-ID and, when set, HTTP basic credentials.
    struct Glpi {
        std::string agentId;
        std::string user, password;
    };
    std::optional<Glpi> glpi;
};

struct HttpResponse {
    long status = 0;   // 0: no HTTP answer (refused, reset, timed out, cut short)
    std::string error; // why, when status is 0
    std::string body;
    std::optional<std::chrono::seconds> retryAfter;
    std::size_t bytesSent = 0; // the request body as it went on the wire
};

// What a refusal says: dps-server's JSON error body ({"error", "message", "path"},
// docs/protocol.md), or, from anything else, the first bytes of the body as the message.
struct ServerError {
    std::string code;
    std::string message;
    std::string path;
    [[nodiscard]] std::string text() const { return code.empty() ? message : code + ": " + message; }
};
ServerError serverError(const HttpResponse& response);

class HttpClient {
public:
    virtual ~HttpClient() = default;
    virtual HttpResponse post(const HttpRequest& request) = 0;
};

} // namespace dps::agent
