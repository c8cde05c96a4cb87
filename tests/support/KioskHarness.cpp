#include "KioskHarness.h"

#include "dps/storage/Database.h"

#include <cstring>
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <stdexcept>
#include <thread>

// Last: its macros (None, Bool, Status…) must not meet the headers above.
#include <X11/Xlib.h>

namespace dps::test {

using namespace std::chrono_literals;

KioskHarness::KioskHarness(const std::string& extraToml) {
    display_ = std::make_unique<VirtualDisplay>(kWidth, kHeight, dir_.path());
    writeFile(dir_ / "kiosk.toml", "[storage]\ndatabase = \"data/kiosk.db\"\n" + extraToml);
}

KioskHarness::~KioskHarness() = default;

void KioskHarness::start(const std::vector<std::string>& extraArgs) {
    std::filesystem::remove(dir_ / "ui-map.txt");
    auto env = env_;
    env["DISPLAY"] = display_->name();
    env["WAYLAND_DISPLAY"] = std::nullopt;
    std::vector<std::string> args{DPS_KIOSK_BIN, "--config", (dir_ / "kiosk.toml").string(), "--ui-map",
                                  (dir_ / "ui-map.txt").string()};
    args.insert(args.end(), extraArgs.begin(), extraArgs.end());
    kiosk_ = std::make_unique<Process>(args, env, dir_.path());
}

bool KioskHarness::requestWindowClose() {
    // libX11 is loaded here rather than linked: only this helper needs it, and Xvfb's machines
    // have it anyway (xdotool uses it). xdotool itself cannot send WM_DELETE_WINDOW.
    void* x11 = dlopen("libX11.so.6", RTLD_NOW | RTLD_LOCAL);
    if (!x11) throw std::runtime_error("libX11.so.6 cannot be loaded");
    auto sym = [x11](const char* name) {
        void* f = dlsym(x11, name);
        if (!f) throw std::runtime_error(std::string("libX11 lacks ") + name);
        return f;
    };
    const auto openDisplay = reinterpret_cast<Display* (*)(const char*)>(sym("XOpenDisplay"));
    const auto internAtom = reinterpret_cast<Atom (*)(Display*, const char*, Bool)>(sym("XInternAtom"));
    const auto queryTree =
        reinterpret_cast<Status (*)(Display*, Window, Window*, Window*, Window**, unsigned*)>(sym("XQueryTree"));
    const auto fetchName = reinterpret_cast<Status (*)(Display*, Window, char**)>(sym("XFetchName"));
    const auto sendEvent = reinterpret_cast<Status (*)(Display*, Window, Bool, long, XEvent*)>(sym("XSendEvent"));
    const auto flush = reinterpret_cast<int (*)(Display*)>(sym("XFlush"));
    const auto xfree = reinterpret_cast<int (*)(void*)>(sym("XFree"));
    const auto closeDisplay = reinterpret_cast<int (*)(Display*)>(sym("XCloseDisplay"));
    Display* dpy = openDisplay(display_->name().c_str());
    if (!dpy) {
        dlclose(x11);
        throw std::runtime_error("cannot open display " + display_->name());
    }
    const Window root = DefaultRootWindow(dpy);
    Window rootReturn = 0, parent = 0, *children = nullptr;
    unsigned count = 0;
    bool sent = false;
    if (queryTree(dpy, root, &rootReturn, &parent, &children, &count)) {
        for (unsigned i = 0; i < count; ++i) {
            char* name = nullptr;
            if (fetchName(dpy, children[i], &name) && name) {
                if (std::strcmp(name, "dps-kiosk") == 0) {
                    XEvent ev{};
                    ev.xclient.type = ClientMessage;
                    ev.xclient.window = children[i];
                    ev.xclient.message_type = internAtom(dpy, "WM_PROTOCOLS", False);
                    ev.xclient.format = 32;
                    ev.xclient.data.l[0] = static_cast<long>(internAtom(dpy, "WM_DELETE_WINDOW", False));
                    ev.xclient.data.l[1] = CurrentTime;
                    sent = sendEvent(dpy, children[i], False, NoEventMask, &ev) != 0 || sent;
                }
                xfree(name);
            }
        }
        if (children) xfree(children);
    }
    flush(dpy);
    closeDisplay(dpy);
    dlclose(x11);
    return sent;
}

UiMapFile KioskHarness::current() { return UiMapFile::read(dir_ / "ui-map.txt").value_or(UiMapFile{}); }

UiMapFile KioskHarness::waitUntil(const std::function<bool(const UiMapFile&)>& ready, const std::string& what,
                                  std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    UiMapFile last;
    while (std::chrono::steady_clock::now() < end) {
        last = current();
        if (!last.screen.empty() && ready(last)) return last;
        if (kiosk_->wait(0ms)) break;
        std::this_thread::sleep_for(30ms);
    }
    std::string state;
    for (const auto& [key, value] : last.state)
        state += " " + key + "=" + value;
    if (const auto rc = kiosk_->wait(0ms)) state += "; the kiosk exited with " + std::to_string(*rc);
    ADD_FAILURE() << "never happened: " << what << " (last screen: " << last.screen << state << "); kiosk stderr:\n"
                  << kiosk_->stderrText();
    throw std::runtime_error("timeout: " + what);
}

UiMapFile KioskHarness::waitFor(const std::string& screen, std::chrono::milliseconds timeout,
                                const std::string& language) {
    return waitUntil(
        [&](const UiMapFile& m) { return m.screen == screen && (language.empty() || m.language == language); },
        "screen " + screen, timeout);
}

void KioskHarness::xdotool(std::vector<std::string> args) {
    args.insert(args.begin(), "xdotool");
    if (runCommand(args, {{"DISPLAY", display_->name()}}, dir_.path()) != 0) throw std::runtime_error("xdotool failed");
}

void KioskHarness::click(const UiMapFile& map, const std::string& button) {
    if (!map.buttons.count(button)) {
        ADD_FAILURE() << "no button " << button << " on " << map.screen;
        throw std::runtime_error("no button " + button);
    }
    const auto& r = map.buttons.at(button);
    display_->click(r.cx(), r.cy());
}

void KioskHarness::doubleClick(const UiMapFile& map, const std::string& button) {
    const auto& r = map.buttons.at(button);
    xdotool({"mousemove", std::to_string(r.cx()), std::to_string(r.cy()), "sleep", "0.15", "click", "--repeat", "2",
             "--delay", "80", "1"});
}

void KioskHarness::hold(const UiMapFile& map, const std::string& button, std::chrono::milliseconds duration) {
    if (!map.buttons.count(button)) {
        ADD_FAILURE() << "no button " << button << " on " << map.screen;
        throw std::runtime_error("no button " + button);
    }
    const auto& r = map.buttons.at(button);
    const std::string seconds = std::to_string(static_cast<double>(duration.count()) / 1000.0);
    xdotool({"mousemove", std::to_string(r.cx()), std::to_string(r.cy()), "sleep", "0.15", "mousedown", "1", "sleep",
             seconds, "mouseup", "1"});
}

void KioskHarness::drag(const UiMapFile& map, const std::string& from, const std::string& to) {
    const auto& a = map.buttons.at(from);
    const auto& b = map.buttons.at(to);
    // In small moves with pauses, as a hand does: ImGui starts a drag after a few pixels of motion.
    std::vector<std::string> args{
        "mousemove", std::to_string(a.cx()), std::to_string(a.cy()), "sleep", "0.1", "mousedown", "1", "sleep", "0.1"};
    for (int i = 1; i <= 8; ++i) {
        const int x = a.cx() + (b.cx() - a.cx()) * i / 8, y = a.cy() + (b.cy() - a.cy()) * i / 8;
        args.insert(args.end(), {"mousemove", std::to_string(x), std::to_string(y), "sleep", "0.05"});
    }
    args.insert(args.end(), {"sleep", "0.1", "mouseup", "1"});
    xdotool(args);
}

void KioskHarness::wheelDown(int x, int y, int notches) {
    xdotool({"mousemove", std::to_string(x), std::to_string(y), "sleep", "0.1", "click", "--repeat",
             std::to_string(notches), "--delay", "40", "5"});
}

void KioskHarness::key(const std::string& xdotoolKey) { xdotool({"key", "--delay", "60", xdotoolKey}); }

void KioskHarness::holdKey(const std::string& xdotoolKey, std::chrono::milliseconds duration) {
    xdotool({"keydown", xdotoolKey});
    std::this_thread::sleep_for(duration);
    xdotool({"keyup", xdotoolKey});
}

void KioskHarness::type(const std::string& text) { xdotool({"type", "--delay", "40", text}); }

Image KioskHarness::capture(const std::string& name) {
    std::this_thread::sleep_for(300ms); // the frames after a change reach the screen first
    const auto file = dir_ / (name + ".xwd");
    display_->capture(file);
    return loadXwd(file);
}

std::vector<KioskHarness::Visit> KioskHarness::visits() {
    storage::OpenOptions ro;
    ro.readOnly = true;
    ro.checkIntegrity = false;
    auto db = storage::Database::open(dir_ / "data" / "kiosk.db", ro);
    auto st = db.prepare("SELECT started_at, coalesce(ended_at,''), language, coalesce(end_reason,'') FROM visits "
                         "ORDER BY id");
    std::vector<Visit> rows;
    while (st.step())
        rows.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
    return rows;
}

std::vector<std::string> KioskHarness::events() {
    return joinedRows("SELECT kind, tutorial_id, step FROM visit_events ORDER BY id");
}

std::vector<std::string> KioskHarness::eidEvents() {
    return joinedRows("SELECT kind, outcome FROM visit_events WHERE kind LIKE 'eid%' ORDER BY id");
}

std::vector<std::string> KioskHarness::joinedRows(const std::string& sql, const std::string& separator) const {
    storage::OpenOptions ro;
    ro.readOnly = true;
    ro.checkIntegrity = false;
    auto db = storage::Database::open(dir_ / "data" / "kiosk.db", ro);
    auto st = db.prepare(sql);
    std::vector<std::string> rows;
    while (st.step()) {
        std::string row;
        for (int c = 0; c < st.columns(); ++c)
            row += (c ? separator : std::string()) + st.text(c);
        rows.push_back(std::move(row));
    }
    return rows;
}

UiMapFile finishFromHome(KioskHarness& k, const UiMapFile& home) {
    k.click(home, "home.finish");
    const UiMapFile asked =
        k.waitUntil([](const UiMapFile& m) { return m.buttons.count("home.finish-yes") != 0; }, "End your visit?");
    k.click(asked, "home.finish-yes");
    return k.waitUntil([](const UiMapFile& m) { return m.buttons.count("home.finish-yes") == 0; }, "the answer");
}

} // namespace dps::test
