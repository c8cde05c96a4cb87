#include "agent/jobs/JobLoop.h"

#include "dps/log/Log.h"

#include <algorithm>
#include <exception>

namespace dps::agent {
namespace {

SteadyTime::duration steady(Seconds s) {
    return std::chrono::duration_cast<SteadyTime::duration>(std::max(s, Seconds(0)));
}

} // namespace

void JobLoop::run() {
    const SteadyTime start = clock_.steady();
    for (auto& e : entries_)
        e.due = start + steady(e.job->firstDelay());
    while (!entries_.empty()) {
        // min_element keeps the first of equals: jobs due together run in the order added.
        auto next = std::min_element(entries_.begin(), entries_.end(),
                                     [](const Entry& a, const Entry& b) { return a.due < b.due; });
        const Seconds wait = std::max(Seconds(next->due - clock_.steady()), Seconds(0));
        if (sleep_(wait)) return;
        Seconds after{0};
        try {
            after = next->job->run();
        } catch (const std::exception& e) {
            // Said, and tried again later; what the job keeps in agent.db is in its last
            // committed state.
            log::error("{}: {}", next->job->name(), e.what());
            after = next->job->recover();
        }
        // Measured from the end of the pass, as each job's interval always was.
        next->due = clock_.steady() + steady(after);
    }
}

} // namespace dps::agent
