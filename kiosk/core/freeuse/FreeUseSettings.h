#pragma once
#include "kiosk/core/freeuse/BrowserSession.h"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dps::kiosk {

// One tile of the start page as configured: an https address and its name, one for every
// language or one per language (the first name is used where the visit's language has none).
struct FreeUseTile {
    std::string url;
    std::vector<std::pair<std::string, std::string>> names; // (language code, or "" for all; name)
    [[nodiscard]] const std::string& nameIn(const std::string& language) const;
};

// How a tile is written in kiosk.toml, and its limits: the administrator edits them by hand, and
// the start page shows them to every visitor.
//   "https://www.vdab.be | VDAB"
//   "https://irisbox.brussels | fr: Ma commune | nl: Mijn gemeente | en: My municipality"
inline constexpr std::size_t kTileSpecMax = 600, kTileUrlMax = 300, kTileNameMax = 40, kTileNamesMax = 12;
inline constexpr std::size_t kTilesMax = 10; // free_use.tile_1 … tile_10

// What is wrong with a tile's text ("" when nothing is); an empty text is an unused slot.
std::string tileProblem(const std::string& spec);
// The tile a text describes; nullopt for an empty slot or a text tileProblem() refuses.
std::optional<FreeUseTile> parseTile(const std::string& spec);

// The free-use session's rules (issue 20): how long, when idle means gone, the start page.
struct FreeUseSettings {
    bool enabled = true;
    std::chrono::minutes limit{60};
    // No input for this long: "Are you still there?" (then the wipe). Shorter than a visit on the
    // kiosk's own screens would not be fair to someone reading a long form; longer leaves a
    // logged-in tax or mail account open to the next person for longer when someone walks away.
    std::chrono::minutes idle{5};
    std::vector<FreeUseTile> tiles = defaultTiles();
    // The start page's tiles by default: the services people come to a DPS for.
    static std::vector<FreeUseTile> defaultTiles();
    // The texts of the default tiles, as kiosk.toml writes them (slot by slot, "" for none).
    static std::vector<std::string> defaultTileSpecs();
};

// The start page in the visit's language.
StartPage startPageIn(const FreeUseSettings& settings, const std::string& language);

// Ranges of the settings (kiosk.toml and a facilitator's limit).
inline constexpr std::chrono::minutes kFreeUseMin{5}, kFreeUseMax{240};
inline constexpr std::chrono::minutes kFreeUseIdleMin{2}, kFreeUseIdleMax{30};

} // namespace dps::kiosk
