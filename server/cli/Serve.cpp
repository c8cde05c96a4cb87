#include "server/cli/Serve.h"

#include "dps/core/Clock.h"
#include "dps/log/Log.h"
#include "server/core/ListenAddress.h"
#include "server/dashboard/Dashboard.h"
#include "server/http/HttpApi.h"
#include "server/http/RequestGuard.h"
#include "server/store/ServerDb.h"
#include "server/store/SqliteHeartbeatStore.h"
#include "server/store/SqliteInventoryStore.h"
#include "server/store/SqliteStaffStore.h"
#include "server/store/SqliteStatsStore.h"
#include "server/store/SqliteStoreHealth.h"
#include "server/store/SqliteTerminalStore.h"
#include "server/store/SqliteUsageStore.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <memory>
#include <pthread.h>
#include <thread>

namespace dps::server {
namespace {

// Kept this long for a retry under the same Idempotency-Key: far longer than any agent's backoff.
constexpr std::chrono::days kAnswersKeptFor{30};

// cpp-httplib gives each connection one of the `threads` workers for as long as it lasts and only
// times single reads out: it cannot bound a whole request nor count connections per address, so
// the Internet reaches dps-server through nginx only (docs/server.md, "Facing the Internet"), which
// hands it whole requests, one connection each. What follows only shortens what a slow or idle
// client holds a worker for when it is reached directly (tests, a trusted network).
constexpr std::chrono::seconds kReadTimeout{5};  // each read of a request, and the TLS handshake's
constexpr std::chrono::seconds kWriteTimeout{5}; // each write of an answer
constexpr std::chrono::seconds kIdleTimeout{2};  // a connection's wait for its first or next request
constexpr std::size_t kRequestsPerConnection = 5;
// Browsers keep what they were told over HTTPS for a year (RFC 6797); nginx says the same.
constexpr const char* kHsts = "max-age=31536000";

// Anything but loopback needs listen_beyond_loopback; then it is said at every start.
bool listenAllowed(const ServerSettings& settings, const ListenAddress& address, const std::string& text) {
    if (isLoopbackHost(address.host)) return true;
    if (!settings.listenBeyondLoopback) {
        log::error("--listen {}: dps-server alone must not face the Internet (slow or idle connections stop it): "
                   "listen on 127.0.0.1 behind nginx with the site file the package ships (docs/server.md, "
                   "\"Facing the Internet\"), or set http.listen_beyond_loopback = true for nginx on another "
                   "machine or a network whose every client is trusted",
                   text);
        return false;
    }
    log::warning("listening on {}, beyond loopback (http.listen_beyond_loopback): only for nginx on another "
                 "machine or a network whose every client is trusted, never the Internet (docs/server.md)",
                 text);
    return true;
}

std::unique_ptr<httplib::Server> makeServer(const ServerSettings& settings) {
    if (settings.tlsCertificate.empty() != settings.tlsKey.empty())
        throw std::runtime_error("tls.certificate and tls.key go together: set both, or neither for plain HTTP");
    if (settings.tlsCertificate.empty()) return std::make_unique<httplib::Server>();
    auto server = std::make_unique<httplib::SSLServer>(settings.tlsCertificate.c_str(), settings.tlsKey.c_str());
    if (!server->is_valid())
        throw std::runtime_error("cannot serve HTTPS with " + settings.tlsCertificate.string() + " and " +
                                 settings.tlsKey.string() + ": check that both are readable PEM files that match");
    return server;
}

void writePortFile(const std::filesystem::path& file, int port) {
    // Written aside and renamed, so a test polling for it never reads half a number.
    const std::filesystem::path partial = file.string() + ".partial";
    std::ofstream(partial, std::ios::trunc) << port << '\n';
    std::filesystem::rename(partial, file);
}

// cpp-httplib 0.11 listens with a backlog of 5, fixed when Debian compiled it: 50 terminals
// calling at once overflow the accept queue and some get their connection reset (the kernel's
// ListenOverflows count; cpp-httplib issue #1675). listen() again on the same socket only
// widens its queue; the socket is found among this process's as the one listening on our port.
void widenAcceptQueue(int port) {
    for (int fd = 3; fd < 1024; ++fd) {
        int listening = 0;
        socklen_t len = sizeof listening;
        if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || !listening) continue;
        sockaddr_storage addr{};
        socklen_t alen = sizeof addr;
        if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &alen) != 0) continue;
        int bound = 0;
        if (addr.ss_family == AF_INET) bound = ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
        if (addr.ss_family == AF_INET6) bound = ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
        if (bound == port && ::listen(fd, SOMAXCONN) != 0)
            log::warning("the accept queue stays at cpp-httplib's 5 connections: {}", std::strerror(errno));
    }
}

