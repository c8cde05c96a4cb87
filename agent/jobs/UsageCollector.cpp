#include "agent/jobs/UsageCollector.h"

#include "dps/core/Clock.h"
#include "dps/log/Log.h"
#include "dps/protocol/UsageJson.h"
#include "dps/storage/Transaction.h"

#include <algorithm>
#include <chrono>
#include <set>

namespace dps::agent {

std::string addDays(const std::string& date, int n) {
    using namespace std::chrono;
    const year_month_day ymd{year(std::stoi(date.substr(0, 4))),
                             month(static_cast<unsigned>(std::stoi(date.substr(5, 2)))),
                             day(static_cast<unsigned>(std::stoi(date.substr(8, 2))))};
    return isoDate(year_month_day{sys_days(ymd) + days(n)});
}

CollectResult UsageCollector::collect(KioskDbReader& kiosk, const std::string& today, const std::atomic<bool>* stop) {
    CollectResult result;
    const std::string recentFrom = addDays(today, -settings_.lookbackDays);
    const auto settledList = agentDb_.settledDates();
    const std::set<std::string> settled(settledList.begin(), settledList.end());

    storage::Transaction tx(agentDb_.db());
    std::int64_t queued = agentDb_.outboxSize();
    for (const auto& date : kiosk.dates()) {
        if (stop && stop->load()) break;
        if (date > today) continue; // a clock set back: that day is not over, nor begun
        if (date < recentFrom && settled.count(date)) continue;
        // The kiosk deletes a day's visits once the server has the day (its storage.retention);
        // the date stays only for its equipment reports. Recomputed, it would replace the
        // server's day with one that has no visit.
        if (settled.count(date) && !kiosk.hasVisits(date)) continue;
        ++result.examined;
        const protocol::UsageDay day = kiosk.day(date);
        const bool final = date < today && !kiosk.hasOpenVisit(date);
        const std::string counters = protocol::countersJson(day);
        const auto before = agentDb_.dayState(date);
        if (before && before->counters == counters && before->final == final) continue;
        // A day already waiting in the outbox is replaced, which does not make it longer.
        const bool waiting = before && before->ackedRev < before->rev;
        if (!waiting && queued >= settings_.outboxCap) {
            ++result.heldBack;
            continue;
        }
        protocol::UsageRecord record{day, before ? before->rev + 1 : 1, final};
        agentDb_.queueDay(date, record.rev, counters, final, protocol::recordJson(record));
        if (!waiting) ++queued;
        ++result.queued;
    }
    tx.commit();
    if (result.heldBack)
        log::warning("outbox full ({} records, limit sync.outbox_limit): {} changed days wait in kiosk.db until "
                     "the server takes the queue; nothing is lost",
                     queued, result.heldBack);
    return result;
}

} // namespace dps::agent
