#include "kiosk/app/KioskProgram.h"

#include "dps/core/Timestamp.h"
#include "dps/i18n/Catalog.h"
#include "dps/log/Log.h"
#include "dps/program/CommandTable.h"
#include "dps/program/ConfigLoad.h"
#include "dps/program/InstallFolder.h"
#include "dps/program/LogLevel.h"
#include "dps/protocol/AgentStatus.h"
#include "dps/storage/StorageError.h"
#include "kiosk/adapters/browser/RunnerBrowser.h"
#include "kiosk/adapters/compositor/OpenCompositor.h"
#include "kiosk/adapters/content/TutorialLoader.h"
#include "kiosk/adapters/eid/OpenSslCertificates.h"
#include "kiosk/adapters/eid/PcscService.h"
#include "kiosk/adapters/facilitator/AdminPin.h"
#include "kiosk/adapters/facilitator/FacilitatorDirectory.h"
#include "kiosk/adapters/speech/EspeakSpeech.h"
#include "kiosk/adapters/store/KioskDatabase.h"
#include "kiosk/adapters/store/SqliteTerminalLog.h"
#include "kiosk/adapters/store/SqliteVisitLog.h"
#include "kiosk/app/AdminPinCommand.h"
#include "kiosk/app/CheckContent.h"
#include "kiosk/app/EidCheckCommand.h"
#include "kiosk/app/EidSamples.h"
#include "kiosk/app/EidWatcher.h"
#include "kiosk/app/FacilitatorCommand.h"
#include "kiosk/app/FacilitatorUnlocker.h"
#include "kiosk/app/KioskApp.h"
#include "kiosk/app/KioskSettings.h"
#include "kiosk/app/LayoutTestBrowser.h"
#include "kiosk/app/RunOptions.h"
#include "kiosk/app/ScreenshotSupport.h"
#include "kiosk/app/ScreenshotWalk.h"
#include "kiosk/app/SpeechCapture.h"
#include "kiosk/app/VisitRetention.h"
#include "kiosk/app/WindowPlacer.h"
#include "kiosk/core/KioskFlow.h"
#include "kiosk/core/SessionExit.h"
#include "kiosk/ui/Images.h"
#include "kiosk/ui/OutOfOrderScreen.h"
#include "kiosk/ui/Runner.h"
#include "kiosk/ui/Theme.h"
#include "kiosk/ui/UiMap.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fmt/core.h>
#include <iostream>
#include <optional>
#include <unistd.h>

#ifndef DPS_VERSION
#define DPS_VERSION "0.0.0"
#endif

