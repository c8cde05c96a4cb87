// libFuzzer target: whatever bytes a terminal (or anyone with a token) sends as a usage batch or
// a heartbeat, the parsers give a value or a BodyError, never a crash, an out-of-bounds read or
// an exception; and what they accept writes back to text they read the same way. The same bytes
// as dps-agent's status file, which the kiosk's retention reads: a status or none, and a date
// only when it is one.
//   tests/fuzz/run-usage-fuzz.sh [SECONDS]
#include "core/visit/Retention.h"
#include "dps/protocol/AgentStatus.h"
#include "dps/protocol/HeartbeatJson.h"
#include "dps/protocol/UsageJson.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);

    const auto usage = dps::protocol::parseUsageBatch(body);
    if (const auto* batch = std::get_if<dps::protocol::UsageBatch>(&usage)) {
        std::vector<std::string> records;
        for (const auto& r : batch->records)
            records.push_back(dps::protocol::recordJson(r));
        const auto again = dps::protocol::parseUsageBatch(dps::protocol::batchJson(batch->batchId, records));
        const auto* same = std::get_if<dps::protocol::UsageBatch>(&again);
        if (!same || same->records != batch->records) std::abort();
    } else {
        const auto& e = std::get<dps::protocol::BodyError>(usage);
        if ((e.status != 400 && e.status != 422) || e.code.empty()) std::abort();
    }

    const auto heartbeat = dps::protocol::parseHeartbeat(body);
    if (const auto* h = std::get_if<dps::protocol::Heartbeat>(&heartbeat)) {
        const auto again = dps::protocol::parseHeartbeat(dps::protocol::heartbeatJson(*h));
        const auto* same = std::get_if<dps::protocol::Heartbeat>(&again);
        if (!same || !(*same == *h)) std::abort();
    } else {
        const auto& e = std::get<dps::protocol::BodyError>(heartbeat);
        if ((e.status != 400 && e.status != 422) || e.code.empty()) std::abort();
    }

    if (const auto status = dps::protocol::parseAgentStatus(body)) {
        if (body.size() > dps::protocol::kMaxAgentStatusBytes) std::abort();
        if (const auto date = dps::kiosk::parseIsoDate(status->acknowledgedThrough);
            date && (!date->ok() || status->acknowledgedThrough.size() != 10))
            std::abort();
    }
    return 0;
}
