#include "KioskProgram.h"

#include "../content/TutorialLoader.h"
#include "../core/KioskFlow.h"
#include "../core/SessionExit.h"
#include "../eid/OpenSslCertificates.h"
#include "../eid/PcscService.h"
#include "../facilitator/AdminPin.h"
#include "../facilitator/FacilitatorDirectory.h"
#include "../speech/EspeakSpeech.h"
#include "../ui/Images.h"
#include "../ui/OutOfOrderScreen.h"
#include "../ui/Runner.h"
#include "../ui/Theme.h"
#include "../ui/UiMap.h"
#include "AdminPinCommand.h"
#include "CheckContent.h"
#include "EidCheckCommand.h"
#include "EidSamples.h"
#include "EidWatcher.h"
#include "FacilitatorCommand.h"
#include "FacilitatorUnlocker.h"
#include "KioskApp.h"
#include "KioskDatabase.h"
#include "KioskSettings.h"
#include "RunOptions.h"
#include "ScreenshotSupport.h"
#include "ScreenshotWalk.h"
#include "SqliteTerminalLog.h"
#include "SqliteVisitLog.h"
#include "VisitRetention.h"
#include "dps/core/Timestamp.h"
#include "dps/i18n/Catalog.h"
#include "dps/log/Log.h"
#include "dps/protocol/AgentStatus.h"
#include "dps/storage/StorageError.h"

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

std::filesystem::path programDir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::current_path() : exe.parent_path();
}

std::filesystem::path dataDir(const KioskSettings& s) {
    return s.dataDir.empty() ? (programDir() / ".." / "share" / "dps-kiosk").lexically_normal() : s.dataDir;
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
    KioskFlow flow(flowSettings(settings, roots != nullptr), visits, clock, library.tutorials, &terminal);
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
    KioskApp::Services services;
    services.speech = &speech;
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
    KioskApp app(flow, catalog, themeMaker(runner, settings), map, settings.siteName, images, std::move(services));
    runner.run(app);
    speech.stop();
    flow.shutdown();
    if (flow.maintenanceExitRequested()) {
        log::warning("maintenance exit: closed with the administrator PIN (exit code {}); the session does "
                     "not restart it",
                     kMaintenanceExitCode);
        return kMaintenanceExitCode;
    }
    log::info("stopped");
    return 0;
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
            "session-summary, terminal-status, facilitator-settings)\n",
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
    KioskFlow flow(settingsToReach(flowSettings(settings, settings.eidCheck), *target, clock.local()), visits, clock,
                   tutorials);
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
    if (std::sscanf(text.c_str(), "%d%c%d", &w, &x, &h) != 3 || x != 'x' || w < 320 || h < 240) return false;
    o.width = w;
    o.height = h;
    return true;
}

// A terminal command's settings: the configuration file when given or present, else the
// defaults; nothing when the file is wrong (its problems printed, file:line).
std::optional<KioskSettings> commandSettings(const std::filesystem::path& file, bool given) {
    try {
        if (given || std::filesystem::exists(file)) {
            std::vector<config::ConfigProblem> notes;
            KioskSettings settings = kioskSchema().load(file, &notes);
            for (const auto& n : notes)
                std::fprintf(stderr, "%s\n", n.str().c_str());
            return settings;
        }
        return kioskSchema().defaults();
    } catch (const config::ConfigError& e) {
        for (const auto& p : e.problems())
            std::fprintf(stderr, "%s\n", p.str().c_str());
        return std::nullopt;
    }
}

} // namespace