namespace dps::kiosk {
namespace {

std::filesystem::path dataDir(const KioskSettings& s) {
    return s.dataDir.empty() ? program::shareFolder("dps-kiosk") : s.dataDir;
}

std::filesystem::path eidRootsDir(const KioskSettings& s) {
    return s.eidRootsDir.empty() ? dataDir(s) / "eid-roots" : s.eidRootsDir;
}

FlowSettings flowSettings(const KioskSettings& s, bool eidCheck) {
    FlowSettings f;
    f.features = {Feature::Learn, Feature::Finish};
    if (eidCheck) f.features.insert(f.features.begin() + 1, Feature::EidCheck);
    f.eidPinTest = s.eidPinTest;
    f.languages = s.languages;
    f.idleTimeout = std::chrono::seconds(s.idleTimeoutSeconds);
    f.stillThereCountdown = std::chrono::seconds(s.stillThereSeconds);
    f.thankYouTime = std::chrono::seconds(s.thankYouSeconds);
    f.endQuestions = s.endQuestions;
    f.facilitatorIdle = std::chrono::seconds(s.facilitatorIdleSeconds);
    f.freeUse.enabled = s.freeUseEnabled;
    f.freeUse.limit = std::chrono::minutes(s.freeUseMinutes);
    f.freeUse.idle = std::chrono::minutes(s.freeUseIdleMinutes);
    f.freeUse.tiles.clear();
    // Each slot's text was checked when the configuration was read; empty slots are left out.
    for (const auto& spec : s.tileSpecs())
        if (auto tile = parseTile(spec)) f.freeUse.tiles.push_back(std::move(*tile));
    if (s.openingHoursEnabled) {
        // Each weekday's text was checked when the configuration was read.
        if (auto hours = OpeningHours::parse(s.openingHours())) f.hours = *hours;
    }
    return f;
}

ui::RunnerOptions runnerOptions(const KioskSettings& s, const RunOptions& o) {
    ui::RunnerOptions r;
    r.fullscreen = o.fullscreen.value_or(s.fullscreen);
    r.width = o.width.value_or(static_cast<int>(s.windowWidth));
    r.height = o.height.value_or(static_cast<int>(s.windowHeight));
    r.renderer = s.renderer;
    r.redrawAlways = o.redrawAlways;
    // The one place that decides whether a visitor could close the window: in full screen, no.
    r.lockedDown = r.fullscreen;
    return r;
}

ui::FontFiles fontFiles(const KioskSettings& s) { return {s.font, s.boldFont, s.iconFont}; }

KioskApp::ThemeMaker themeMaker(const ui::Runner& runner, const KioskSettings& settings) {
    const ImVec2 pixels(static_cast<float>(runner.pixelWidth()), static_cast<float>(runner.pixelHeight()));
    return [pixels, scale = static_cast<float>(settings.scale), fonts = fontFiles(settings)](
               float size, bool contrast) { return ui::applyTheme(pixels, scale, fonts, size, contrast); };
}

// Every valid tutorial; a broken one is skipped with its reason in the log, and the kiosk runs on.
TutorialLibrary loadTutorials(const KioskSettings& s) {
    const auto dir = s.tutorialsDir.empty() ? dataDir(s) / "tutorials" : s.tutorialsDir;
    TutorialLibrary lib = loadLibrary(dir, s.languages);
    for (const auto& skipped : lib.skipped)
        log::warning("tutorial skipped: {}", skipped);
    for (const auto& p : lib.problems) {
        if (!p.blocking) log::info("tutorial content: {}", p.str());
    }
    log::info("{} tutorial(s) loaded from {}", lib.tutorials.size(), dir.string());
    return lib;
}

// A short fingerprint of the tutorials a terminal runs (their ids and versions), so a
// facilitator can tell two terminals have the same content.
std::string contentVersion(const std::vector<Tutorial>& tutorials) {
    std::uint32_t h = 2166136261U; // FNV-1a
    for (const auto& t : tutorials) {
        for (const char c : t.id + "@" + std::to_string(t.version) + ";") {
            h ^= static_cast<unsigned char>(c);
            h *= 16777619U;
        }
    }
    return fmt::format("{:08x}", h);
}

std::uint64_t databaseBytes(const std::filesystem::path& db) {
    std::uint64_t total = 0;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::error_code ec;
        const auto size = std::filesystem::file_size(db.string() + suffix, ec);
        if (!ec) total += size;
    }
    return total;
}

// visits: the visit log to read (the oldest visit the Region lacks), or null.
TerminalFacts terminalFacts(const KioskSettings& s, const TutorialLibrary& lib, SqliteVisitLog* visits) {
    TerminalFacts f;
    f.kioskVersion = DPS_VERSION;
    f.contentVersion = contentVersion(lib.tutorials);
    f.tutorialsLoaded = static_cast<int>(lib.tutorials.size());
    f.tutorialsSkipped = lib.skipped;
    std::error_code ec;
    const auto space = std::filesystem::space(s.database.parent_path().empty() ? "." : s.database.parent_path(), ec);
    if (!ec) f.freeDiskBytes = space.available;
    f.databaseBytes = databaseBytes(s.database);
    const auto agent = protocol::readAgentStatus(s.agentStatus);
    f.lastAgentSync = "never";
    if (agent)
        if (const auto at = fromIsoUtc(agent->lastSuccess)) {
            // The terminal's own time, as a facilitator reads a clock: "2026-12-01 12:06".
            const std::time_t t = std::chrono::system_clock::to_time_t(*at);
            std::tm tm{};
            ::localtime_r(&t, &tm);
            f.lastAgentSync = fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                                          tm.tm_hour, tm.tm_min);
        }
    addRetentionFacts(f, s, visits);
    f.visitLogFailing = visits && visits->failing();
    return f;
}

