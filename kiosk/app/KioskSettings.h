#pragma once
#include "dps/config/Schema.h"
#include "kiosk/core/visit/Retention.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dps::kiosk {

// Everything an administrator can set in kiosk.toml (docs/configuration.md).
struct KioskSettings {
    std::vector<std::string> languages;
    std::string siteName;
    std::int64_t idleTimeoutSeconds = 0;
    std::int64_t stillThereSeconds = 0;
    std::int64_t thankYouSeconds = 0;
    std::filesystem::path database;
    bool fullscreen = true;
    std::int64_t windowWidth = 0;
    std::int64_t windowHeight = 0;
    double scale = 0;
    std::string renderer;
    std::filesystem::path font;
    std::filesystem::path boldFont;
    std::filesystem::path iconFont;
    std::filesystem::path dataDir;
    std::filesystem::path tutorialsDir;
    std::string logLevel;
    bool eidCheck = true;
    std::string eidReader;
    bool eidPinTest = true;
    std::filesystem::path eidRootsDir;
    bool endQuestions = false;
    std::int64_t facilitatorIdleSeconds = 0;
    bool openingHoursEnabled = false;
    std::string hoursMonday, hoursTuesday, hoursWednesday, hoursThursday, hoursFriday, hoursSaturday, hoursSunday;
    [[nodiscard]] std::array<std::string, 7> openingHours() const {
        return {hoursMonday, hoursTuesday, hoursWednesday, hoursThursday, hoursFriday, hoursSaturday, hoursSunday};
    }
    std::string retention; // a RetentionRule code
    std::int64_t retentionDays = 0;
    std::filesystem::path agentStatus;
    bool freeUseEnabled = true;
    std::int64_t freeUseMinutes = 0;
    std::int64_t freeUseIdleMinutes = 0;
    // The start page's tiles, one slot a key (free_use.tile_1 …): the schema's keys are scalars.
    std::string tile1, tile2, tile3, tile4, tile5, tile6, tile7, tile8, tile9, tile10;
    [[nodiscard]] std::array<std::string, 10> tileSpecs() const {
        return {tile1, tile2, tile3, tile4, tile5, tile6, tile7, tile8, tile9, tile10};
    }
    [[nodiscard]] RetentionPolicy retentionPolicy() const {
        // The schema allows only the rules' codes and 1 to 3650 days.
        return {retentionRuleFromCode(retention).value_or(RetentionRule::AfterReport), static_cast<int>(retentionDays)};
    }
};

const config::Schema<KioskSettings>& kioskSchema();

inline constexpr const char* kDefaultConfigPath = "/etc/dps-kiosk/kiosk.toml";

} // namespace dps::kiosk
