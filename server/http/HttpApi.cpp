#include "server/http/HttpApi.h"

#include "dps/log/Log.h"
#include "dps/protocol/EnrollJson.h"
#include "dps/storage/StorageError.h"
#include "server/core/ClientKey.h"
#include "server/http/RequestGuard.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <limits>

namespace dps::server {
namespace {

void sendJson(httplib::Response& res, int status, const std::string& body) {
    res.status = status;
    res.set_content(body, "application/json");
}

void sendError(httplib::Response& res, const ApiError& error) {
    if (error.status == 429) res.set_header("Retry-After", std::to_string(error.retryAfter.count()));
    sendJson(res, error.status, errorJson(error));
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

// A refused request whose body was not read leaves that body in the connection: it is closed
// rather than have the next request parsed from the middle of this one.
void closeAfter(httplib::Response& res) { res.set_header("Connection", "close"); }

std::optional<ApiError> checkHeaders(const httplib::Request& req) {
    const std::string contentType = req.get_header_value("Content-Type");
    const std::string type = lower(trim(std::string_view(contentType).substr(0, contentType.find(';'))));
    if (type != "application/json")
        return ApiError{415, "not_json", "the body must be Content-Type: application/json", "", {}};
    const std::string encoding = lower(trim(req.get_header_value("Content-Encoding")));
    if (!encoding.empty() && encoding != "identity" && encoding != "gzip")
        return ApiError{
            415, "unsupported_encoding", "the body may be sent as it is or with Content-Encoding: gzip", "", {}};
    return std::nullopt;
}

} // namespace

std::string clientAddress(const httplib::Request& req, bool trustForwardedFor) {
    if (trustForwardedFor && req.has_header("X-Forwarded-For")) {
        // The proxy appends the address it saw last; earlier entries are the client's to invent.
        const std::string header = req.get_header_value("X-Forwarded-For");
        const auto comma = header.rfind(',');
        const std::string last = trim(comma == std::string::npos ? header : header.substr(comma + 1));
        if (!last.empty()) return last;
    }
    return req.remote_addr;
}

struct HttpApi::Handlers {
    HttpApi& api;

    // The body, read through httplib (which gunzips it) but never past either limit: the
    // compressed size is httplib's payload limit, the decompressed size is counted here as it
    // arrives, so a gzip bomb stops at the limit instead of filling the memory. A route with a
    // smaller limit of its own (enroll) holds it as sent and once gunzipped.
    Result<std::string> readBody(const httplib::Request& req, httplib::Response& res,
                                 const httplib::ContentReader& reader,
                                 std::size_t routeLimit = std::numeric_limits<std::size_t>::max()) const {
        if (auto e = checkHeaders(req)) return *e;
        // A body sent as it is has one size: the smaller limit holds.
        const bool gzip = lower(trim(req.get_header_value("Content-Encoding"))) == "gzip";
        const auto limit = std::min(
            routeLimit,
            static_cast<std::size_t>(gzip ? api.settings_.maxDecompressedBytes
                                          : std::min(api.settings_.maxBodyBytes, api.settings_.maxDecompressedBytes)));
        std::string body;
        bool tooLarge = false;
        const bool ok = reader([&](const char* data, std::size_t n) {
            if (body.size() + n > limit) {
                tooLarge = true;
                return false;
            }
            body.append(data, n);
            return true;
        });
        if (ok) return body;
        if (tooLarge)
            return ApiError{413,
                            "too_large",
                            "the body is larger than " + std::to_string(limit) +
                                (gzip ? " bytes once decompressed" : " bytes"),
                            "",
                            {}};
        if (res.status == 413)
            return ApiError{413,
                            "too_large",
                            "the body is larger than " + std::to_string(api.settings_.maxBodyBytes) + " bytes",
                            "",
                            {}};
        return ApiError{400, "malformed_body", "the body could not be read (bad gzip data, or cut short)", "", {}};
    }

    // Credential, then the terminal's rate, then the body; f(terminal, body) answers.
    template <class F>
    void forTerminal(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader, F&& f) {
        auto who = authenticate(api.terminals_, req.get_header_value("Authorization"));
        if (auto* e = std::get_if<ApiError>(&who)) {
            closeAfter(res);
            return sendError(res, *e);
        }
        const auto& terminal = std::get<Terminal>(who);
        if (const auto rate = api.perTerminal_.take(terminal.id); !rate.allowed) {
            closeAfter(res);
            return sendError(
                res, {429, "too_many_requests", "this terminal sends too often: wait and retry", "", rate.retryAfter});
        }
        auto body = readBody(req, res, reader);
        if (auto* e = std::get_if<ApiError>(&body)) {
            closeAfter(res);
            return sendError(res, *e);
        }
        f(terminal, std::get<std::string>(body));
    }

    void enroll(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
        const std::string address = clientAddress(req, api.settings_.trustForwardedFor);
        if (const auto rate = api.perAddress_.take(clientKey(address)); !rate.allowed) {
            closeAfter(res);
            // A refused attempt costs its sender nothing: a few lines a minute, not one each.
            if (const auto a = api.enrollThrottledLog_.admit(); a.write)
                log::warning("enroll: too many attempts from {}{}", address,
                             a.leftOut > 0 ? " (" + std::to_string(a.leftOut) + " more like it not logged)" : "");
            return sendError(
                res, {429, "too_many_requests", "too many enrollment attempts: wait and retry", "", rate.retryAfter});
        }
        auto body = readBody(req, res, reader, kMaxEnrollBodyBytes);
        if (auto* e = std::get_if<ApiError>(&body)) {
            closeAfter(res);
            return sendError(res, *e);
        }
        auto enrolled = api.enroll_.enroll(std::get<std::string>(body));
        if (auto* e = std::get_if<ApiError>(&enrolled)) {
            log::info("enroll from {} refused: {}", address, e->code);
            return sendError(res, *e);
        }
        const auto& ok = std::get<Enrolled>(enrolled);
        log::info("terminal {} enrolled from {}", ok.terminalId, address);
        sendJson(res, 201, protocol::enrollAnswerJson({ok.terminalId, ok.token}));
    }

