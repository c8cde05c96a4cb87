#pragma once
#include "Image.h"
#include "Process.h"
#include "TempDir.h"
#include "UiMapFile.h"
#include "VirtualDisplay.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dps::test {

// The real dps-kiosk on a private Xvfb display, driven as a person would: a real pointer and a
// real keyboard through xdotool, at the positions the kiosk publishes with --ui-map.
class KioskHarness {
public:
    static constexpr int kWidth = 1366, kHeight = 768;

    // extraToml is appended to a test configuration (its own kiosk.db in a temporary folder).
    explicit KioskHarness(const std::string& extraToml = "");
    ~KioskHarness();

    // Set for the kiosk process (before start()); an empty optional removes the variable.
    void setEnv(const std::string& name, std::optional<std::string> value) { env_[name] = std::move(value); }
    // extraArgs follow the configuration and UI map options (e.g. --out-of-order, --windowed).
    void start(const std::vector<std::string>& extraArgs = {});
    Process& process() { return *kiosk_; }
    const TempDir& dir() const { return dir_; }

    // Waits until the UI map satisfies `ready`; fails the test (and throws) after the timeout.
    UiMapFile waitUntil(const std::function<bool(const UiMapFile&)>& ready, const std::string& what,
                        std::chrono::milliseconds timeout = std::chrono::seconds(10));
    UiMapFile waitFor(const std::string& screen, std::chrono::milliseconds timeout = std::chrono::seconds(10),
                      const std::string& language = "");
    UiMapFile current();

    void click(const UiMapFile& map, const std::string& button);
    void doubleClick(const UiMapFile& map, const std::string& button);
    // Presses a button and holds it down (the facilitator control wants two seconds).
    void hold(const UiMapFile& map, const std::string& button, std::chrono::milliseconds duration);
    void drag(const UiMapFile& map, const std::string& from, const std::string& to);
    void wheelDown(int x, int y, int notches);
    void key(const std::string& xdotoolKey);
    // Holds a key down for a while (the voice guide's long Space on Welcome).
    void holdKey(const std::string& xdotoolKey, std::chrono::milliseconds duration);
    // What a window manager or compositor does on Alt+F4 or a close button: a WM_DELETE_WINDOW
    // message to the kiosk's window. False when the window was not found.
    bool requestWindowClose();
    void type(const std::string& text);
    Image capture(const std::string& name);

    struct Visit {
        std::string started, ended, language, reason;
    };
    std::vector<Visit> visits();
    // "kind:tutorial:step" for every visit event, in order.
    std::vector<std::string> events();
    // "kind:outcome" for every e-ID event (eid_check, eid_pin_test), in order.
    std::vector<std::string> eidEvents();
    // Each row of a query on kiosk.db (read-only), its columns joined with separator.
    std::vector<std::string> joinedRows(const std::string& sql, const std::string& separator = ":") const;

private:
    void xdotool(std::vector<std::string> args);

    TempDir dir_;
    std::unique_ptr<VirtualDisplay> display_;
    std::unique_ptr<Process> kiosk_;
    std::map<std::string, std::optional<std::string>> env_;
};

// Home's Finish, then "Yes, end it" in the question it asks; the map after that answer.
UiMapFile finishFromHome(KioskHarness& k, const UiMapFile& home);

} // namespace dps::test
