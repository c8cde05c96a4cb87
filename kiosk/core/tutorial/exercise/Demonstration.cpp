#include "kiosk/core/tutorial/exercise/Demonstration.h"

#include <algorithm>
#include <cmath>

namespace dps::kiosk {
namespace {

// From 0 to 1 between `from` and `to` seconds, slow at both ends as a hand moves.
float eased(double t, double from, double to) {
    const double x = std::clamp((t - from) / (to - from), 0.0, 1.0);
    return static_cast<float>(x * x * (3 - 2 * x));
}

bool within(double t, double from, double to) { return t >= from && t < to; }

} // namespace

DemoFrame demoFrame(DemoGesture gesture, double seconds) {
    const double t = std::fmod(std::max(0.0, seconds), kDemoCycle);
    switch (gesture) {
    case DemoGesture::Click: return {eased(t, 0.2, 1.2), within(t, 1.5, 1.8)};
    // The two presses well inside the 0.5 s a double-click allows (SDL's and ImGui's default).
    case DemoGesture::DoubleClick: return {eased(t, 0.2, 1.2), within(t, 1.5, 1.62) || within(t, 1.74, 1.86)};
    case DemoGesture::Drag: return {eased(t, 0.6, 2.0), within(t, 0.3, 2.3)};
    case DemoGesture::Scroll: return {eased(t, 0.6, 2.0), within(t, 0.3, 2.3)};
    case DemoGesture::KeyPress: return {0, within(t, 1.0, 1.5)};
    }
    return {};
}

} // namespace dps::kiosk
