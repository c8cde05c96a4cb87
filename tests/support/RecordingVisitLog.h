#pragma once
#include "kiosk/core/VisitLog.h"

#include <string>
#include <vector>

namespace dps::test {

// Keeps visits in memory and can be told to fail, as a full disk would.
class RecordingVisitLog final : public kiosk::VisitLog {
public:
    struct Visit {
        WallTime start;
        std::string language;
        std::optional<WallTime> end;
        std::optional<kiosk::EndReason> reason;
        std::string localDate;
        std::optional<kiosk::GuidedVisit> guided;
        std::optional<WallTime> lastActivity;
        kiosk::VisitOutcome outcome;
        std::optional<kiosk::FreeUseRecord> freeUse; // the last written
        int freeUseWrites = 0;
    };

    std::optional<kiosk::VisitId> open(WallTime start, std::string_view localDate, std::string_view language) override {
        if (failWrites) return std::nullopt;
        Visit v;
        v.start = start;
        v.language = language;
        v.localDate = localDate;
        visits.push_back(std::move(v));
        return static_cast<kiosk::VisitId>(visits.size() - 1);
    }
    bool guide(kiosk::VisitId id, const kiosk::GuidedVisit& session) override {
        if (failWrites || !kiosk::consentProblem(session).empty()) return false;
        visits.at(static_cast<std::size_t>(id)).guided = session;
        return true;
    }
    bool touch(kiosk::VisitId id, WallTime at) override {
        if (failWrites) return false;
        visits.at(static_cast<std::size_t>(id)).lastActivity = at;
        return true;
    }
    bool language(kiosk::VisitId id, std::string_view language) override {
        if (failWrites) return false;
        visits.at(static_cast<std::size_t>(id)).language = language;
        return true;
    }
    bool outcome(kiosk::VisitId id, const kiosk::VisitOutcome& o) override {
        if (failWrites) return false;
        visits.at(static_cast<std::size_t>(id)).outcome = o;
        return true;
    }
    bool freeUse(kiosk::VisitId id, const kiosk::FreeUseRecord& r) override {
        if (failWrites) return false;
        auto& v = visits.at(static_cast<std::size_t>(id));
        v.freeUse = r;
        ++v.freeUseWrites;
        return true;
    }
    bool close(kiosk::VisitId id, WallTime end, kiosk::EndReason reason) override {
        ++closeCalls;
        if (failWrites) return false;
        auto& v = visits.at(static_cast<std::size_t>(id));
        v.end = end;
        v.reason = reason;
        return true;
    }

    bool event(kiosk::VisitId id, WallTime, const kiosk::VisitEvent& e) override {
        if (failWrites) return false;
        events.push_back({id, e});
        return true;
    }

    std::vector<Visit> visits;
    std::vector<std::pair<kiosk::VisitId, kiosk::VisitEvent>> events;
    int closeCalls = 0;
    bool failWrites = false;
};

} // namespace dps::test
