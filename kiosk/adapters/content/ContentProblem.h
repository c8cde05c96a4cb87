#pragma once
#include <filesystem>
#include <string>

namespace dps::kiosk {

// A problem found in a tutorial file, located as editors expect: file:line:column: message.
struct ContentProblem {
    std::filesystem::path file;
    int line = 0, column = 0; // 1-based; 0 when the problem is the file as a whole
    std::string message;
    // Blocking problems make the kiosk skip the tutorial; the others (a missing translation, a
    // dangling "next") leave it usable and are still reported by check-content.
    bool blocking = true;
    [[nodiscard]] std::string str() const;
};

} // namespace dps::kiosk
