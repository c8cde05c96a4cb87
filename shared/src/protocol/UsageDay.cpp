#include "dps/protocol/UsageDay.h"

#include <algorithm>

namespace dps::protocol {

int UsageDay::minutes() const { return static_cast<int>((used.count() + 30) / 60); }

std::string lengthBucket(std::chrono::seconds length) {
    using std::chrono::minutes;
    if (length < minutes(5)) return "lt5";
    if (length < minutes(15)) return "5-15";
    if (length < minutes(30)) return "15-30";
    if (length < minutes(60)) return "30-60";
    return "ge60";
}

void addVisit(UsageDay& day, const VisitRow& visit) {
    ++day.visits;
    ++day.byMode[visit.mode];
    if (visit.mode == "guided_group") day.groupParticipants += visit.groupSize;
    // A clock set back during a visit must not take minutes away from the day.
    const auto length = std::max(visit.length, std::chrono::seconds(0));
    day.used += length;
    ++day.length[lengthBucket(length)];
    ++day.byLanguage[visit.language];
    ++day.byEndReason[visit.endReason];
    for (const auto& p : visit.purposes)
        ++day.byPurpose[p];
    for (const auto& a : visit.audiences)
        ++day.byAudience[a];
    const auto answer = [](Counts& counts, const std::optional<std::string>& code) {
        if (code) ++counts[*code];
    };
    answer(day.cameFor, visit.cameFor);
    answer(day.helped, visit.helped);
    answer(day.autonomy, visit.autonomy);
    answer(day.referral, visit.referral);
    if (visit.freeUse) {
        // A negative figure only comes from a damaged file: it must not take from the day.
        ++day.freeUse.visits;
        day.freeUse.minutes += std::max(visit.freeUse->minutes, 0);
        day.freeUse.pages += std::max(visit.freeUse->pages, 0);
        if (visit.freeUse->eid) ++day.freeUse.eid;
        if (visit.freeUse->usb) ++day.freeUse.usb;
    }
    for (const auto& e : visit.events) {
        if (e.kind == "tutorial_started")
            ++day.tutorials[e.tutorialId].started;
        else if (e.kind == "tutorial_completed")
            ++day.tutorials[e.tutorialId].completed;
        else if (e.kind == "tutorial_abandoned")
            ++day.tutorials[e.tutorialId].abandoned;
        else if (e.kind == "eid_check")
            ++day.eidChecks[e.outcome];
        else if (e.kind == "eid_pin_test")
            ++day.pinTests[e.outcome];
        // step_reached is finer than the Region needs; equipment_reported is counted from
        // equipment_reports, which also holds the reports made outside any visit.
    }
}

void addEquipmentReport(UsageDay& day, const std::string& item, const std::string& state) {
    if (state != "repaired") ++day.equipmentProblems[item];
}

} // namespace dps::protocol
