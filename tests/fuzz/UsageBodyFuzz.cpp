// libFuzzer target: whatever bytes a terminal (or anyone with a token) sends as a usage batch, a
// heartbeat, an inventory or an enrollment, the parsers give a value or a BodyError, never a crash, an
// out-of-bounds read or an exception; and what they accept writes back to text they read the same
// way. The same bytes as dps-agent's status file, which the kiosk's retention reads: a status or
// none, and a date only when it is one. Every one of them, and parseBoundedJson (enroll's and the
// agent's parser), keeps the depth limit: nothing nested deeper than 32 levels is accepted
// (issue 17).
//   tests/fuzz/run-usage-fuzz.sh [SECONDS]
#include "dps/protocol/AgentStatus.h"
#include "dps/protocol/BoundedJson.h"
#include "dps/protocol/EnrollJson.h"
#include "dps/protocol/HeartbeatJson.h"
#include "dps/protocol/InventoryJson.h"
#include "dps/protocol/UsageJson.h"
#include "kiosk/core/visit/Retention.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace {

// How deep arrays and objects nest in text read as JSON (strings and their escapes skipped), as a
// reference the parsers are checked against: counted here, independently of nlohmann's parser.
std::size_t nestingDepth(std::string_view text) {
    std::size_t depth = 0, deepest = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    const bool tooDeep = nestingDepth(body) > dps::protocol::kMaxJsonDepth;

    try {
        (void)dps::protocol::parseBoundedJson(body);
        if (tooDeep) std::abort(); // accepted past the limit
    } catch (const dps::protocol::JsonTooDeep&) {
        if (!tooDeep) std::abort(); // refused within it
    } catch (const nlohmann::json::exception&) {
    }

    const auto usage = dps::protocol::parseUsageBatch(body);
    if (const auto* batch = std::get_if<dps::protocol::UsageBatch>(&usage)) {
        if (tooDeep) std::abort();
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
        if (tooDeep) std::abort();
        // The kiosk's state: minutes only with a free-use session (which must say its time left),
        // within the bound.
        if (const auto& k = h->kiosk) {
            const bool freeUse = k->state == "free_use";
            if (freeUse != k->minutesLeft.has_value() || (!freeUse && k->helpAskedMinutes)) std::abort();
            for (const auto& m : {k->minutesLeft, k->helpAskedMinutes})
                if (m && (*m < 0 || *m > dps::protocol::kMaxKioskMinutes)) std::abort();
        }
        const auto again = dps::protocol::parseHeartbeat(dps::protocol::heartbeatJson(*h));
        const auto* same = std::get_if<dps::protocol::Heartbeat>(&again);
        if (!same || !(*same == *h)) std::abort();
    } else {
        const auto& e = std::get<dps::protocol::BodyError>(heartbeat);
        if ((e.status != 400 && e.status != 422) || e.code.empty()) std::abort();
    }

    const auto inventory = dps::protocol::parseInventory(body);
    if (const auto* message = std::get_if<dps::protocol::InventoryMessage>(&inventory)) {
        // The parser stops at twice the limit; what it keeps (a repeated key keeps its last value
        // only) is held to the limit itself.
        if (nestingDepth(body) > 2 * dps::protocol::kMaxInventoryDepth ||
            nestingDepth(message->canonical) > dps::protocol::kMaxInventoryDepth)
            std::abort();
        const auto again = dps::protocol::parseInventory(message->canonical);
        const auto* same = std::get_if<dps::protocol::InventoryMessage>(&again);
        if (!same || same->canonical != message->canonical) std::abort();
    } else {
        const auto& e = std::get<dps::protocol::BodyError>(inventory);
        if ((e.status != 400 && e.status != 422) || e.code.empty()) std::abort();
    }

    // The enrollment's request (the server reads it from anyone, before any credential) and its
    // answer (the agent reads it): a value within the limits that writes back to itself, or a
    // BodyError.
    const auto enroll = dps::protocol::parseEnrollRequest(body);
    if (const auto* request = std::get_if<dps::protocol::EnrollRequest>(&enroll)) {
        if (tooDeep || request->code.size() > dps::protocol::kMaxEnrollFieldLength ||
            request->agentVersion.size() > dps::protocol::kMaxEnrollFieldLength)
            std::abort();
        const auto again = dps::protocol::parseEnrollRequest(dps::protocol::enrollRequestJson(*request));
        const auto* same = std::get_if<dps::protocol::EnrollRequest>(&again);
        if (!same || !(*same == *request)) std::abort();
    } else {
        const auto& e = std::get<dps::protocol::BodyError>(enroll);
        if ((e.status != 400 && e.status != 422) || e.code.empty()) std::abort();
    }
    const auto answer = dps::protocol::parseEnrollAnswer(body);
    if (const auto* a = std::get_if<dps::protocol::EnrollAnswer>(&answer)) {
        if (tooDeep) std::abort();
        const auto again = dps::protocol::parseEnrollAnswer(dps::protocol::enrollAnswerJson(*a));
        const auto* same = std::get_if<dps::protocol::EnrollAnswer>(&again);
        if (!same || !(*same == *a)) std::abort();
    } else if (std::get<dps::protocol::BodyError>(answer).code.empty()) {
        std::abort();
    }

    if (const auto status = dps::protocol::parseAgentStatus(body)) {
        if (body.size() > dps::protocol::kMaxAgentStatusBytes || tooDeep) std::abort();
        if (const auto date = dps::kiosk::parseIsoDate(status->acknowledgedThrough);
            date && (!date->ok() || status->acknowledgedThrough.size() != 10))
            std::abort();
    }
    return 0;
}
