// What dps-server refuses before any route sees a request (issue 17; server/app/RequestGuard.cpp,
// docs/server.md "What dps-server refuses by itself"), sent as raw bytes to the real server: a
// length that can be read two ways (RFC 9112, 6.1 and 6.3), a control character in the path, a
// body before login longer than its route takes, and JSON nested past the parsers' limit.
// tests/server/probes/transport_probes.py sends the same over TLS and through nginx.
#include "ServerFixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

namespace dps::test {
namespace {

struct Exchange {
    std::string answer;
    std::chrono::steady_clock::duration took{}; // until the answer's first byte
};

// Sends request as it is on a connection of its own and reads until the server closes it or is
// silent for timeout: a server waiting for a body that never comes shows as a long took. (A
// refusal says Connection: close, but cpp-httplib 0.11 closes its side only after its idle
// timeout, 2 s: a client that reads the header closes at once.)
Exchange rawExchange(int port, const std::string& request, std::chrono::seconds timeout = std::chrono::seconds(8)) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket");
    timeval tv{static_cast<time_t>(timeout.count()), 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    Exchange e;
    const auto started = std::chrono::steady_clock::now();
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0 &&
        ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
        char buf[4096];
        e.took = timeout;
        for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) {
            if (e.answer.empty()) e.took = std::chrono::steady_clock::now() - started;
            e.answer.append(buf, static_cast<std::size_t>(n));
        }
    }
    ::close(fd);
    return e;
}

int statusOf(const std::string& answer) {
    // "HTTP/1.1 400 Bad Request"
    return answer.size() >= 12 && answer.starts_with("HTTP/1.") ? std::stoi(answer.substr(9, 3)) : 0;
}

std::string nestedObjects(std::size_t levels) {
    std::string s;
    for (std::size_t i = 0; i < levels; ++i)
        s += "{\"a\":";
    return s + "1" + std::string(levels, '}');
}

class RequestGuard : public ServerFixture {};

TEST_F(RequestGuard, TwoContentLengthsAreRefused) {
    const auto terminal = server.enrollNewTerminal(dps);
    const std::string body = usageBatch({usageRecord("2026-11-23", 1, 5)});
    const std::string start = "POST /api/v1/usage HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
                              terminal.token + "\r\nContent-Type: application/json\r\n";
    const auto n = std::to_string(body.size());
    // Different, and equal: either way the length is the framing's to say once (RFC 9112, 6.3).
    for (const auto& lengths :
         {"Content-Length: " + n + "\r\nContent-Length: 2\r\n", "Content-Length: 2\r\nContent-Length: " + n + "\r\n",
          "Content-Length: " + n + "\r\nContent-Length: " + n + "\r\n", "Content-Length: " + n + ", " + n + "\r\n",
          "Content-Length: +" + n + "\r\n", "Content-Length: " + n + "\r\nTransfer-Encoding: chunked\r\n"}) {
        const auto e = rawExchange(server.port(), start + lengths + "\r\n" + body);
        EXPECT_EQ(statusOf(e.answer), 400) << lengths << e.answer.substr(0, 300);
        EXPECT_NE(e.answer.find("Connection: close"), std::string::npos) << lengths;
    }
    // Nothing was applied: the same batch sent once, properly, is new.
    const auto res = postUsage(body, terminal.token);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(nlohmann::json::parse(res->body), (nlohmann::json{{"applied", 1}, {"ignored", 0}}));
}

TEST_F(RequestGuard, AControlCharacterInThePathIsRefused) {
    const auto css = server.client()->Get("/static/dashboard.css");
    ASSERT_TRUE(css);
    ASSERT_EQ(css->status, 200);
    for (const char* path :
         {"/static/dashboard.css%00.js", "/static/dashboard.css%0d%0a.js", "/static/%7fdashboard.css", "/healthz%00"}) {
        const auto res = server.client()->Get(path);
        ASSERT_TRUE(res) << path;
        EXPECT_EQ(res->status, 400) << path;
        EXPECT_EQ(res->get_header_value("Content-Type").find("javascript"), std::string::npos) << path;
    }
}

TEST_F(RequestGuard, BodiesBeforeLoginAreRefusedFromTheirLengthWithoutWaitingForThem) {
    // Only the headers are sent: an answer that waited for the body would take the 8 s timeout.
    for (const auto& [path, length, type] : {std::tuple{"/api/v1/enroll", 1025, "application/json"},
                                             std::tuple{"/login", 8193, "application/x-www-form-urlencoded"}}) {
        const auto e = rawExchange(server.port(), std::string("POST ") + path +
                                                      " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type +
                                                      "\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n");
        EXPECT_EQ(statusOf(e.answer), 413) << path << e.answer.substr(0, 300);
        EXPECT_LT(e.took, std::chrono::seconds(2)) << path;
    }
    // A length-less or chunked body would be read until the client closes.
    for (const char* framing : {"", "Transfer-Encoding: chunked\r\n"}) {
        const auto e = rawExchange(server.port(), std::string("POST /api/v1/enroll HTTP/1.1\r\nHost: localhost\r\n"
                                                              "Content-Type: application/json\r\n") +
                                                      framing + "\r\n");
        EXPECT_EQ(statusOf(e.answer), 411) << framing << e.answer.substr(0, 300);
        EXPECT_LT(e.took, std::chrono::seconds(2)) << framing;
    }
    // An enrollment is about 80 bytes; a kilobyte is taken, not more, as sent or gunzipped.
    const std::string big = R"({"code":"AAAA-BBBB-CCCC-DDDD","agent_version":")" + std::string(1000, 'x') + "\"}";
    auto res = post("/api/v1/enroll", big, "");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
    res = post("/api/v1/enroll", gzipped(big), "", {{"Content-Encoding", "gzip"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
    EXPECT_EQ(errorCode(res), "too_large");
}

TEST_F(RequestGuard, NestedJsonIsRefusedAtTheDepthLimit) {
    // Issue 17's attacker: 11.5 KB of gzip, 1.39 million nested objects.
    const std::string deep = gzipped(nestedObjects(1'390'000));
    ASSERT_LT(deep.size(), 16u << 10);
    auto res = post("/api/v1/enroll", deep, "", {{"Content-Encoding", "gzip"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413) << res->body; // far past enroll's kilobyte once gunzipped
    res = post("/api/v1/enroll", nestedObjects(33), "");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422) << res->body;
    EXPECT_NE(res->body.find("nested deeper than 32 levels"), std::string::npos) << res->body;

    const auto terminal = server.enrollNewTerminal(dps);
    for (const char* path : {"/api/v1/usage", "/api/v1/heartbeat", "/api/v1/inventory"}) {
        const auto started = std::chrono::steady_clock::now();
        res = post(path, deep, terminal.token, {{"Content-Encoding", "gzip"}});
        ASSERT_TRUE(res) << path;
        EXPECT_EQ(res->status, 422) << path << res->body;
        EXPECT_NE(res->body.find("nested deeper than 32 levels"), std::string::npos) << path << res->body;
        EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2)) << path;
    }
}

} // namespace
} // namespace dps::test