// The root session runner (packaging/free-use), as the package installs it.
constexpr const char* kFreeUseRunner = "/usr/libexec/dps-kiosk/dps-free-use-session";

// The free-use browser over the root session service (docs/free-use.md "How the kiosk starts a
// session"), when free_use.enabled and the runner, the service's socket, the compositor and
// swayidle are all there; otherwise null and the reason in the log.
std::unique_ptr<browser::RunnerBrowser> freeUseBrowser(const KioskSettings& s) {
    if (!s.freeUseEnabled) return nullptr;
    browser::RunnerBrowserOptions options;
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    if (const char* display = std::getenv("WAYLAND_DISPLAY"); display && *display)
        options.waylandSocket = display[0] == '/' ? std::string(display)
                                : runtime         ? std::string(runtime) + "/" + display
                                                  : std::string();
    if (const std::string why = browser::RunnerBrowser::unavailable(options, kFreeUseRunner); !why.empty()) {
        log::info("free use is not offered: {}", why);
        return nullptr;
    }
    return std::make_unique<browser::RunnerBrowser>(std::move(options));
}

bool haveDisplay() { return std::getenv("DISPLAY") != nullptr || std::getenv("WAYLAND_DISPLAY") != nullptr; }

int runKiosk(const KioskSettings& settings, const RunOptions& options, const i18n::Catalog& catalog) {
    bool inMemory = false;
    storage::Database db = openKioskDatabaseForRun(settings.database, inMemory);
    SqliteVisitLog visits(db);
    SqliteTerminalLog terminal(db);
    FacilitatorDirectory facilitators(db);
    AdminPin admin(db);
    SystemClock clock;
    try {
        if (const int n = visits.closeInterrupted(); n > 0)
            log::warning("{} visit(s) were cut off by a stop or power loss; recorded as interrupted", n);
    } catch (const storage::StorageError& e) {
        // A full disk must not take the kiosk out of order: visitors are served, unrecorded.
        log::error("visits cut off by a stop or power loss stay open until a start that can write: {}", e.what());
    }
    applyRetention(visits, settings, clock.local().date);
    log::info("visit log: {}{}", settings.database.string(), inMemory ? " (a copy in memory: nothing is kept)" : "");

    // Without its roots the check could not tell a real card from a forged one: no e-ID tile then.
    std::unique_ptr<eid::OpenSslCertificates> roots;
    if (settings.eidCheck) {
        try {
            roots = std::make_unique<eid::OpenSslCertificates>(eidRootsDir(settings));
        } catch (const std::exception& e) {
            log::error("the e-ID check is off: {}", e.what());
        }
    }
    ui::Runner runner(runnerOptions(settings, options));
    const TutorialLibrary library = loadTutorials(settings);
    // Free use's browser: none (Terminal status: "not installed") unless everything it needs is there.
    const std::unique_ptr<browser::RunnerBrowser> browserSession = freeUseBrowser(settings);
    BrowserSession* browser = browserSession.get();
    LayoutTestBrowser layoutTestBrowser; // --free-use-layout-test only (the session bar's layout tests)
    if (options.freeUseLayoutTest) browser = &layoutTestBrowser;
    KioskFlow flow(flowSettings(settings, roots != nullptr), visits, clock, library.tutorials, &terminal, browser);
    ui::UiMap map(options.uiMap);
    ui::Images images(runner.renderer());
    EspeakSpeech speech([&runner] { runner.requestRedraw(); });
    std::unique_ptr<EidWatcher> eidWatcher;
    if (roots) {
        EidWatcher::Options watch;
        watch.reader = settings.eidReader;
        eidWatcher = std::make_unique<EidWatcher>(
            std::make_unique<eid::PcscService>(), std::move(roots), [&runner] { runner.requestRedraw(); }, watch);
    }
    FacilitatorUnlocker unlocker(
        facilitators, [&runner] { runner.requestRedraw(); }, &admin);
    std::unique_ptr<SpeechCapture> capture;
    if (!options.speechCapture.empty()) capture = std::make_unique<SpeechCapture>(speech, options.speechCapture);
    KioskApp::Services services;
    services.speech = capture ? static_cast<Speech*>(capture.get()) : &speech;
    services.eid = eidWatcher.get();
    services.unlocker = &unlocker;
    services.facts = [&] {
        TerminalFacts f = terminalFacts(settings, library, &visits);
        f.visitLogFailing = f.visitLogFailing || inMemory;
        f.readAloud = speech.status();
        return f;
    };
    services.eidPictures = dataDir(settings) / "eid-pictures";
    services.maintenanceExit = [&admin] {
        try {
            return admin.hash().has_value();
        } catch (const storage::StorageError& e) {
            log::error("could not read the administrator PIN: {}", e.what());
            return false;
        }
    };
    // Free use's bar: the compositor makes the kiosk's window a strip above the browser (sway).
    std::string compositorName;
    const auto compositor = compositor::openCompositor(compositorName);
    log::info("compositor: {}", compositorName);
    WindowPlacer placer(runner, *compositor);
    services.compositor = &placer;
    KioskApp app(flow, catalog, themeMaker(runner, settings), map, settings.siteName, images, std::move(services));
    runner.run(app);
    speech.stop();
    flow.shutdown();
    if (flow.facilitator().maintenanceExitRequested()) {
        log::warning("maintenance exit: closed with the administrator PIN (exit code {}); the session does "
                     "not restart it",
                     kMaintenanceExitCode);
        return kMaintenanceExitCode;
    }
    log::info("stopped");
    return 0;
}

