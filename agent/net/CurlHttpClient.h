#pragma once
// HttpClient over libcurl: TLS verified against the system's or a given CA file, plain HTTP only
// to this machine (or with `insecure`, said in the log), connect and total timeouts, gzip bodies,
// and a transfer that stops within a fraction of a second when the agent is asked to stop.
#include "agent/net/HttpClient.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace dps::agent {

struct CurlSettings {
    std::string baseUrl;
    std::filesystem::path caFile; // empty: the system's store
    bool insecure = false;        // allow plain HTTP to another machine
    std::chrono::seconds connectTimeout{10};
    std::chrono::seconds totalTimeout{60};
    std::string userAgent = "dps-agent";
};

// The URL is refused before any connection: wrong scheme, or plain HTTP off this machine.
class UrlRefused : public std::runtime_error {
    using std::runtime_error::runtime_error;
};
void checkServerUrl(const std::string& url, bool insecure);

class CurlHttpClient final : public HttpClient {
public:
    // stop: when it turns true, a transfer in flight is abandoned (status 0, "stopped").
    CurlHttpClient(CurlSettings settings, const std::atomic<bool>* stop = nullptr);
    ~CurlHttpClient() override;
    CurlHttpClient(const CurlHttpClient&) = delete;
    CurlHttpClient& operator=(const CurlHttpClient&) = delete;
    HttpResponse post(const HttpRequest& request) override;

private:
    CurlSettings settings_;
    const std::atomic<bool>* stop_;
    void* curl_ = nullptr;  // one easy and one multi handle for the agent's life, so that the
    void* multi_ = nullptr; // connection (and its TLS session) is reused between batches
};

// gzip (RFC 1952) of a body; zlib (RFC 1950) for GLPI.
std::string gzipCompress(const std::string& data);
std::string zlibCompress(const std::string& data);

} // namespace dps::agent
