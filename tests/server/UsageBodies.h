#pragma once
// Usage batches for the server's tests, written with the agent's own writers (recordJson,
// batchJson) so that what the tests send is what a terminal sends.
#include "dps/protocol/UsageJson.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace dps::test {

inline protocol::UsageRecord usageRecord(const std::string& date, std::int64_t rev, int visits, bool final = false) {
    protocol::UsageRecord r;
    r.day.date = date;
    r.day.visits = visits;
    r.day.byMode["free"] = visits;
    r.day.byLanguage["fr"] = visits;
    r.day.byEndReason["finished"] = visits;
    r.rev = rev;
    r.final = final;
    return r;
}

inline std::string usageBatch(const std::vector<protocol::UsageRecord>& records,
                              const std::string& batchId = protocol::newBatchId()) {
    std::vector<std::string> texts;
    for (const auto& r : records)
        texts.push_back(protocol::recordJson(r));
    return protocol::batchJson(batchId, texts);
}

inline std::string heartbeatBody() {
    return R"({"agent_version":"0.1.0","uptime_seconds":60,"free_disk_bytes":1000000,"outbox":2,"dead_letters":0,)"
           R"("last_error":""})";
}

inline std::string gzipped(const std::string& data) {
    z_stream z{};
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + 15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2");
    std::string out(deflateBound(&z, data.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("deflate");
    return out;
}

} // namespace dps::test