    // The Idempotency-Key header: nothing when absent, true when usable; false once refused.
    static bool idempotencyKey(const httplib::Request& req, httplib::Response& res, std::optional<std::string>& key) {
        if (!req.has_header("Idempotency-Key")) return true;
        key = req.get_header_value("Idempotency-Key");
        if (isIdempotencyKey(*key)) return true;
        sendError(res, {400,
                        "bad_idempotency_key",
                        "Idempotency-Key must be 1 to 128 visible ASCII characters (the batch_id)",
                        "",
                        {}});
        return false;
    }

    void usage(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
        forTerminal(req, res, reader, [&](const Terminal& terminal, const std::string& body) {
            std::optional<std::string> key;
            if (!idempotencyKey(req, res, key)) return;
            auto answer = api.ingest_.ingest(terminal, body, key);
            if (auto* e = std::get_if<ApiError>(&answer)) {
                log::info("usage from {} refused: {} {} {}", terminal.id, e->code, e->path, e->message);
                return sendError(res, *e);
            }
            const auto& a = std::get<StoredAnswer>(answer);
            log::debug("usage from {}: {}{}", terminal.id, a.body, a.replayed ? " (replayed)" : "");
            sendJson(res, a.status, a.body);
        });
    }

    void inventory(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
        forTerminal(req, res, reader, [&](const Terminal& terminal, const std::string& body) {
            std::optional<std::string> key;
            if (!idempotencyKey(req, res, key)) return;
            auto answer = api.inventory_.receive(terminal, body, key);
            if (auto* e = std::get_if<ApiError>(&answer)) {
                log::info("inventory from {} refused: {} {} {}", terminal.id, e->code, e->path, e->message);
                return sendError(res, *e);
            }
            const auto& a = std::get<StoredAnswer>(answer);
            log::debug("inventory from {}: {}{}", terminal.id, a.body, a.replayed ? " (replayed)" : "");
            sendJson(res, a.status, a.body);
        });
    }

    void heartbeat(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
        forTerminal(req, res, reader, [&](const Terminal& terminal, const std::string& body) {
            if (auto e = api.heartbeat_.record(terminal, body)) {
                log::info("heartbeat from {} refused: {} {} {}", terminal.id, e->code, e->path, e->message);
                return sendError(res, *e);
            }
            sendJson(res, 200, "{}");
        });
    }
};

HttpApi::HttpApi(TerminalStore& terminals, UsageStore& usage, HeartbeatStore& heartbeats, InventoryStore& inventories,
                 StoreHealth& health, const ApiSettings& settings, const Clock& clock)
    : terminals_(terminals), health_(health), settings_(settings), enroll_(terminals, clock), ingest_(usage, clock),
      heartbeat_(heartbeats, clock), inventory_(inventories, clock, settings.inventory),
      perTerminal_(clock, settings.requestsPerMinute), perAddress_(clock, settings.enrollPerMinute),
      enrollThrottledLog_(clock, 6) {}

void HttpApi::install(httplib::Server& server) {
    auto handlers = std::make_shared<Handlers>(Handlers{*this});
    server.set_payload_max_length(static_cast<std::size_t>(settings_.maxBodyBytes));
    server.Post("/api/v1/enroll",
                [handlers](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
                    handlers->enroll(req, res, reader);
                });
    server.Post("/api/v1/usage",
                [handlers](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
                    handlers->usage(req, res, reader);
                });
    server.Post("/api/v1/heartbeat",
                [handlers](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
                    handlers->heartbeat(req, res, reader);
                });
    server.Post("/api/v1/inventory",
                [handlers](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
                    handlers->inventory(req, res, reader);
                });
    server.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
        health_.ping();
        sendJson(res, 200, R"({"status":"ok"})");
    });
    // httplib's own refusals (no such route, a request line it cannot parse) get a JSON body too;
    // answers the handlers wrote are left as they are.
    server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req,
                                                                     httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (!req.path.starts_with("/api/")) {
            // A person's browser, not an agent: a page they can read.
            res.set_content("<!DOCTYPE html><html lang=\"en\"><title>Not found</title><p>No such page. "
                            "<a href=\"/\">Dashboard</a></p></html>",
                            "text/html; charset=utf-8");
            return httplib::Server::HandlerResponse::Handled;
        }
        const std::string code = res.status == 404 ? "not_found" : "bad_request";
        sendJson(
            res, res.status,
            errorJson({res.status, code, res.status == 404 ? "no such endpoint" : "the request was refused", "", {}}));
        return httplib::Server::HandlerResponse::Handled;
    }));
    server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        log::error("{} {}: {}", req.method, req.path, what);
        sendJson(res, 500, errorJson({500, "internal_error", "the server failed; retry later", "", {}}));
    });
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        if (res.status >= 500)
            log::warning("{} {} {} from {}", req.method, req.path, res.status, req.remote_addr);
        else
            log::debug("{} {} {} from {}", req.method, req.path, res.status, req.remote_addr);
    });
}

} // namespace dps::server
