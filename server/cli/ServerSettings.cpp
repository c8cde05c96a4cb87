#include "server/cli/ServerSettings.h"

#include "server/core/ListenAddress.h"

namespace dps::server {
namespace {

config::Schema<ServerSettings> makeSchema() {
    using S = ServerSettings;
    config::Schema<S> s("dps-server");
    s.path("storage.database", &S::database, "/var/lib/dps-server/server.db",
           "The server's database (SQLite, WAL). A relative path is taken from this file's folder.");
    s.checkedString("http.listen", &S::listen, "127.0.0.1:8080",
                    "Address and port to listen on, HOST:PORT ([::1]:8080 for IPv6; port 0: any free port). "
                    "127.0.0.1 behind nginx (packaging/nginx), the only supported way to face the Internet; "
                    "another address also needs listen_beyond_loopback.",
                    [](const std::string& v) -> std::string {
                        return parseListenAddress(v) ? "" : "must be HOST:PORT, e.g. 127.0.0.1:8080";
                    });
    s.boolean("http.listen_beyond_loopback", &S::listenBeyondLoopback, false,
              "Allow http.listen on an address other than loopback: for nginx on another machine, or a network "
              "whose every client is trusted. Never the Internet: alone, dps-server does not withstand slow or idle "
              "connections (docs/server.md, \"Facing the Internet\"). Off: such an address is refused at start.");
    s.integer("http.threads", &S::threads, 8, 1, 256, "Requests handled at the same time.");
    s.integer("http.max_body_bytes", &S::maxBodyBytes, 1 << 20, 1024, 1 << 30,
              "Largest request body as sent (compressed or not); a larger one is refused with 413.");
    s.integer("http.max_decompressed_bytes", &S::maxDecompressedBytes, 8 << 20, 1024, 1 << 30,
              "Largest request body once gunzipped; a larger one is refused with 413 as soon as it is "
              "reached (no gzip bomb fills the memory). The agent splits a refused batch.");
    s.boolean("http.trust_x_forwarded_for", &S::trustForwardedFor, false,
              "Take the client's address from the last X-Forwarded-For entry (only behind a reverse proxy "
              "that sets it; otherwise anyone could choose their address and dodge the enroll limit).");
    s.path("tls.certificate", &S::tlsCertificate, "",
           "Certificate chain (PEM) to serve HTTPS with; empty: plain HTTP (behind a TLS reverse proxy).");
    s.path("tls.key", &S::tlsKey, "", "Private key (PEM) of tls.certificate.");
    s.integer("limits.requests_per_minute", &S::requestsPerMinute, 60, 1, 100000,
              "Requests a terminal may make per minute (in a burst, then evenly); more get 429 with Retry-After.");
    s.integer("limits.enroll_per_minute", &S::enrollPerMinute, 10, 1, 100000,
              "Enrollment attempts per client address per minute, against guessing codes.");
    s.integer("limits.inventory_bytes_per_day", &S::inventoryBytesPerDay, 8 << 20, 65536, 1LL << 34,
              "Bytes a terminal's inventories may write to server.db per day (the document and its changes; an "
              "unchanged inventory writes nothing); more get 429 with Retry-After. A burst of a day's worth, or of "
              "http.max_decompressed_bytes when that is larger.");
    s.integer("inventory.history_days", &S::inventoryHistoryDays, 730, 30, 36500,
              "Days the history of what appeared and disappeared from the terminals' equipment is kept.");
    s.integer("enrollment.code_days", &S::enrollmentCodeDays, 7, 1, 90,
              "Days an enrollment code from 'dps-server terminal add' stays valid.");
    s.string("log.level", &S::logLevel, "info", "Least important messages written to the log.",
             {"debug", "info", "warning", "error"});
    s.path("dashboard.web_root", &S::webRoot, "",
           "Folder of the dashboard's templates, styles, scripts and catalogues; empty: share/dps-server/web "
           "beside the program's bin/ folder.");
    s.integer("dashboard.small_cell_k", &S::smallCellK, 5, 3, 100,
              "A breakdown's cell counting 1 to k-1 visits is shown as \"<k\", and other cells are hidden so that "
              "it cannot be worked out from the totals or from other pages (3 at least: \"<2\" would say 1).");
    s.integer("dashboard.breakdown_delay_days", &S::breakdownDelayDays, 7, 0, 60,
              "A month joins the breakdowns (languages, purposes…) this many days after it ends, once the records "
              "of terminals that were off have come in.");
    s.integer("dashboard.silent_days", &S::silentDays, 3, 1, 60,
              "A terminal not heard from for more than this many days is flagged on the overview.");
    s.integer("dashboard.session_idle_minutes", &S::sessionIdleMinutes, 60, 5, 1440,
              "A staff session unused for this long ends: the next page asks to log in again.");
    s.integer("dashboard.session_max_hours", &S::sessionMaxHours, 12, 1, 168,
              "A staff session ends this long after its login, used or not.");
    s.integer("dashboard.login_free_failures", &S::loginFreeFailures, 3, 1, 100,
              "Failed logins allowed for one account or client address before each further attempt must wait.");
    s.integer("dashboard.login_name_free_failures", &S::loginNameFreeFailures, 30, 1, 10000,
              "Failed logins allowed for one account from every browser it has never logged in from, all "
              "addresses together, before each further attempt from such a browser must wait. The browsers it "
              "has logged in from are never slowed by others' failures.");
    s.integer("dashboard.login_max_delay_seconds", &S::loginMaxDelaySeconds, 300, 1, 86400,
              "The wait after failed logins doubles with each one, up to this.");
    s.integer("dashboard.login_hashes_at_once", &S::loginHashesAtOnce, 0, 0, 256,
              "Passwords checked at the same time (Argon2id: a core and 64 MiB each); more logins at once get 503 "
              "with Retry-After. 0: one fewer than the machine's cores, at least 1, so that a core is left for "
              "the terminals.");
    return s;
}

} // namespace

const config::Schema<ServerSettings>& serverSchema() {
    static const config::Schema<ServerSettings> schema = makeSchema();
    return schema;
}

StaffAuthSettings staffAuthSettings(const ServerSettings& settings) {
    return {.sessionIdleMinutes = settings.sessionIdleMinutes,
            .sessionMaxHours = settings.sessionMaxHours,
            .loginFreeFailures = settings.loginFreeFailures,
            .loginNameFreeFailures = settings.loginNameFreeFailures,
            .loginMaxDelaySeconds = settings.loginMaxDelaySeconds,
            .loginHashesAtOnce = settings.loginHashesAtOnce,
            .tls = !settings.tlsCertificate.empty(),
            .trustForwardedFor = settings.trustForwardedFor};
}

} // namespace dps::server
