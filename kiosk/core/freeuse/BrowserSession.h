#pragma once
#include <optional>
#include <string>
#include <vector>

namespace dps::kiosk {

// One tile of the browser's start page, in the visit's language.
struct StartTile {
    std::string name;
    std::string url; // https only (FreeUseTile's check)
};

// The local start page a free-use session opens on: the visit's language and its tiles.
struct StartPage {
    std::string language;
    std::vector<StartTile> tiles;
};

// What a wipe did, as the browser's adapter saw it. The counts are all the visit keeps of the
// session (docs/free-use-visitor.md): never a URL, a file name or anything typed.
struct WipeReport {
    // Every step was done and checked afterwards (no process of the session's user left, its home
    // gone, print jobs cancelled, USB unmounted). False: the next visitor must not be served.
    bool verified = false;
    // What was wiped, in words for the log and the terminal status ("processes", "home",
    // "print jobs", "clipboard", "usb").
    std::vector<std::string> wiped;
    int pagesPrinted = 0;
    bool usbUsed = false;
    bool eidUsed = false;
};

// What the browser's side reports since the last poll.
struct BrowserNews {
    bool input = false;              // the visitor used the keyboard, mouse or screen in the browser
    bool crashed = false;            // the browser died and could not be brought back: the session ends
    bool closed = false;             // the visitor closed the browser's last window: ends as Finish does
    std::optional<WipeReport> wiped; // the wipe asked by stop() is over
};

// The browser of a free-use session (issue 20), as the kiosk's core sees it. The real adapter
// (the compositor, the locked-down browser run as its own user, and the wipe) lives outside the
// core (branch i20-lockdown, kiosk/adapters/browser); unit tests use a fake. Every call returns at
// once: the flow runs on the UI thread, so starting and wiping happen in the adapter's own
// process or thread and their results come back through poll().
class BrowserSession {
public:
    BrowserSession() = default;
    BrowserSession(const BrowserSession&) = delete;
    BrowserSession& operator=(const BrowserSession&) = delete;
    virtual ~BrowserSession() = default;
    // Opens the browser for one visitor on this start page. False: it cannot start at all (no
    // browser installed, the last wipe not verified); nothing was started.
    virtual bool start(const StartPage& page) = 0;
    // Ends the session and wipes everything of it; the report comes through poll(). Called once
    // per started session, whatever ended it.
    virtual void stop() = 0;
    // What happened since the last call.
    virtual BrowserNews poll() = 0;
};

} // namespace dps::kiosk
