// The real dps-kiosk binary on a private Xvfb display, clicked with a real pointer (xdotool),
// checked through its database, its UI map and pictures of the screen.
#include "Image.h"
#include "Process.h"
#include "TempDir.h"
#include "UiMapFile.h"
#include "VirtualDisplay.h"
#include "dps/core/Timestamp.h"
#include "dps/storage/Database.h"

#include <csignal>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <thread>

using namespace std::chrono_literals;
using dps::test::Image;
using dps::test::Process;
using dps::test::TempDir;
using dps::test::UiMapFile;
using testing::HasSubstr;

namespace {

constexpr int kWidth = 1366, kHeight = 768;

struct VisitRow {
    std::string started, ended, language, reason;
};

class KioskProcess : public testing::Test {
protected:
    void SetUp() override {
        display = std::make_unique<dps::test::VirtualDisplay>(kWidth, kHeight, dir.path());
        dps::test::writeFile(dir / "kiosk.toml", R"(
[kiosk]
languages = ["fr", "nl", "en"]
site_name = "Test DPS"
[visit]
idle_timeout_seconds = 5
still_there_seconds = 4
thank_you_seconds = 3
[storage]
database = "data/kiosk.db"
)");
    }

    void startKiosk() {
        kiosk = std::make_unique<Process>(
            std::vector<std::string>{DPS_KIOSK_BIN, "--config", (dir / "kiosk.toml").string(), "--ui-map",
                                     (dir / "ui-map.txt").string()},
            std::map<std::string, std::optional<std::string>>{{"DISPLAY", display->name()}, {"WAYLAND_DISPLAY", {}}},
            dir.path());
    }

    UiMapFile waitFor(const std::string& screen, std::chrono::milliseconds timeout = 10s,
                      const std::string& language = "") {
        const auto end = std::chrono::steady_clock::now() + timeout;
        std::optional<UiMapFile> last;
        while (std::chrono::steady_clock::now() < end) {
            last = UiMapFile::read(dir / "ui-map.txt");
            if (last && last->screen == screen && (language.empty() || last->language == language)) return *last;
            if (kiosk->wait(0ms)) break;
            std::this_thread::sleep_for(50ms);
        }
        ADD_FAILURE() << "screen '" << screen << "' never showed (last: " << (last ? last->screen : "none")
                      << "); kiosk stderr:\n"
                      << kiosk->stderrText();
        throw std::runtime_error("timeout");
    }

    void click(const UiMapFile& map, const std::string& button) {
        ASSERT_TRUE(map.buttons.count(button)) << "no button " << button << " on " << map.screen;
        const auto& r = map.buttons.at(button);
        display->click(r.cx(), r.cy());
    }

    Image capture(const std::string& name) {
        // Let the last frames after a change reach the screen before the picture is taken.
        std::this_thread::sleep_for(300ms);
        const auto file = dir / (name + ".xwd");
        display->capture(file);
        return dps::test::loadXwd(file);
    }

    std::vector<VisitRow> visits() {
        dps::storage::OpenOptions ro;
        ro.readOnly = true;
        ro.checkIntegrity = false;
        auto db = dps::storage::Database::open(dir / "data" / "kiosk.db", ro);
        auto st = db.prepare("SELECT started_at, coalesce(ended_at,''), language, coalesce(end_reason,'') FROM visits "
                             "ORDER BY id");
        std::vector<VisitRow> rows;
        while (st.step())
            rows.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
        return rows;
    }

    void expectLooksLikeAScreen(const Image& img, const char* what) {
        EXPECT_EQ(img.width, kWidth) << what;
        EXPECT_EQ(img.height, kHeight) << what;
        // Text is anti-aliased: a real screen has many shades, a blank one a handful.
        EXPECT_GT(dps::test::distinctColours(img), 50U) << what << " looks blank";
    }

    TempDir dir;
    std::unique_ptr<dps::test::VirtualDisplay> display;
    std::unique_ptr<Process> kiosk;
};

} // namespace