// Staff see it on the dashboard (the heartbeat's kiosk state, docs/protocol.md). Best effort: a
// broken kiosk.db may be why the kiosk fails, and the screen must show all the same.
void publishOutOfOrder(const KioskSettings& settings) {
    try {
        storage::Database db = openKioskDatabase(settings.database);
        KioskState state;
        state.activity = KioskActivity::OutOfOrder;
        SqliteTerminalLog(db).publishState(std::chrono::system_clock::now(), state);
    } catch (const std::exception& e) {
        log::error("out-of-order screen: the Region cannot be told (kiosk.db: {})", e.what());
    }
}

// --out-of-order: what the session shows when the kiosk keeps failing. It uses neither the
// database nor the tutorials, and starts even when the configuration is broken.
int runOutOfOrder(const KioskSettings& settings, const RunOptions& options) {
    // The visitor's language is unknown: the message is said in each of the three.
    std::vector<std::string> languages{"fr", "nl", "en"};
    std::optional<i18n::Catalog> catalog;
    try {
        catalog.emplace(dataDir(settings) / "locale", "dps-kiosk", languages);
    } catch (const std::exception& e) {
        log::error("out-of-order screen: the catalogues could not be read ({}); English only", e.what());
        languages = {"en"};
        catalog.emplace(std::filesystem::path(), "dps-kiosk", std::vector<std::string>{}); // the msgids
    }
    ui::RunnerOptions r = runnerOptions(settings, options);
    const bool picture = !options.screenshot.empty();
    if (picture) {
        r.fullscreen = false;
        r.renderer = "software";
        r.offscreen = !haveDisplay();
    }
    ui::Runner runner(r);
    ui::UiMap map(options.uiMap);
    const auto makeTheme = themeMaker(runner, settings);
    ui::OutOfOrderScreen screen(
        *catalog, languages, [&makeTheme] { return makeTheme(1.0F, false); }, map);
    if (picture) {
        runner.renderToPng(screen, options.screenshot);
        std::printf("%s: out-of-order screen, %dx%d\n", options.screenshot.c_str(), runner.pixelWidth(),
                    runner.pixelHeight());
        return 0;
    }
    log::warning("out of order: showing the out-of-order screen until the session is stopped");
    publishOutOfOrder(settings);
    runner.run(screen);
    log::info("stopped");
    return 0;
}