int kioskMain(int argc, char** argv) {
    RunOptions options;
    options.configFile = kDefaultConfigPath;
    CLI::App cli{"dps-kiosk: the public digital space kiosk (tutorials, e-ID check, anonymous visit log)"};
    cli.set_version_flag("--version", DPS_VERSION);
    cli.add_option("-c,--config", options.configFile,
                   "Configuration file (default " + std::string(kDefaultConfigPath) + ")");
    bool windowed = false, fullscreen = false, printDefaults = false, checkConfig = false;
    std::string size;
    cli.add_flag("--windowed", windowed, "Run in a window instead of full screen");
    cli.add_flag("--fullscreen", fullscreen, "Run full screen (the default unless the configuration says otherwise)")
        ->excludes("--windowed");
    cli.add_option("--size", size, "Window and screenshot size, WIDTHxHEIGHT (e.g. 1920x1080)");
    cli.add_option("--screenshot", options.screenshot, "Draw one screen to this PNG file and exit (needs no display)");
    cli.add_option("--screen", options.screen, "Screen for --screenshot: welcome, home, finish, still-there");
    cli.add_option("--language", options.language, "Language for --screenshot (a code from kiosk.languages)");
    cli.add_option("--tutorial", options.tutorial, "Tutorial for --screenshot of catalogue, player or tutorial-end");
    cli.add_option("--step", options.step,
                   "Step (from 1) for --screenshot of the player; 2 for home: its Finish question asked");
    cli.add_option("--text-size", options.textSize, "Text size for --screenshot: 100, 150 or 200")
        ->check(CLI::IsMember({100, 150, 200}));
    cli.add_flag("--high-contrast", options.highContrast, "High contrast for --screenshot");
    cli.add_option("--ui-map", options.uiMap, "Keep this file up to date with the buttons on screen (for tests)");
    cli.add_flag("--redraw-always", options.redrawAlways, "Redraw every frame (the benchmark's naive peer)");
    cli.add_flag("--out-of-order", options.outOfOrder,
                 "Show only the out-of-order screen (the session's fallback when the kiosk keeps failing)");
    cli.add_flag("--check-config", checkConfig, "Check the configuration file and exit");
    cli.add_flag("--print-default-config", printDefaults, "Print the configuration with every default and exit");
    CLI::App* check = cli.add_subcommand("check-content", "Check every tutorial in DIR and print each problem");
    std::filesystem::path contentDir;
    std::string contentLanguages = "fr,nl,en";
    check->add_option("DIR", contentDir, "Folder of tutorial folders (e.g. assets/tutorials)")->required();
    check->add_option("--languages", contentLanguages, "Languages every text must have, comma-separated");
    CLI::App* eidCheck =
        cli.add_subcommand("eid-check", "Check the e-ID card in the reader (exit code 0: the card works)");
    EidCheckOptions eidOptions;
    eidCheck->add_flag("--json", eidOptions.json, "Print outcome codes and dates as JSON");
    eidCheck->add_option("--language", eidOptions.language, "Language of the messages (fr, nl, en)");
    eidCheck->add_option("--reader", eidOptions.reader, "Use this reader (its name as the check prints it)");
    eidCheck->add_flag("--pin-test", eidOptions.pinTest,
                       "Then test the PIN: it is asked without echo (or typed on a pinpad reader)");
    CLI::App* facilitator = cli.add_subcommand(
        "facilitator", "Manage the facilitators of this terminal: add NAME, remove NAME, or list (PINs are asked)");
    std::string facilitatorAction, facilitatorName;
    facilitator->add_option("ACTION", facilitatorAction, "add, remove or list")
        ->required()
        ->check(CLI::IsMember({"add", "remove", "list"}));
    facilitator->add_option("NAME", facilitatorName, "The facilitator's name (add, remove)");
    CLI::App* adminPin = cli.add_subcommand(
        "admin-pin", "Set or clear the administrator PIN, which allows the maintenance exit (the PIN is asked)");
    std::string adminPinAction;
    adminPin->add_option("ACTION", adminPinAction, "set or clear")->required()->check(CLI::IsMember({"set", "clear"}));
    cli.add_option("--eid-sample", options.eidSample,
                   "For --screenshot --screen eid-check: show this outcome code (or pin-explain, pin-entry, "
                   "pin-test:CODE) instead of checking the card in the reader");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    }
    if (facilitator->parsed()) {
        const auto settings = commandSettings(options.configFile, cli.count("--config") > 0);
        if (!settings) return 2;
        return facilitatorCommand(settings->database, facilitatorAction, facilitatorName);
    }
    if (adminPin->parsed()) {
        const auto settings = commandSettings(options.configFile, cli.count("--config") > 0);
        if (!settings) return 2;
        return adminPinCommand(settings->database, adminPinAction);
    }
    if (eidCheck->parsed()) {
        // The terminal's own configuration, when there is one, says which reader and roots to use.
        const auto settings = commandSettings(options.configFile, cli.count("--config") > 0);
        if (!settings) return 2;
        if (eidOptions.reader.empty()) eidOptions.reader = settings->eidReader;
        eidOptions.rootsDir = eidRootsDir(*settings);
        const i18n::Catalog catalog(dataDir(*settings) / "locale", "dps-kiosk", {eidOptions.language});
        return eidCheckCommand(eidOptions, catalog);
    }
    if (check->parsed()) {
        std::vector<std::string> languages;
        for (std::size_t start = 0; start <= contentLanguages.size();) {
            const std::size_t comma = std::min(contentLanguages.find(',', start), contentLanguages.size());
            if (comma > start) languages.push_back(contentLanguages.substr(start, comma - start));
            start = comma + 1;
        }
        return checkContent(contentDir, languages);
    }
    options.configGiven = cli.count("--config") > 0;
    if (windowed) options.fullscreen = false;
    if (fullscreen) options.fullscreen = true;
    if (!size.empty() && !parseSize(size, options)) {
        std::fprintf(stderr, "dps-kiosk: --size %s: expected WIDTHxHEIGHT, at least 320x240\n", size.c_str());
        return 2;
    }

    const auto& schema = kioskSchema();
    if (printDefaults) {
        std::fputs(schema.defaultsAsToml().c_str(), stdout);
        return 0;
    }

    KioskSettings settings;
    if (options.outOfOrder) {
        // A broken configuration may be why the kiosk fails: then the defaults draw the screen.
        try {
            settings = options.configGiven || std::filesystem::exists(options.configFile)
                           ? schema.load(options.configFile)
                           : schema.defaults();
        } catch (const config::ConfigError& e) {
            log::warning("{}: {} problem(s); the out-of-order screen uses the defaults", options.configFile.string(),
                         e.problems().size());
            settings = schema.defaults();
        }
        try {
            return runOutOfOrder(settings, options);
        } catch (const std::exception& e) {
            log::error("{}", e.what());
            return 1;
        }
    }
    std::vector<config::ConfigProblem> notes; // what still works but should change, file:line
    try {
        if (options.configGiven || std::filesystem::exists(options.configFile)) {
            settings = schema.load(options.configFile, &notes);
        } else {
            settings = schema.defaults();
            log::info("{} does not exist: using the built-in defaults", options.configFile.string());
        }
    } catch (const config::ConfigError& e) {
        for (const auto& p : e.problems())
            std::fprintf(stderr, "%s\n", p.str().c_str());
        std::fprintf(stderr, "dps-kiosk: the configuration has %zu problem(s); nothing was started\n",
                     e.problems().size());
        return 2;
    }
    if (checkConfig) {
        for (const auto& n : notes)
            std::fprintf(stderr, "%s\n", n.str().c_str());
        std::printf("%s: configuration is valid%s\n", options.configFile.c_str(),
                    notes.empty() ? "" : fmt::format(", with {} note(s) to act on", notes.size()).c_str());
        return 0;
    }
    for (const auto& n : notes)
        log::warning("{}", n.str());
    log::Level level{};
    if (log::parseLevel(settings.logLevel, level)) log::setLevel(level);
    if (!options.language.empty() &&
        std::find(settings.languages.begin(), settings.languages.end(), options.language) == settings.languages.end()) {
        std::fprintf(stderr, "dps-kiosk: --language %s: not among kiosk.languages\n", options.language.c_str());
        return 2;
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
