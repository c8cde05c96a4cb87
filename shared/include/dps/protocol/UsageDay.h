#pragma once
// One terminal's usage on one local day, as docs/protocol.md sends it: absolute, marginal
// counts (each attribute on its own), built from the visits of that day. Plain C++: the
// agent's kiosk.db reader feeds it, its tests feed it by hand.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dps::protocol {

using Counts = std::map<std::string, int>;

struct TutorialCounts {
    int started = 0;
    int completed = 0;
    int abandoned = 0;
    bool operator==(const TutorialCounts&) const = default;
};

// What the agent reads of one closed visit: codes only, as kiosk.db holds them.
struct VisitEventRow {
    std::string kind; // tutorial_started, eid_check… (docs/visit-log.md)
    std::string tutorialId;
    std::string outcome;
};
// A visit's free-use (browser) session, as kiosk.db's step 8 keeps it: how long, how it ended
// aside, what was used. Counted only as sums of the day (docs/protocol.md).
struct FreeUseRow {
    int minutes = 0; // whole minutes, rounded up by the kiosk
    int pages = 0;
    bool eid = false;
    bool usb = false;
};
struct VisitRow {
    std::string localDate;
    std::string language;
    std::string mode = "free";
    int groupSize = 1;
    std::chrono::seconds length{0};
    std::string endReason;
    std::vector<std::string> purposes, audiences;
    std::optional<std::string> cameFor, helped, autonomy, referral;
    std::vector<VisitEventRow> events;
    std::optional<FreeUseRow> freeUse; // none: the visit had no free-use session
};

// The free-use sessions of a day, added up (issue 20). Sent only when `visits` is not 0, so a day
// without any is the same record as before the field existed.
struct FreeUseCounts {
    int visits = 0;  // visits that had a free-use session
    int minutes = 0; // their sessions' minutes added up
    int pages = 0;   // pages printed during them
    int eid = 0;     // sessions in which the e-ID was used in the browser
    int usb = 0;     // sessions in which a USB stick was used
    bool operator==(const FreeUseCounts&) const = default;
};

struct UsageDay {
    std::string date; // YYYY-MM-DD, local
    int visits = 0;
    Counts byMode;
    int groupParticipants = 0;
    std::chrono::seconds used{0}; // sent as whole minutes, rounded once for the day
    Counts length;                // lt5, 5-15, 15-30, 30-60, ge60
    Counts byLanguage, byPurpose, byAudience;
    std::map<std::string, TutorialCounts> tutorials;
    Counts eidChecks, pinTests;
    Counts cameFor, helped, autonomy, referral;
    Counts equipmentProblems;
    Counts byEndReason;
    FreeUseCounts freeUse;

    [[nodiscard]] int minutes() const;
    bool operator==(const UsageDay&) const = default;
};

// The length bucket a visit falls in.
std::string lengthBucket(std::chrono::seconds length);

// Counts one visit into its day (visit.localDate must be day.date).
void addVisit(UsageDay& day, const VisitRow& visit);
// Counts one equipment report made that day; "repaired" is not a problem and counts nowhere.
void addEquipmentReport(UsageDay& day, const std::string& item, const std::string& state);

} // namespace dps::protocol
