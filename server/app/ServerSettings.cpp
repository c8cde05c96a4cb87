#include "ServerSettings.h"

#include "../core/ListenAddress.h"

namespace dps::server {
namespace {

config::Schema<ServerSettings> makeSchema() {
    using S = ServerSettings;
    config::Schema<S> s("dps-server");
    s.path("storage.database", &S::database, "/var/lib/dps-server/server.db",
           "The server's database (SQLite, WAL). A relative path is taken from this file's folder.");
    s.checkedString("http.listen", &S::listen, "127.0.0.1:8080",
                    "Address and port to listen on, HOST:PORT ([::1]:8080 for IPv6; port 0: any free port). "
                    "127.0.0.1 behind a reverse proxy; 0.0.0.0 to be reached directly (then set [tls]).",
                    [](const std::string& v) -> std::string {
                        return parseListenAddress(v) ? "" : "must be HOST:PORT, e.g. 127.0.0.1:8080";
                    });
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
    s.integer("enrollment.code_days", &S::enrollmentCodeDays, 7, 1, 90,
              "Days an enrollment code from 'dps-server terminal add' stays valid.");
    s.string("log.level", &S::logLevel, "info", "Least important messages written to the log.",
             {"debug", "info", "warning", "error"});
    return s;
}

} // namespace

const config::Schema<ServerSettings>& serverSchema() {
    static const config::Schema<ServerSettings> schema = makeSchema();
    return schema;
}

} // namespace dps::server
