#pragma once
#include "dps/core/Clock.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dps::kiosk {

enum class EndReason { Finished, IdleTimeout, Shutdown, Interrupted };
std::string_view endReasonName(EndReason r);

using VisitId = std::int64_t;

// Something that happened during a visit; names a tutorial, never a person.
struct VisitEvent {
    enum class Kind { TutorialStarted, StepReached, TutorialCompleted, TutorialAbandoned, EidCheckOutcome, EidPinTest };
    Kind kind;
    std::string tutorialId;
    int tutorialVersion = 0;
    int step = 0;        // 1-based; the step reached, or the step left at
    std::string outcome; // EidCheckOutcome, EidPinTest: the stable outcome code only
};
std::string_view visitEventName(VisitEvent::Kind k);

// Where visits are recorded (kiosk.db in production). Anonymous by construction: a visit is
// times, a language and how it ended, nothing that could name a person.
// Failures are returned, not thrown: a full disk must not stop a citizen's visit.
class VisitLog {
public:
    virtual ~VisitLog() = default;
    virtual std::optional<VisitId> open(WallTime start, std::string_view language) = 0;
    virtual bool close(VisitId id, WallTime end, EndReason reason) = 0;
    virtual bool event(VisitId id, WallTime at, const VisitEvent& event) = 0;
};

} // namespace dps::kiosk
