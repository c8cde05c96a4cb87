#pragma once
#include "kiosk/adapters/content/ContentProblem.h"
#include "kiosk/core/tutorial/Tutorial.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dps::kiosk {

struct LoadedTutorial {
    std::optional<Tutorial> tutorial; // empty when a blocking problem was found
    std::vector<ContentProblem> problems;
    int nextLine = 0, nextColumn = 0; // where "next" was written, for the library's cross-check
};

// Reads and validates one tutorial folder (its tutorial.yaml and the pictures it names).
LoadedTutorial loadTutorial(const std::filesystem::path& folder, const std::vector<std::string>& requiredLanguages);

// Every tutorial under dir, sorted by folder name, with every problem found and the tutorials
// skipped because of them.
struct TutorialLibrary {
    std::vector<Tutorial> tutorials;
    std::vector<ContentProblem> problems;
    std::vector<std::string> skipped; // "folder: first blocking problem"
};
TutorialLibrary loadLibrary(const std::filesystem::path& dir, const std::vector<std::string>& requiredLanguages);

} // namespace dps::kiosk
