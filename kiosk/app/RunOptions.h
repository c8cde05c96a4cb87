#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace dps::kiosk {

// What the command line adds to (or overrides in) kiosk.toml for this run.
struct RunOptions {
    std::filesystem::path configFile;
    bool configGiven = false;
    std::optional<bool> fullscreen;
    std::optional<int> width, height;
    std::filesystem::path screenshot;
    std::string screen = "welcome";
    std::string language;
    std::string tutorial; // --screenshot of catalogue/player/tutorial-end: which tutorial
    int step = 1;         // and which step (1-based)
    int textSize = 100;   // --screenshot: the visitor's text size choice
    bool highContrast = false;
    std::string eidSample; // --screenshot of eid-check: an outcome to show instead of the real card
    std::filesystem::path uiMap;
    bool redrawAlways = false;
    bool outOfOrder = false; // --out-of-order: only the out-of-order screen
    // --free-use-layout-test: free use with a browser that starts nothing (LayoutTestBrowser)
    bool freeUseLayoutTest = false;
    // --speech-capture: a named pipe that hears everything said (tests only, SpeechCapture)
    std::filesystem::path speechCapture;
};

} // namespace dps::kiosk
