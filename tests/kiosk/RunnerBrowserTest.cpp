// The free-use adapter's mechanics (kiosk/adapters/browser/RunnerBrowser) over a stand-in service:
// a shell script that behaves as packaging/free-use/dps-free-use-serve's protocol says (one request
// line in; the connection's end is Finish; a report, then the connection closes) but runs no
// browser. Its real counterpart, with the real service, runner, sway and Chromium, is
// tests/freeuse/session.test.mjs. Here: no call blocks, the request is the one the service parses,
// stop() half-closes, a session that ends by itself is news, a service that cannot run is start false.
#include "kiosk/adapters/browser/RunnerBrowser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

using dps::kiosk::BrowserNews;
using dps::kiosk::BrowserSession;
using dps::kiosk::StartPage;
namespace browser = dps::kiosk::browser;
using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

// A Unix socket standing for the compositor's (the adapter checks nothing of it but its path).
struct Folder {
    fs::path path = fs::temp_directory_path() / ("dps-runner-browser-" + std::to_string(::getpid()));
    Folder() { fs::create_directories(path); }
    ~Folder() { fs::remove_all(path); }
};

const char* kVerified = "ended=stop\\nbrowser_starts=1\\nprocesses_ended=9\\nfiles_wiped=214\\n"
                        "bytes_wiped=8606743\\nsurvivors=0\\nexit=0\\n";

browser::RunnerBrowserOptions stand_in(const fs::path& folder, const std::string& script) {
    browser::RunnerBrowserOptions o;
    o.waylandSocket = (folder / "wayland-1").string();
    o.inputWatch.clear();
    o.serviceCommand = {"/bin/sh", "-c", script, "service", folder.string()};
    return o;
}

// Polls until news arrives or 10 s pass; each poll must return at once.
BrowserNews pollUntil(BrowserSession& b, bool (*done)(const BrowserNews&)) {
    const auto end = steady_clock::now() + seconds(10);
    for (;;) {
        const auto before = steady_clock::now();
        BrowserNews news = b.poll();
        EXPECT_LT(steady_clock::now() - before, milliseconds(50));
        if (done(news) || steady_clock::now() > end) return news;
        std::this_thread::sleep_for(milliseconds(20));
    }
}

std::string fileText(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST(RunnerBrowser, FinishIsTheConnectionsEndAndTheReportComesBackVerified) {
    Folder f;
    // The stand-in keeps the session until its standard input ends, as the real service does.
    const std::string script = std::string("IFS= read -r line; printf '%s\\n' \"$line\" > \"$1/request\"; "
                                           "sleep 0.3; cat >/dev/null; printf '") +
                               kVerified + "'";
    browser::RunnerBrowser b(stand_in(f.path, script));
    const auto before = steady_clock::now();
    ASSERT_TRUE(b.start(StartPage{"nl", {{"VDAB", "https://www.vdab.be/"}}}));
    EXPECT_LT(steady_clock::now() - before, milliseconds(200)) << "start() waited for the service";
    std::this_thread::sleep_for(milliseconds(500));
    // The session runs: no news, and nothing ended it.
    const BrowserNews running = b.poll();
    EXPECT_FALSE(running.crashed);
    EXPECT_FALSE(running.wiped.has_value());
    EXPECT_EQ(fileText(f.path / "request"),
              "start file:///etc/chromium/start/index.html#lang=nl&t=VDAB&u=https%3A%2F%2F"
              "www.vdab.be%2F " +
                  (f.path / "wayland-1").string() + "\n");
    const auto stopAt = steady_clock::now();
    b.stop();
    EXPECT_LT(steady_clock::now() - stopAt, milliseconds(50));
    const auto news = pollUntil(b, [](const BrowserNews& n) { return n.wiped.has_value(); });
    ASSERT_TRUE(news.wiped.has_value());
    EXPECT_TRUE(news.wiped->verified);
    EXPECT_FALSE(news.crashed);
    // A second session may start once the first is wiped.
    EXPECT_TRUE(b.start(StartPage{"fr", {}}));
    b.stop();
    EXPECT_TRUE(pollUntil(b, [](const BrowserNews& n) { return n.wiped.has_value(); }).wiped.has_value());
}

TEST(RunnerBrowser, ASessionThatEndsByItselfIsNewsThenItsReportAfterStop) {
    Folder f;
    // The visitor closed the browser: the runner reports at once, without a Finish.
    const std::string script =
        "IFS= read -r line; printf 'ended=closed\\nbrowser_starts=1\\nprocesses_ended=3\\nfiles_wiped=5\\n"
        "bytes_wiped=10\\nsurvivors=0\\nexit=0\\n'";
    browser::RunnerBrowser b(stand_in(f.path, script));
    ASSERT_TRUE(b.start(StartPage{"fr", {}}));
    const auto news = pollUntil(b, [](const BrowserNews& n) { return n.closed || n.crashed; });
    EXPECT_TRUE(news.closed);
    EXPECT_FALSE(news.crashed);
    EXPECT_FALSE(news.wiped.has_value()) << "the report waits for stop(), as the flow asks for it";
    EXPECT_FALSE(b.poll().closed) << "told once";
    b.stop();
    const auto wiped = b.poll();
    ASSERT_TRUE(wiped.wiped.has_value());
    EXPECT_TRUE(wiped.wiped->verified);
}

TEST(RunnerBrowser, AServiceThatDiesOrRefusesGivesAnUnverifiedWipe) {
    Folder f;
    for (const std::string script :
         {"IFS= read -r l; exit 1", "IFS= read -r l; printf 'error=the request is not right\\nexit=2\\n'",
          "IFS= read -r l; printf 'ended=stop\\nsurvivors=2\\nexit=1\\n'"}) {
        browser::RunnerBrowser b(stand_in(f.path, script));
        ASSERT_TRUE(b.start(StartPage{"en", {}})) << script;
        EXPECT_TRUE(pollUntil(b, [](const BrowserNews& n) { return n.crashed; }).crashed) << script;
        b.stop();
        const auto news = b.poll();
        ASSERT_TRUE(news.wiped.has_value()) << script;
        EXPECT_FALSE(news.wiped->verified) << script;
    }
}

TEST(RunnerBrowser, NoServiceNoSession) {
    Folder f;
    auto o = stand_in(f.path, "");
    o.serviceCommand = {(f.path / "no-such-program").string()};
    EXPECT_FALSE(browser::RunnerBrowser(o).start(StartPage{"en", {}}));
    o.serviceCommand.clear();
    o.serviceSocket = (f.path / "no-such-socket").string();
    EXPECT_FALSE(browser::RunnerBrowser(o).start(StartPage{"en", {}}));
    // Free use is not offered without its runner, its socket or a compositor.
    EXPECT_THAT(browser::RunnerBrowser::unavailable(o, (f.path / "none").string()), testing::HasSubstr("runner"));
    EXPECT_THAT(browser::RunnerBrowser::unavailable(o, "/bin/sh"), testing::HasSubstr("socket"));
}