// The e-ID screen for --screenshot: the real check on this machine's card service, or a sample
// outcome (a check verdict code, pin-explain, pin-entry, or pin-test:CODE for a PIN test result).
int showEidOrSample(KioskFlow& flow, const KioskSettings& settings, const std::string& sample) {
    using namespace std::chrono;
    const auto today = year_month_day{floor<days>(system_clock::now())};
    if (sample.empty()) {
        try {
            const eid::OpenSslCertificates roots(eidRootsDir(settings));
            eid::PcscService service;
            flow.deliverEidReport(
                eid::runCardCheck(service, {floor<seconds>(system_clock::now()), roots, settings.eidReader}));
        } catch (const std::exception& e) {
            std::fprintf(stderr, "dps-kiosk: %s\n", e.what());
            return 1;
        }
        return 0;
    }
    if (!dps::kiosk::showEidSample(flow, sample, today)) {
        std::fprintf(stderr,
                     "dps-kiosk: --eid-sample %s: not an outcome code (docs/eid-check.md), pin-explain, "
                     "pin-entry or pin-test:CODE\n",
                     sample.c_str());
        return 2;
    }
    return 0;
}

int takeScreenshot(const KioskSettings& settings, const RunOptions& options, const i18n::Catalog& catalog) {
    const auto target = screenFromName(options.screen);
    if (!target) {
        std::fprintf(
            stderr,
            "dps-kiosk: --screen %s: no such screen (welcome, home, catalogue, player, tutorial-end, eid-check, "
            "end-questions, finish, still-there, closing-soon, closed, facilitator-unlock, facilitator, guided-setup, "
            "session-summary, terminal-status, facilitator-settings, free-use-intro, free-use-bar, free-use-erased)\n",
            options.screen.c_str());
        return 2;
    }
    ui::RunnerOptions r = runnerOptions(settings, options);
    r.fullscreen = false;
    r.renderer = "software"; // the same pixels on every machine
    r.offscreen = !haveDisplay();
    ui::Runner runner(r);
    UnrecordedVisits visits;
    ManualClock clock;
    const TutorialLibrary library = loadTutorials(settings);
    const std::vector<Tutorial>& tutorials = library.tutorials;
    // Free use's screens as on a terminal with the browser's session (the wipe's picture as asked).
    PictureBrowser browser;
    browser.reports = !(*target == Screen::FreeUseErased && options.step == 2);
    browser.verified = !((*target == Screen::FreeUseErased || *target == Screen::TerminalStatus) && options.step == 3);
    browser.usbUsed = *target == Screen::FreeUseErased && options.step == 4;
    KioskFlow flow(settingsToReach(flowSettings(settings, settings.eidCheck), *target, clock.local()), visits, clock,
                   tutorials, nullptr, &browser);
    if (const int rc = walkTo(flow, clock, *target, options); rc != 0) return rc;
    ui::UiMap map(options.uiMap);
    ui::Images images(runner.renderer());
    if (*target == Screen::EidCheck) {
        flow.apply(intent::StartVisit{});
        flow.apply(intent::OpenEidCheck{});
        if (const int rc = showEidOrSample(flow, settings, options.eidSample); rc != 0) return rc;
    }
    for (int size = 100; size < options.textSize; size += 50)
        flow.apply(intent::CycleTextSize{});
    if (options.highContrast) flow.apply(intent::ToggleContrast{});
    // The status panel's picture reads the configured visit log when there is one; never writes it.
    std::optional<storage::Database> statusDb;
    std::optional<SqliteVisitLog> statusLog;
    if (*target == Screen::TerminalStatus && std::filesystem::exists(settings.database)) {
        try {
            storage::OpenOptions readOnly;
            readOnly.readOnly = true;
            statusDb.emplace(storage::Database::open(settings.database, readOnly));
            statusLog.emplace(*statusDb);
        } catch (const storage::StorageError& e) {
            log::warning("terminal status: {}", e.what());
        }
    }
    KioskApp::Services services;
    PictureSpeech speech;
    services.speech = &speech;
    services.eidPictures = dataDir(settings) / "eid-pictures";
    services.facts = [&] {
        TerminalFacts f = terminalFacts(settings, library, statusLog ? &*statusLog : nullptr);
        f.readAloud = speech.status();
        return f;
    };
    KioskApp app(flow, catalog, themeMaker(runner, settings), map, settings.siteName, images, std::move(services));
    runner.renderToPng(app, options.screenshot);
    std::printf("%s: %s screen, %dx%d\n", options.screenshot.c_str(), options.screen.c_str(), runner.pixelWidth(),
                runner.pixelHeight());
    return 0;
}

