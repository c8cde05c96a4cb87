#pragma once
#include "dps/core/Clock.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace dps::kiosk {

enum class EndReason { Finished, IdleTimeout, Shutdown, Interrupted };
std::string_view endReasonName(EndReason r);

using VisitId = std::int64_t;

// Where visits are recorded (kiosk.db in production). Anonymous by construction: a visit is
// times, a language and how it ended, nothing that could name a person.
// Failures are returned, not thrown: a full disk must not stop a citizen's visit.
class VisitLog {
public:
    virtual ~VisitLog() = default;
    virtual std::optional<VisitId> open(WallTime start, std::string_view language) = 0;
    virtual bool close(VisitId id, WallTime end, EndReason reason) = 0;
};

} // namespace dps::kiosk
