#pragma once
#include "dps/core/Clock.h"
#include "kiosk/core/visit/VisitFacts.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dps::kiosk {

enum class EndReason {
    Finished,         // the visitor pressed Finish (or answered the end questions)
    IdleTimeout,      // nobody answered "Are you still there?"
    FacilitatorEnded, // a facilitator ended the guided session
    Closing,          // the opening hours ended
    Shutdown,         // the kiosk was stopped (SIGTERM)
    Interrupted,      // found open at the next start: power cut, crash
};
std::string_view endReasonName(EndReason r);

using VisitId = std::int64_t;

// Something that happened during a visit; names a tutorial, never a person.
struct VisitEvent {
    enum class Kind {
        TutorialStarted,
        StepReached,
        TutorialCompleted,
        TutorialAbandoned,
        EidCheckOutcome,
        EidPinTest,
        EquipmentReported
    };
    Kind kind;
    std::string tutorialId;
    int tutorialVersion = 0;
    int step = 0;        // 1-based; the step reached, or the step left at
    std::string outcome; // the stable outcome code (e-ID), or item:state (equipment)
};
std::string_view visitEventName(VisitEvent::Kind k);

// How a visit ended, besides its reason: a guided session's autonomy and referral, the free-use
// end questions' answers. Each is optional: nobody has to answer.
struct VisitOutcome {
    std::optional<Autonomy> autonomy;
    std::optional<Referral> referral;
    std::optional<Purpose> cameFor;
    std::optional<Helped> helped;
};

// How a free-use session ended (issue 20).
enum class FreeUseEnd {
    Finished,    // "Finish and erase"
    TimeUp,      // its time ran out
    Idle,        // nobody answered "Are you still there?"
    Closing,     // the opening hours ended
    Facilitator, // a facilitator ended it
    Crashed,     // the browser died and could not be brought back
    Interrupted, // the kiosk stopped, or was found cut off at its next start
};
std::string_view freeUseEndName(FreeUseEnd e);

// All a visit keeps of a free-use session: never a URL, a file name or anything typed.
struct FreeUseRecord {
    int minutes = 0;               // whole minutes, rounded up, from Start to the end
    std::optional<FreeUseEnd> end; // nullopt while it runs
    int pagesPrinted = 0;
    bool usbUsed = false;
    bool eidUsed = false;
};

// Where visits are recorded (kiosk.db in production). Anonymous by construction: a visit is
// times, a language, what kind of visit it was and how it ended, nothing that could name a
// person (docs/visit-log.md lists what is never recorded).
// Failures are returned, not thrown: a full disk must not stop a citizen's visit.
class VisitLog {
public:
    virtual ~VisitLog() = default;
    // localDate: the day as the people at the terminal count it ("2026-11-23").
    virtual std::optional<VisitId> open(WallTime start, std::string_view localDate, std::string_view language) = 0;
    // Makes the visit a guided session. Refused (false, nothing written) when consentProblem()
    // finds one: no audience tag is ever stored without consent.
    virtual bool guide(VisitId id, const GuidedVisit& session) = 0;
    virtual bool event(VisitId id, WallTime at, const VisitEvent& event) = 0;
    // The visitor is still there (so an interrupted visit ends at its last sign of life).
    virtual bool touch(VisitId id, WallTime at) = 0;
    // The visitor chose another language during the visit: the visit's language is the last one
    // chosen (docs/visit-log.md).
    virtual bool language(VisitId id, std::string_view language) = 0;
    virtual bool outcome(VisitId id, const VisitOutcome& outcome) = 0;
    // The visit's free-use session: written when it starts (end unset, so a session cut off by a
    // power loss is found as such) and again when it ends.
    virtual bool freeUse(VisitId id, const FreeUseRecord& record) = 0;
    virtual bool close(VisitId id, WallTime end, EndReason reason) = 0;
};

} // namespace dps::kiosk