bool parseSize(const std::string& text, RunOptions& o) {
    int w = 0, h = 0;
    char x = 0;
    // 40 px high at least: free use's session bar is a strip (1366x56 at 100 % text).
    if (std::sscanf(text.c_str(), "%d%c%d", &w, &x, &h) != 3 || x != 'x' || w < 320 || h < 40) return false;
    o.width = w;
    o.height = h;
    return true;
}

// A terminal command's settings: the configuration file when given or present, else the
// defaults; nothing when the file is wrong (its problems printed, file:line).
std::optional<KioskSettings> commandSettings(const program::ConfigChoice& config) {
    auto loaded = program::loadOrReport(kioskSchema(), config, {"dps-kiosk"});
    if (!loaded) return std::nullopt;
    program::printNotes(loaded->notes);
    return std::move(loaded->settings);
}

// "fr,nl,en" → fr, nl, en; empty items are left out.
std::vector<std::string> commaList(const std::string& text) {
    std::vector<std::string> items;
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        if (comma > start) items.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return items;
}

// The flags of the kiosk itself, which no terminal command uses.
struct MainModeFlags {
    bool windowed = false, fullscreen = false, printDefaults = false, checkConfig = false;
    std::string size;
};

// The kiosk's own options, in the order of --help.
void addMainModeOptions(CLI::App& cli, RunOptions& o, MainModeFlags& flags) {
    cli.add_flag("--windowed", flags.windowed, "Run in a window instead of full screen");
    cli.add_flag("--fullscreen", flags.fullscreen,
                 "Run full screen (the default unless the configuration says otherwise)")
        ->excludes("--windowed");
    cli.add_option("--size", flags.size, "Window and screenshot size, WIDTHxHEIGHT (e.g. 1920x1080)");
    cli.add_option("--screenshot", o.screenshot, "Draw one screen to this PNG file and exit (needs no display)");
    cli.add_option("--screen", o.screen, "Screen for --screenshot: welcome, home, finish, still-there");
    cli.add_option("--language", o.language, "Language for --screenshot (a code from kiosk.languages)");
    cli.add_option("--tutorial", o.tutorial, "Tutorial for --screenshot of catalogue, player or tutorial-end");
    cli.add_option("--step", o.step,
                   "Step (from 1) for --screenshot of the player; 2 for home: its Finish question asked; free use's "
                   "screens and terminal-status: docs/free-use-visitor.md");
    cli.add_option("--text-size", o.textSize, "Text size for --screenshot: 100, 150 or 200")
        ->check(CLI::IsMember({100, 150, 200}));
    cli.add_flag("--high-contrast", o.highContrast, "High contrast for --screenshot");
    cli.add_option("--ui-map", o.uiMap, "Keep this file up to date with the buttons on screen (for tests)");
    cli.add_flag("--redraw-always", o.redrawAlways, "Redraw every frame (the benchmark's naive peer)");
    cli.add_flag("--out-of-order", o.outOfOrder,
                 "Show only the out-of-order screen (the session's fallback when the kiosk keeps failing)");
    cli.add_flag("--free-use-layout-test", o.freeUseLayoutTest,
                 "Tests only: offer free use with a browser that starts nothing (the test starts its own); its "
                 "wipe is never verified");
    cli.add_option("--speech-capture", o.speechCapture,
                   "Tests only: write everything the kiosk says to this named pipe, a line each (never a file)");
    cli.add_flag("--check-config", flags.checkConfig, "Check the configuration file and exit");
    cli.add_flag("--print-default-config", flags.printDefaults, "Print the configuration with every default and exit");
    cli.add_option("--eid-sample", o.eidSample,
                   "For --screenshot --screen eid-check: show this outcome code (or pin-explain, pin-entry, "
                   "pin-test:CODE) instead of checking the card in the reader");
}

