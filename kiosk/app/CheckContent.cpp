#include "kiosk/app/CheckContent.h"

#include "kiosk/adapters/content/TutorialLoader.h"

#include <cstdio>

namespace dps::kiosk {

int checkContent(const std::filesystem::path& dir, const std::vector<std::string>& languages) {
    if (!std::filesystem::is_directory(dir)) {
        std::fprintf(stderr, "%s: not a folder\n", dir.c_str());
        return 1;
    }
    const TutorialLibrary lib = loadLibrary(dir, languages);
    for (const auto& p : lib.problems)
        std::printf("%s\n", p.str().c_str());
    const std::size_t checked = lib.tutorials.size() + lib.skipped.size();
    if (lib.problems.empty()) {
        std::printf("%zu tutorials checked: no problem\n", checked);
        return 0;
    }
    std::printf("%zu tutorials checked: %zu problem(s); %zu tutorial(s) would be skipped by the kiosk\n", checked,
                lib.problems.size(), lib.skipped.size());
    return 1;
}

} // namespace dps::kiosk
