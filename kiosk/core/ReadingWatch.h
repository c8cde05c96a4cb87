#pragma once
#include "dps/core/Clock.h"

#include <chrono>
#include <optional>

namespace dps::kiosk {

// Whether a reading asked for is really being heard. espeak-ng reports each word as the sound
// output plays it; when that output fails (a sound server that does not answer, a device that
// is gone) it may report nothing at all, not even the end, and the button stayed on "Stop
// reading" for good (issue 18 §15). A reading with no word heard for a while has failed.
class ReadingWatch {
public:
    // The first word must be heard this soon after asking (espeak-ng starts within a second).
    static constexpr std::chrono::seconds kFirstWord{5};
    // Then the next one this soon (pauses between sentences are well under a second).
    static constexpr std::chrono::seconds kBetweenWords{8};

    void started(SteadyTime now) {
        since_ = now;
        heardAny_ = false;
    }
    void heard(SteadyTime now) {
        if (!since_) return;
        since_ = now;
        heardAny_ = true;
    }
    void stopped() { since_.reset(); }
    [[nodiscard]] bool active() const { return since_.has_value(); }
    // When the reading counts as failed if nothing more is heard; nullopt when none is under way.
    [[nodiscard]] std::optional<SteadyTime> deadline() const {
        if (!since_) return std::nullopt;
        return *since_ + (heardAny_ ? kBetweenWords : kFirstWord);
    }
    [[nodiscard]] bool failed(SteadyTime now) const { return since_ && now >= *deadline(); }

private:
    std::optional<SteadyTime> since_; // the request, then the last word heard
    bool heardAny_ = false;
};

} // namespace dps::kiosk
