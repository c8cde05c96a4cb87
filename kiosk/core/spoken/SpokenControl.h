#pragma once
#include <optional>
#include <string>

namespace dps::kiosk {

// What a control is, for a visitor who hears it rather than sees it (issue 21): its role is said
// before its name ("button, Start"), as screen readers do, so the visitor knows what Enter will do.
enum class SpokenRole {
    Button, // acts when chosen
    Choice, // one answer among several, chosen or not (a language, an answer of a question)
    Key,    // a key of an on-screen keypad
    Field,  // a place to type
};

// The control the keyboard's focus is on, as the screen drew it.
struct SpokenControl {
    std::string id = {};   // stable across languages (the UI map's)
    std::string name = {}; // what it says, in the visitor's language
    SpokenRole role = SpokenRole::Button;
    std::optional<bool> chosen = std::nullopt; // a choice: whether it is the one chosen
    bool waiting = false;                      // drawn, but cannot act yet (Next before the practice is done)
    bool operator==(const SpokenControl&) const = default;
};

} // namespace dps::kiosk