TEST_F(KioskProcess, WelcomeHomeFinishRecordsOneVisit) {
    startKiosk();
    auto map = waitFor("welcome");
    EXPECT_EQ(map.language, "fr");
    const Image welcome = capture("welcome");
    expectLooksLikeAScreen(welcome, "welcome");

    click(map, "welcome.language.nl");
    map = waitFor("welcome", 5s, "nl");
    EXPECT_GT(dps::test::differingShare(welcome, capture("welcome-nl")), 0.001) << "language choice not visible";
    click(map, "welcome.start");
    map = waitFor("home");
    EXPECT_EQ(map.language, "nl");
    const Image home = capture("home");
    expectLooksLikeAScreen(home, "home");
    auto rows = visits();
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].language, "nl");
    EXPECT_EQ(rows[0].reason, "") << "the visit is open while the visitor is on Home";
    EXPECT_TRUE(dps::fromIsoUtc(rows[0].started));

    click(map, "home.finish");
    map = waitFor("finish");
    EXPECT_EQ(map.language, "nl") << "the thank-you is in the visitor's language";
    const Image finish = capture("finish");
    expectLooksLikeAScreen(finish, "finish");
    rows = visits();
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].reason, "finished");
    ASSERT_TRUE(dps::fromIsoUtc(rows[0].ended));
    EXPECT_GE(*dps::fromIsoUtc(rows[0].ended), *dps::fromIsoUtc(rows[0].started));

    // The thank-you screen returns to Welcome by itself, in the default language.
    map = waitFor("welcome", 8s);
    EXPECT_EQ(map.language, "fr");

    EXPECT_GT(dps::test::differingShare(welcome, home), 0.02);
    EXPECT_GT(dps::test::differingShare(home, finish), 0.02);
    EXPECT_GT(dps::test::differingShare(welcome, finish), 0.02);
}

TEST_F(KioskProcess, IdleVisitorIsAskedThenTheVisitEndsAndIsWiped) {
    startKiosk();
    auto map = waitFor("welcome");
    click(map, "welcome.language.en");
    waitFor("welcome", 5s, "en");
    click(map, "welcome.start");
    map = waitFor("home");
    const Image home = capture("home");

    // Nobody touches anything: after 5 s the prompt, after 4 more the visit ends.
    map = waitFor("still-there", 10s);
    const Image prompt = capture("still-there");
    expectLooksLikeAScreen(prompt, "still-there");
    EXPECT_GT(dps::test::differingShare(home, prompt), 0.02);
    EXPECT_EQ(visits().at(0).reason, "");

    map = waitFor("welcome", 10s);
    EXPECT_EQ(map.language, "fr") << "nothing of the last visitor remains, not even the language";
    const auto rows = visits();
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].reason, "idle_timeout");
    const auto length = *dps::fromIsoUtc(rows[0].ended) - *dps::fromIsoUtc(rows[0].started);
    EXPECT_GE(length, 8s) << "ended before idle timeout + countdown";
    EXPECT_LE(length, 30s);
}

TEST_F(KioskProcess, AnsweringThePromptKeepsTheVisitGoing) {
    startKiosk();
    auto map = waitFor("welcome");
    click(map, "welcome.start");
    waitFor("home");
    map = waitFor("still-there", 10s);
    click(map, "still-there.yes");
    waitFor("home", 3s);
    const auto rows = visits();
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].reason, "");
}

TEST_F(KioskProcess, StopSignalClosesTheOpenVisit) {
    startKiosk();
    auto map = waitFor("welcome");
    click(map, "welcome.start");
    waitFor("home");
    kiosk->signal(SIGTERM);
    const auto rc = kiosk->wait(5s);
    ASSERT_TRUE(rc) << "SIGTERM did not stop the kiosk";
    EXPECT_EQ(*rc, 0);
    EXPECT_EQ(visits().at(0).reason, "shutdown");
}

TEST_F(KioskProcess, VisitCutOffByAKillIsRecordedAsInterruptedAtNextStart) {
    startKiosk();
    auto map = waitFor("welcome");
    click(map, "welcome.start");
    waitFor("home");
    kiosk->signal(SIGKILL); // as close to a pulled plug as a test gets
    kiosk->wait(5s);
    ASSERT_EQ(visits().at(0).reason, "") << "the visit row was written before the kill";
    std::filesystem::remove(dir / "ui-map.txt");
    startKiosk();
    waitFor("welcome");
    EXPECT_EQ(visits().at(0).reason, "interrupted");
    EXPECT_THAT(kiosk->stderrText(), HasSubstr("1 visit(s) were cut off"));
}
