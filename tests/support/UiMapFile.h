#pragma once
#include "TempDir.h"

#include <map>
#include <optional>
#include <sstream>
#include <string>

namespace dps::test {

struct Rect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    [[nodiscard]] int cx() const { return (x0 + x1) / 2; }
    [[nodiscard]] int cy() const { return (y0 + y1) / 2; }
    [[nodiscard]] int height() const { return y1 - y0; }
};

// The kiosk's --ui-map file: which screen is shown, in which language, and where its buttons are.
struct UiMapFile {
    std::string screen, language;
    std::map<std::string, Rect> buttons;
    std::map<std::string, std::string> state;

    static std::optional<UiMapFile> read(const std::filesystem::path& file) {
        const std::string text = readFile(file);
        if (text.empty()) return std::nullopt;
        UiMapFile m;
        std::istringstream in(text);
        std::string kind;
        while (in >> kind) {
            if (kind == "screen")
                in >> m.screen;
            else if (kind == "language")
                in >> m.language;
            else if (kind == "state") {
                std::string key, value;
                in >> key >> value;
                m.state[key] = value;
            } else if (kind == "button") {
                std::string id;
                Rect r;
                in >> id >> r.x0 >> r.y0 >> r.x1 >> r.y1;
                m.buttons[id] = r;
            }
        }
        return m;
    }
};

} // namespace dps::test
