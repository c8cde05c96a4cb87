#pragma once
#include "kiosk/core/tutorial/Exercise.h"
#include "kiosk/core/tutorial/LocalText.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dps::kiosk {

struct TutorialStep {
    LocalText text;
    std::string image; // file name in the tutorial's folder, or empty
    LocalText hint;
    std::optional<Exercise> exercise;
};

// One tutorial as authored in assets/tutorials/<id>/tutorial.yaml.
struct Tutorial {
    std::string id;
    int version = 1;
    int level = 1; // 1 never used a computer … 4 independent
    std::string theme;
    int minutes = 0;
    std::vector<std::string> digcomp;
    std::string pictogram;
    LocalText title, summary, learned;
    std::string next; // suggested next tutorial id, or empty
    std::vector<TutorialStep> steps;
    std::filesystem::path folder;
};

// The catalogue groups, in the order they are shown.
inline constexpr const char* kThemes[] = {"computer-basics", "online-safety",   "communication",
                                          "information",     "public-services", "work"};
// What a drag-drop exercise's target is drawn as.
inline constexpr const char* kDropTargets[] = {"folder", "envelope", "basket"};
inline constexpr const char* kPictograms[] = {"mouse",    "keyboard", "hand",    "key",  "shield", "bank",
                                              "envelope", "search",   "id-card", "form", "video",  "briefcase",
                                              "mobile",   "globe",    "lock",    "users"};

} // namespace dps::kiosk
