#include "server/dashboard/TutorialCatalogue.h"

#include "dps/log/Log.h"

#include <yaml-cpp/yaml.h>

namespace dps::server {

TutorialCatalogue::TutorialCatalogue(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        log::warning("{}: no tutorials folder; the dashboard shows tutorial ids", dir.string());
        return;
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const auto file = entry.path() / "tutorial.yaml";
        if (!std::filesystem::is_regular_file(file, ec)) continue;
        try {
            const YAML::Node doc = YAML::LoadFile(file.string());
            TutorialInfo info;
            info.level = doc["level"] ? doc["level"].as<int>() : 0;
            if (doc["title"] && doc["title"].IsMap())
                for (const auto& t : doc["title"])
                    info.title[t.first.as<std::string>()] = t.second.as<std::string>();
            tutorials_[doc["id"] ? doc["id"].as<std::string>() : entry.path().filename().string()] = std::move(info);
        } catch (const YAML::Exception& e) {
            log::warning("{}:{}: {}; the dashboard shows this tutorial's id", file.string(), e.mark.line + 1, e.msg);
        }
    }
}

const TutorialInfo* TutorialCatalogue::find(const std::string& id) const {
    const auto it = tutorials_.find(id);
    return it == tutorials_.end() ? nullptr : &it->second;
}

std::string TutorialCatalogue::title(const std::string& id, const std::string& language) const {
    const auto* info = find(id);
    if (!info) return id;
    for (const auto& lang : {language, std::string("en")}) {
        const auto it = info->title.find(lang);
        if (it != info->title.end()) return it->second;
    }
    return id;
}

std::map<std::string, int> TutorialCatalogue::levels() const {
    std::map<std::string, int> out;
    for (const auto& [id, info] : tutorials_)
        out[id] = info.level;
    return out;
}

} // namespace dps::server
