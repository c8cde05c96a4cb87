#pragma once
// The tutorials' titles and levels, read from the same tutorial.yaml files the kiosks show, so
// that the dashboard names a tutorial as visitors saw it. The usage counts only carry its id.
#include <filesystem>
#include <map>
#include <string>

namespace dps::server {

struct TutorialInfo {
    int level = 0;                            // 1 to 3; 0 when unknown
    std::map<std::string, std::string> title; // language → title
};

class TutorialCatalogue {
public:
    // Reads <dir>/*/tutorial.yaml; a folder that is missing or a file that does not parse is
    // skipped with a warning: the dashboard then shows the id.
    explicit TutorialCatalogue(const std::filesystem::path& dir);
    [[nodiscard]] const TutorialInfo* find(const std::string& id) const;
    // The title in language, else in English, else the id.
    [[nodiscard]] std::string title(const std::string& id, const std::string& language) const;
    // Every tutorial's level (id → 1 to 3, 0 when its file gives none).
    [[nodiscard]] std::map<std::string, int> levels() const;

private:
    std::map<std::string, TutorialInfo> tutorials_;
};

} // namespace dps::server