// What HttpApi and the dashboard take of server.toml.
ApiSettings apiSettings(const ServerSettings& settings) {
    return {.maxBodyBytes = settings.maxBodyBytes,
            .maxDecompressedBytes = settings.maxDecompressedBytes,
            .trustForwardedFor = settings.trustForwardedFor,
            .requestsPerMinute = settings.requestsPerMinute,
            .enrollPerMinute = settings.enrollPerMinute,
            // A day's worth at once, or one largest body when that is more.
            .inventory = InventoryLimits{settings.inventoryBytesPerDay,
                                         std::max(settings.inventoryBytesPerDay, settings.maxDecompressedBytes),
                                         settings.inventoryHistoryDays}};
}

DashboardSettings dashboardSettings(const ServerSettings& settings) {
    return {.webRoot = settings.webRoot,
            .smallCellK = settings.smallCellK,
            .breakdownDelayDays = settings.breakdownDelayDays,
            .silentDays = settings.silentDays,
            .staffAuth = staffAuthSettings(settings)};
}

} // namespace

int serve(const ServerSettings& settings, const ServeOptions& options) {
    // Blocked before any thread starts so that every thread inherits the mask and only the waiter
    // below ever sees SIGTERM and SIGINT: httplib's stop() is not async-signal-safe.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    std::signal(SIGPIPE, SIG_IGN); // a client gone mid-answer is an error return, not a death

    const std::string listenText = options.listen.value_or(settings.listen);
    const auto address = parseListenAddress(listenText);
    if (!address) {
        log::error("--listen {}: must be HOST:PORT, e.g. 127.0.0.1:8080", listenText);
        return 2;
    }
    if (!listenAllowed(settings, *address, listenText)) return 2;
    SystemClock clock;
    std::unique_ptr<ServerDb> db;
    std::unique_ptr<httplib::Server> server;
    try {
        db = std::make_unique<ServerDb>(settings.database, ServerDb::Integrity::Checked);
        SqliteUsageStore(*db).forgetAnswersOlderThan(kAnswersKeptFor);
        server = makeServer(settings);
    } catch (const std::exception& e) {
        log::error("{}", e.what());
        return 1;
    }
    const auto threads = static_cast<std::size_t>(settings.threads);
    server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    // cpp-httplib leaves Nagle's algorithm on: a kept-alive answer's last write then waits ~40 ms
    // for the client's delayed ACK (measured on /healthz: 43 ms kept alive, 0.1 ms without).
    server->set_tcp_nodelay(true);
    server->set_read_timeout(kReadTimeout);
    server->set_write_timeout(kWriteTimeout);
    server->set_keep_alive_timeout(kIdleTimeout.count());
    server->set_keep_alive_max_count(kRequestsPerConnection);
    installRequestGuard(*server);
    if (!settings.tlsCertificate.empty())
        server->set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
            res.set_header("Strict-Transport-Security", kHsts);
        });
    SqliteTerminalStore terminals(*db);
    SqliteUsageStore usage(*db);
    SqliteHeartbeatStore heartbeats(*db);
    SqliteInventoryStore inventories(*db);
    SqliteStoreHealth health(*db);
    HttpApi api(terminals, usage, heartbeats, inventories, health, apiSettings(settings), clock);
    api.install(*server);
    // Without its templates the dashboard is off, but the terminals' API still serves: their
    // days must not pile up in outboxes because of a packaging mistake.
    SqliteStaffStore staff(*db);
    std::unique_ptr<Dashboard> dashboard;
    SqliteStatsStore stats(*db);
    try {
        dashboard = std::make_unique<Dashboard>(staff, stats, dashboardSettings(settings), clock);
        dashboard->install(*server);
    } catch (const std::exception& e) {
        log::error("the dashboard is off: {} (check dashboard.web_root)", e.what());
    }

    int port = address->port;
    if (port == 0) {
        port = server->bind_to_any_port(address->host);
        if (port < 0) port = 0;
    } else if (!server->bind_to_port(address->host, port)) {
        port = 0;
    }
    if (port == 0) {
        log::error("cannot listen on {}: the address is in use or not this machine's", listenText);
        return 1;
    }
    widenAcceptQueue(port);
    const bool ipv6 = address->host.find(':') != std::string::npos;
    std::fprintf(stderr, "dps-server: listening on %s://%s%s%s:%d\n",
                 settings.tlsCertificate.empty() ? "http" : "https", ipv6 ? "[" : "", address->host.c_str(),
                 ipv6 ? "]" : "", port);
    std::fflush(stderr);
    if (!options.portFile.empty()) writePortFile(options.portFile, port);

    std::atomic<bool> signalled{false};
    std::thread waiter([&] {
        int sig = 0;
        sigwait(&stopSignals, &sig);
        signalled = true;
        log::info("{}: stopping (requests under way finish first)", sig == SIGINT ? "SIGINT" : "SIGTERM");
        server->stop();
    });
    const bool ok = server->listen_after_bind();
    // Stopped some other way: wake the waiter with a signal it is waiting for.
    if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    if (!ok && !signalled) {
        log::error("the server stopped listening on {}", listenText);
        return 1;
    }
    log::info("stopped");
    return 0;
}

} // namespace dps::server
