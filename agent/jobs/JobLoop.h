#pragma once
// The service's one loop: it runs each job when it is due, the earliest first (in the order they
// were added when due together), and sleeps until the next one. A job that throws is said in the
// log and waits what its recover() says; the others keep their own schedule.
#include "agent/jobs/Job.h"
#include "dps/core/Clock.h"

#include <functional>
#include <vector>

namespace dps::agent {

class JobLoop {
public:
    // Waits that long, or less when the agent is asked to stop; true when it was (StopSignal's
    // sleepFor in the service, the fake clock's advance in the tests).
    using Sleep = std::function<bool(Seconds)>;

    JobLoop(const Clock& clock, Sleep sleep) : clock_(clock), sleep_(std::move(sleep)) {}
    void add(Job& job) { entries_.push_back({&job, {}}); }
    // Until a sleep says stop; a pass in flight is ended by the jobs' own stop flag.
    void run();

private:
    struct Entry {
        Job* job;
        SteadyTime due;
    };
    const Clock& clock_;
    Sleep sleep_;
    std::vector<Entry> entries_;
};

} // namespace dps::agent
