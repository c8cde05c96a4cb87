#pragma once
// "Show me" (issue 18): the exercise is shown being done, not described. This is the script of
// that little film, apart from the drawing: where the pointer is between its start and its
// target, and when the button or key is down. It repeats every kDemoCycle seconds.

namespace dps::kiosk {

enum class DemoGesture {
    Click,       // to the target, one press
    DoubleClick, // to the target, two quick presses
    Drag,        // pressed on the item, carried to the target, let go there
    Scroll,      // pressed on the scroll bar, pulled down
    KeyPress,    // the key goes down and comes back up
};

struct DemoFrame {
    float travel = 0; // 0 at the start, 1 at the target
    bool pressed = false;
};

inline constexpr double kDemoCycle = 3.0;

DemoFrame demoFrame(DemoGesture gesture, double seconds);

} // namespace dps::kiosk
