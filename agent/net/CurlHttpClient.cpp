#include "agent/net/CurlHttpClient.h"

#include "dps/log/Log.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <zlib.h>

#include <memory>

namespace dps::agent {
namespace {

constexpr std::size_t kMaxAnswer = 1 << 20; // an answer is a few hundred bytes; never hold more

CURL* handle(void* p) { return static_cast<CURL*>(p); }

// Only what cannot leave this machine: an IPv4 address in 127.0.0.0/8 (parsed, so that
// "127.0.0.1.example.org" is not one), ::1, or localhost.
bool isLoopback(const std::string& host) {
    if (host == "localhost" || host == "::1" || host == "[::1]") return true;
    in_addr v4{};
    return ::inet_pton(AF_INET, host.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

size_t collect(char* data, size_t size, size_t n, void* user) {
    auto* out = static_cast<std::string*>(user);
    if (out->size() + size * n > kMaxAnswer) return 0; // makes curl fail the transfer
    out->append(data, size * n);
    return size * n;
}

} // namespace

void checkServerUrl(const std::string& url, bool insecure) {
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), curl_url_cleanup);
    if (curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
        throw UrlRefused("'" + url + "' is not a URL (write it like https://stats.example.brussels)");
    char* scheme = nullptr;
    char* host = nullptr;
    curl_url_get(u.get(), CURLUPART_SCHEME, &scheme, 0);
    curl_url_get(u.get(), CURLUPART_HOST, &host, 0);
    const std::string s = scheme ? scheme : "", h = host ? host : "";
    curl_free(scheme);
    curl_free(host);
    if (s == "https") return;
    if (s != "http") throw UrlRefused("'" + url + "': the server's address must start with https://");
    if (isLoopback(h)) return;
    if (!insecure)
        throw UrlRefused("'" + url +
                         "' is plain HTTP to another machine: the token and the counts would cross the network "
                         "unencrypted. Use https://, or set server.insecure = true for a closed test network");
    log::warning("server {} is reached over plain HTTP (server.insecure = true): nothing is encrypted", url);
}

std::string gzipCompress(const std::string& data) {
    z_stream z{};
    // 15 + 16: a gzip wrapper rather than zlib's, as Content-Encoding: gzip means.
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 6, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib could not start");
    std::string out(deflateBound(&z, data.size()) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("zlib could not compress a body");
    return out;
}

std::string zlibCompress(const std::string& data) {
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                  static_cast<uLong>(data.size()), Z_BEST_COMPRESSION) != Z_OK)
        throw std::runtime_error("zlib could not compress a body");
    out.resize(size);
    return out;
}

CurlHttpClient::CurlHttpClient(CurlSettings settings, const std::atomic<bool>* stop)
    : settings_(std::move(settings)), stop_(stop) {
    checkServerUrl(settings_.baseUrl, settings_.insecure);
    curl_ = curl_easy_init();
    multi_ = curl_multi_init();
    while (!settings_.baseUrl.empty() && settings_.baseUrl.back() == '/')
        settings_.baseUrl.pop_back();
    if (!curl_ || !multi_) throw std::runtime_error("libcurl could not start");
}

CurlHttpClient::~CurlHttpClient() {
    curl_easy_cleanup(handle(curl_));
    curl_multi_cleanup(static_cast<CURLM*>(multi_));
}

HttpResponse CurlHttpClient::post(const HttpRequest& request) {
    CURL* c = handle(curl_);
    curl_easy_reset(c);
    HttpResponse response;
    const std::string body = request.glpi ? zlibCompress(request.body) : gzipCompress(request.body);
    response.bytesSent = body.size();
    const std::string url = settings_.baseUrl + request.path;

    curl_slist* headers = nullptr;
    if (request.glpi) {
        headers = curl_slist_append(headers, "Content-Type: application/x-compress-zlib");
        headers = curl_slist_append(headers, ("GLPI-Agent-ID: " + request.glpi->agentId).c_str());
    } else {
        headers = curl_slist_append(headers, "Content-Type: application/json");
        headers = curl_slist_append(headers, "Content-Encoding: gzip");
    }
    headers = curl_slist_append(headers, "Expect:"); // no 100-continue round trip for small bodies
    if (request.bearer) headers = curl_slist_append(headers, ("Authorization: Bearer " + *request.bearer).c_str());
    if (request.idempotencyKey)
        headers = curl_slist_append(headers, ("Idempotency-Key: " + *request.idempotencyKey).c_str());

    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR,
                     settings_.insecure || url.rfind("http://", 0) == 0 ? "http,https" : "https");
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_USERAGENT, settings_.userAgent.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings_.connectTimeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(settings_.totalTimeout.count()));
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!settings_.caFile.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings_.caFile.c_str());
    if (request.glpi && !request.glpi->user.empty()) {
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(c, CURLOPT_USERNAME, request.glpi->user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, request.glpi->password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);

    // The multi interface, polled in 100 ms slices, so that a stop request ends a transfer at
    // once rather than at curl's next progress call (up to a second on a stalled link).
    CURLM* m = static_cast<CURLM*>(multi_);
    curl_multi_add_handle(m, c);
    CURLcode rc = CURLE_OK;
    for (int running = 1;;) {
        curl_multi_perform(m, &running);
        if (!running) break;
        if (stop_ && stop_->load()) {
            rc = CURLE_ABORTED_BY_CALLBACK;
            break;
        }
        curl_multi_poll(m, nullptr, 0, 100, nullptr);
    }
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(m, &left))
        if (msg->msg == CURLMSG_DONE && msg->easy_handle == c && rc == CURLE_OK) rc = msg->data.result;
    curl_multi_remove_handle(m, c);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
        // An answer cut short or a connection dropped after the status line is no answer: the
        // batch may or may not have been stored, and sending it again is harmless (rev).
        response.status = 0;
        response.error = rc == CURLE_ABORTED_BY_CALLBACK ? "stopped" : curl_easy_strerror(rc);
        return response;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
    curl_off_t retryAfter = 0;
    if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &retryAfter) == CURLE_OK && retryAfter > 0)
        response.retryAfter = std::chrono::seconds(retryAfter);
    return response;
}

} // namespace dps::agent
