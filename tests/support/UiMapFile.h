#pragma once
#include "TempDir.h"

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace dps::test {

struct Rect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    [[nodiscard]] int cx() const { return (x0 + x1) / 2; }
    [[nodiscard]] int cy() const { return (y0 + y1) / 2; }
    [[nodiscard]] int width() const { return x1 - x0; }
    [[nodiscard]] int height() const { return y1 - y0; }
    [[nodiscard]] bool empty() const { return x1 <= x0 || y1 <= y0; }
    [[nodiscard]] Rect intersect(const Rect& o) const {
        return {std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
    }
    [[nodiscard]] bool contains(const Rect& o) const { return o.x0 >= x0 && o.y0 >= y0 && o.x1 <= x1 && o.y1 <= y1; }
};

// A window (or a scrolling area) of the screen, as the kiosk's UI map describes it.
struct MapWindow {
    int parent = -1;
    Rect visible;      // the part of the screen it shows
    int scroll = 0;    // how far it is scrolled down
    int scrollMax = 0; // how far it can be
    bool scrollbar = false;
    Rect whole; // all of it, shown or not (empty when the map does not say)
};

// The kiosk's --ui-map file: which screen is shown, in which language, where its buttons are,
// in which window, and what they say (kiosk/ui/UiMap.h).
struct UiMapFile {
    std::string screen, language;
    std::map<std::string, Rect> buttons;
    std::map<std::string, int> windowOf;       // button id → window number (-1: unknown)
    std::map<std::string, std::string> labels; // button id → what it says
    std::vector<MapWindow> windows;
    std::map<std::string, std::string> state;

    [[nodiscard]] bool has(const std::string& id) const { return buttons.count(id) != 0; }
    [[nodiscard]] std::string label(const std::string& id) const {
        const auto it = labels.find(id);
        return it == labels.end() ? std::string() : it->second;
    }
    [[nodiscard]] std::string value(const std::string& key) const {
        const auto it = state.find(key);
        return it == state.end() ? std::string() : it->second;
    }
    [[nodiscard]] const MapWindow* windowFor(const std::string& id) const {
        const auto it = windowOf.find(id);
        if (it == windowOf.end() || it->second < 0 || it->second >= static_cast<int>(windows.size())) return nullptr;
        return &windows[static_cast<std::size_t>(it->second)];
    }
    // The part of a button a visitor can see (and touch): its rectangle within its window and
    // every window around it.
    [[nodiscard]] Rect visiblePart(const std::string& id) const {
        Rect r = buttons.at(id);
        const auto it = windowOf.find(id);
        for (int w = it == windowOf.end() ? -1 : it->second; w >= 0 && w < static_cast<int>(windows.size());
             w = windows[static_cast<std::size_t>(w)].parent)
            r = r.intersect(windows[static_cast<std::size_t>(w)].visible);
        return r;
    }
    [[nodiscard]] bool fullyVisible(const std::string& id) const {
        const Rect v = visiblePart(id);
        const Rect& r = buttons.at(id);
        return !v.empty() && v.x0 == r.x0 && v.y0 == r.y0 && v.x1 == r.x1 && v.y1 == r.y1;
    }

    static UiMapFile parse(const std::string& text) {
        UiMapFile m;
        std::istringstream lines(text);
        std::string line;
        while (std::getline(lines, line)) {
            std::istringstream in(line);
            std::string kind;
            in >> kind;
            if (kind == "screen") {
                in >> m.screen;
            } else if (kind == "language") {
                in >> m.language;
            } else if (kind == "state") {
                std::string key, value;
                in >> key;
                std::getline(in >> std::ws, value);
                m.state[key] = value;
            } else if (kind == "window") {
                int index = 0, bar = 0;
                MapWindow w;
                in >> index >> w.parent >> w.visible.x0 >> w.visible.y0 >> w.visible.x1 >> w.visible.y1 >> w.scroll >>
                    w.scrollMax >> bar;
                w.scrollbar = bar != 0;
                in >> w.whole.x0 >> w.whole.y0 >> w.whole.x1 >> w.whole.y1;
                if (index >= 0 && index < 1000) {
                    if (m.windows.size() <= static_cast<std::size_t>(index))
                        m.windows.resize(static_cast<std::size_t>(index) + 1);
                    m.windows[static_cast<std::size_t>(index)] = w;
                }
            } else if (kind == "button") {
                std::string id;
                Rect r;
                int window = -1;
                in >> id >> r.x0 >> r.y0 >> r.x1 >> r.y1;
                if (!(in >> window)) window = -1;
                std::string label;
                std::getline(in >> std::ws, label);
                m.buttons[id] = r;
                m.windowOf[id] = window;
                if (!label.empty()) m.labels[id] = label;
            }
        }
        return m;
    }

    static std::optional<UiMapFile> read(const std::filesystem::path& file) {
        const std::string text = readFile(file);
        if (text.empty()) return std::nullopt;
        return parse(text);
    }
};

} // namespace dps::test
