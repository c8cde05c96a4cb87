#pragma once
// The first half of a sync pass: recompute the days of kiosk.db that may have changed and queue
// every day whose counters (or finality) differ from the last record, with the next revision,
// all in one agent.db transaction, before anything is sent.
#include "agent/store/AgentDb.h"
#include "agent/store/KioskDbReader.h"

#include <atomic>
#include <cstdint>
#include <string>

namespace dps::agent {

struct CollectSettings {
    // Days this recent are always recomputed (a repair marked late, a visit closed late);
    // older ones only until their final record is acknowledged.
    int lookbackDays = 14;
    // Past this many queued records, no new day is queued (the oldest stay; the rest wait in
    // kiosk.db, which keeps unreported visits).
    std::int64_t outboxCap = 2000;
};

struct CollectResult {
    int examined = 0;
    int queued = 0;
    int heldBack = 0; // changed days not queued because the outbox is full
};

class UsageCollector {
public:
    UsageCollector(AgentDb& agentDb, CollectSettings settings) : agentDb_(agentDb), settings_(settings) {}
    // today: the terminal's local date now; a day before it with no open visit is final.
    // stop: checked between days, so that a long first pass (months of backlog) does not hold
    // up SIGTERM; the days done so far are committed, the others come next time.
    CollectResult collect(KioskDbReader& kiosk, const std::string& today, const std::atomic<bool>* stop = nullptr);

private:
    AgentDb& agentDb_;
    CollectSettings settings_;
};

// "2026-11-30" plus n days (n may be negative).
std::string addDays(const std::string& date, int n);

} // namespace dps::agent