// --out-of-order: a broken configuration may be why the kiosk fails: then the defaults draw the screen.
KioskSettings outOfOrderSettings(const RunOptions& options) {
    const auto& schema = kioskSchema();
    try {
        return options.configGiven || std::filesystem::exists(options.configFile) ? schema.load(options.configFile)
                                                                                  : schema.defaults();
    } catch (const config::ConfigError& e) {
        log::warning("{}: {} problem(s); the out-of-order screen uses the defaults", options.configFile.string(),
                     e.problems().size());
        return schema.defaults();
    }
}

// The terminal commands (check-content, eid-check, facilitator, admin-pin): what their options
// fill in and the table. Without one of them, the kiosk itself runs.
class KioskCommands {
public:
    // config: the configuration file the command line chose, known once it is parsed.
    explicit KioskCommands(std::function<program::ConfigChoice()> config) : config_(std::move(config)) {}

    std::vector<program::Command> table() {
        return {checkContentEntry(), eidCheckEntry(), facilitatorEntry(), adminPinEntry()};
    }

private:
    program::Command checkContentEntry() {
        return {"check-content", "Check every tutorial in DIR and print each problem",
                [this](CLI::App& c) {
                    c.add_option("DIR", contentDir_, "Folder of tutorial folders (e.g. assets/tutorials)")->required();
                    c.add_option("--languages", contentLanguages_, "Languages every text must have, comma-separated");
                },
                [this] { return checkContent(contentDir_, commaList(contentLanguages_)); }};
    }

    program::Command eidCheckEntry() {
        return {"eid-check", "Check the e-ID card in the reader (exit code 0: the card works)",
                [this](CLI::App& c) {
                    c.add_flag("--json", eid_.json, "Print outcome codes and dates as JSON");
                    c.add_option("--language", eid_.language, "Language of the messages (fr, nl, en)");
                    c.add_option("--reader", eid_.reader, "Use this reader (its name as the check prints it)");
                    c.add_flag("--pin-test", eid_.pinTest,
                               "Then test the PIN: it is asked without echo (or typed on a pinpad reader)");
                },
                [this] {
                    // The terminal's own configuration, when there is one, says which reader and roots to use.
                    const auto settings = commandSettings(config_());
                    if (!settings) return program::kUsageError;
                    if (eid_.reader.empty()) eid_.reader = settings->eidReader;
                    eid_.rootsDir = eidRootsDir(*settings);
                    const i18n::Catalog catalog(dataDir(*settings) / "locale", "dps-kiosk", {eid_.language});
                    return eidCheckCommand(eid_, catalog);
                }};
    }

    program::Command facilitatorEntry() {
        return {"facilitator",
                "Manage the facilitators of this terminal: add NAME, remove NAME, or list (PINs are asked)",
                [this](CLI::App& c) {
                    c.add_option("ACTION", facilitatorAction_, "add, remove or list")
                        ->required()
                        ->check(CLI::IsMember({"add", "remove", "list"}));
                    c.add_option("NAME", facilitatorName_, "The facilitator's name (add, remove)");
                },
                [this] {
                    const auto settings = commandSettings(config_());
                    if (!settings) return program::kUsageError;
                    return facilitatorCommand(settings->database, facilitatorAction_, facilitatorName_);
                }};
    }

