#include "agent/jobs/JobSettings.h"

namespace dps::agent {

CurlSettings curlSettings(const JobSettings& settings, const std::string& server) {
    CurlSettings c;
    c.baseUrl = server;
    c.caFile = settings.caFile;
    c.insecure = settings.insecure;
    c.connectTimeout = std::chrono::seconds(settings.connectTimeoutSeconds);
    c.totalTimeout = std::chrono::seconds(settings.timeoutSeconds);
    c.userAgent = std::string("dps-agent/") + DPS_VERSION;
    return c;
}

} // namespace dps::agent
