#pragma once
// One of the service's jobs (usage sync, heartbeat, inventory) as JobLoop runs it: when it is
// first due, one pass that says when it is due next, and what to do after a pass that threw.
#include "agent/core/Backoff.h"

#include <string>

namespace dps::agent {

class Job {
public:
    virtual ~Job() = default;
    // For the log: "usage sync", "heartbeat", "inventory".
    [[nodiscard]] virtual std::string name() const = 0;
    // The wait from the service's start to the first pass.
    virtual Seconds firstDelay() = 0;
    // One pass, said in the log; the wait until the next (the interval with jitter, or the
    // backoff after a failed send).
    virtual Seconds run() = 0;
    // After run() threw (a locked or damaged agent.db, a full disk): lets go of what may be
    // broken, so the next pass opens it again, and says when that pass is due.
    virtual Seconds recover() = 0;
};

} // namespace dps::agent