    program::Command adminPinEntry() {
        return {"admin-pin", "Set or clear the administrator PIN, which allows the maintenance exit (the PIN is asked)",
                [this](CLI::App& c) {
                    c.add_option("ACTION", adminPinAction_, "set or clear")
                        ->required()
                        ->check(CLI::IsMember({"set", "clear"}));
                },
                [this] {
                    const auto settings = commandSettings(config_());
                    if (!settings) return program::kUsageError;
                    return adminPinCommand(settings->database, adminPinAction_);
                }};
    }

    std::function<program::ConfigChoice()> config_;
    std::filesystem::path contentDir_;
    std::string contentLanguages_ = "fr,nl,en";
    EidCheckOptions eid_;
    std::string facilitatorAction_, facilitatorName_, adminPinAction_;
};

} // namespace

int kioskMain(int argc, char** argv) {
    RunOptions options;
    options.configFile = kDefaultConfigPath;
    CLI::App cli{"dps-kiosk: the public digital space kiosk (tutorials, e-ID check, anonymous visit log)"};
    cli.set_version_flag("--version", DPS_VERSION);
    cli.add_option("-c,--config", options.configFile,
                   "Configuration file (default " + std::string(kDefaultConfigPath) + ")");
    MainModeFlags flags;
    addMainModeOptions(cli, options, flags);

    // The terminal commands; without one, the kiosk itself runs (below).
    const auto config = [&] { return program::ConfigChoice{options.configFile, cli.count("--config") > 0}; };
    KioskCommands kioskCommands(config);
    const program::CommandTable commands(cli, kioskCommands.table());
    if (const auto rc = program::parseCommandLine(cli, argc, argv)) return *rc;
    if (const auto rc = commands.dispatch()) return *rc;

    options.configGiven = cli.count("--config") > 0;
    if (flags.windowed) options.fullscreen = false;
    if (flags.fullscreen) options.fullscreen = true;
    if (!flags.size.empty() && !parseSize(flags.size, options)) {
        std::fprintf(stderr, "dps-kiosk: --size %s: expected WIDTHxHEIGHT, at least 320x40\n", flags.size.c_str());
        return program::kUsageError;
    }

    const auto& schema = kioskSchema();
    if (flags.printDefaults) {
        std::fputs(schema.defaultsAsToml().c_str(), stdout);
        return 0;
    }

    if (options.outOfOrder) {
        const KioskSettings settings = outOfOrderSettings(options);
        try {
            return runOutOfOrder(settings, options);
        } catch (const std::exception& e) {
            log::error("{}", e.what());
            return 1;
        }
    }
    const auto loaded = program::loadOrReport(schema, config(), {"dps-kiosk", "started", true});
    if (!loaded) return program::kUsageError;
    if (flags.checkConfig) return program::reportValid(config(), loaded->notes);
    program::logNotes(loaded->notes);
    const KioskSettings& settings = loaded->settings;
    program::applyLogLevel(settings.logLevel);
    if (!options.language.empty() &&
        std::find(settings.languages.begin(), settings.languages.end(), options.language) == settings.languages.end()) {
        std::fprintf(stderr, "dps-kiosk: --language %s: not among kiosk.languages\n", options.language.c_str());
        return program::kUsageError;
    }

    try {
        const i18n::Catalog catalog(dataDir(settings) / "locale", "dps-kiosk", settings.languages);
        if (!options.screenshot.empty()) return takeScreenshot(settings, options, catalog);
        return runKiosk(settings, options, catalog);
    } catch (const ui::DisplayError& e) {
        log::error("{}", e.what());
    } catch (const storage::StorageError& e) {
        log::error("{}", e.what());
    } catch (const std::exception& e) {
        log::error("{}", e.what());
    }
    return 1;
}

} // namespace dps::kiosk
