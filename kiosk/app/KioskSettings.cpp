#include "kiosk/app/KioskSettings.h"

#include "dps/i18n/Languages.h"
#include "kiosk/core/freeuse/FreeUseSettings.h"
#include "kiosk/core/hours/OpeningHours.h"

#include <array>
#include <cctype>
#include <string>

namespace dps::kiosk {
namespace {

std::vector<std::string> languageCodes() {
    std::vector<std::string> codes;
    for (const auto& l : i18n::knownLanguages())
        codes.emplace_back(l.code);
    return codes;
}

// Free use (issue 20, docs/free-use-visitor.md).
void addFreeUse(config::Schema<KioskSettings>& s) {
    using S = KioskSettings;
    s.boolean("free_use.enabled", &S::freeUseEnabled, true,
              "Offer \"Use the internet\" on the Home screen: a locked-down browser for the visitor's own errand, "
              "everything of it erased at the end (shown only where the browser's session is installed).");
    s.integer("free_use.minutes", &S::freeUseMinutes, FreeUseSettings{}.limit.count(), kFreeUseMin.count(),
              kFreeUseMax.count(),
              "Minutes a session lasts (a facilitator can give more). Warnings 5 and 1 minutes before the end, "
              "then 30 seconds, then the wipe.");
    s.integer("free_use.idle_minutes", &S::freeUseIdleMinutes, FreeUseSettings{}.idle.count(), kFreeUseIdleMin.count(),
              kFreeUseIdleMax.count(),
              "Minutes without any input in the browser before \"Are you still there?\" (then, after "
              "visit.still_there_seconds, the wipe). Short, because a visitor who walks away leaves their accounts "
              "open to the next person.");
    const std::array<std::string S::*, kTilesMax> slots{&S::tile1, &S::tile2, &S::tile3, &S::tile4, &S::tile5,
                                                        &S::tile6, &S::tile7, &S::tile8, &S::tile9, &S::tile10};
    const auto specs = FreeUseSettings::defaultTileSpecs();
    const auto check = [](const std::string& v) { return tileProblem(v); };
    for (std::size_t i = 0; i < slots.size(); ++i) {
        const std::string doc =
            i == 0 ? "The start page's tiles, in order: the address (https only), a bar, then the name, or one "
                     "name per language (\"https://irisbox.brussels/ | fr: Ma commune | nl: Mijn gemeente | en: My "
                     "municipality\"; a language without one shows the English or the first). Names up to 40 "
                     "characters, addresses up to 300. Empty: no tile. tile_9 and tile_10 are free for this DPS's "
                     "own page."
                   : "A start page tile (written as tile_1).";
        s.checkedString("free_use.tile_" + std::to_string(i + 1), slots[i], i < specs.size() ? specs[i] : "", doc,
                        check);
    }
}

config::Schema<KioskSettings> makeSchema() {
    using S = KioskSettings;
    config::Schema<S> s("dps-kiosk");
    s.stringList("kiosk.languages", &S::languages, {"fr", "nl", "en"},
                 "Languages offered on the Welcome screen, in this order; the first is preselected. "
                 "Each needs a catalogue in <data_dir>/locale.",
                 languageCodes(), 1);
    s.string("kiosk.site_name", &S::siteName, "",
             "Name of this public digital space, shown at the top of every screen (empty: none).");
    s.integer("visit.idle_timeout_seconds", &S::idleTimeoutSeconds, 300, 5, 7200,
              "Seconds without any input before the kiosk asks \"Are you still there?\".");
    s.integer("visit.still_there_seconds", &S::stillThereSeconds, 30, 3, 600,
              "Seconds the \"Are you still there?\" countdown lasts before the visit ends and is wiped.");
    s.integer("visit.thank_you_seconds", &S::thankYouSeconds, 15, 3, 600,
              "Seconds the thank-you screen stays before the kiosk returns to Welcome.");
    s.path("storage.database", &S::database, "/var/lib/dps-kiosk/kiosk.db",
           "The visit log (SQLite). A relative path is taken from this file's folder.");
    s.boolean("visit.end_questions", &S::endQuestions, false,
              "At the end of a free-use visit, ask \"What did you come for today?\" and \"Did this help?\" "
              "(both skippable with one tap). A facilitator can change it at the terminal.");
    s.string("storage.retention", &S::retention, std::string(code(RetentionRule::AfterReport)),
             "When old visits leave the visit log (checked at every start). after-report: a visit is kept until "
             "dps-agent says the regional server has its day, and at least retention_days; with no agent nothing "
             "is deleted. by-age: visits are deleted once retention_days old, whether the server has them or not "
             "(a kiosk without dps-agent).",
             {std::string(code(RetentionRule::AfterReport)), std::string(code(RetentionRule::ByAge))});
    s.integer("storage.retention_days", &S::retentionDays, 90, 1, 3650,
              "Days a visit is kept at least (after-report) or at most (by-age).");
    // 0.1.0 shipped it as false (written before dps-agent existed), so that false says nothing about
    // what an administrator wants: a file that still has it keeps unreported visits.
    s.retired("storage.retention_needs_report", config::Kind::Boolean, [](const config::Value& v) {
        return std::get<bool>(v)
                   ? std::string("'storage.retention_needs_report' is no longer read: keeping every visit until "
                                 "dps-agent has reported it is now the default (retention = \"after-report\"); "
                                 "remove this line")
                   : std::string("'storage.retention_needs_report' is no longer read, and false no longer deletes "
                                 "visits the regional server has not received: storage.retention decides. To "
                                 "delete by age on a kiosk without dps-agent, write retention = \"by-age\" in "
                                 "[storage] instead; either way, remove this line");
    });
    s.path("storage.agent_status", &S::agentStatus, "/var/lib/dps-agent/status.json",
           "Where dps-agent says which days the server has (for retention) and when it last synced.");
    s.boolean("display.fullscreen", &S::fullscreen, true,
              "Full screen (true) or a window (false, for trying it out; --windowed does the same).");
    s.integer("display.window_width", &S::windowWidth, 1366, 320, 7680,
              "Window width in pixels, when not full screen.");
    s.integer("display.window_height", &S::windowHeight, 768, 240, 4320,
              "Window height in pixels, when not full screen.");
    s.number(
        "display.scale", &S::scale, 0.0, 0.0, 4.0,
        "Size of text and buttons: 0 adapts to the screen (a 1366x768 screen is 1.0); 1.5 is half as large again.");
    s.string("display.renderer", &S::renderer, "software",
             "How to draw: software needs no graphics driver and least memory; accelerated uses the graphics card "
             "(OpenGL); auto tries the card, then software.",
             {"software", "auto", "accelerated"});
    s.path("display.font", &S::font, "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "Text font (TrueType).");
    s.path("display.bold_font", &S::boldFont, "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
           "Heading font (TrueType).");
    s.path("display.icon_font", &S::iconFont, "/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf",
           "Icon font (Font Awesome 4).");
    s.path("paths.data_dir", &S::dataDir, "",
           "Folder with the kiosk's data (translations in locale/); empty: ../share/dps-kiosk beside the program.");
    s.path("content.tutorials_dir", &S::tutorialsDir, "",
           "Folder of tutorial folders (docs/authoring-tutorials.md); empty: <data_dir>/tutorials.");
    s.integer("facilitator.idle_timeout_seconds", &S::facilitatorIdleSeconds, 120, 30, 1800,
              "Facilitator mode closes itself after this many seconds without a facilitator's input.");
    s.boolean("opening_hours.enabled", &S::openingHoursEnabled, false,
              "Follow the opening hours below: warn ten minutes before closing, then show \"closed\". "
              "Off: always open.");
    const auto hours = [](const std::string& v) { return OpeningHours::checkDay(v); };
    // One key a weekday, Monday's documented in full, the others pointing to it.
    const std::array<std::pair<const char*, std::string S::*>, 7> days{{{"Monday", &S::hoursMonday},
                                                                        {"Tuesday", &S::hoursTuesday},
                                                                        {"Wednesday", &S::hoursWednesday},
                                                                        {"Thursday", &S::hoursThursday},
                                                                        {"Friday", &S::hoursFriday},
                                                                        {"Saturday", &S::hoursSaturday},
                                                                        {"Sunday", &S::hoursSunday}}};
    for (const auto& [day, field] : days) {
        std::string key = std::string("opening_hours.") + day;
        key[14] = static_cast<char>(std::tolower(static_cast<unsigned char>(key[14])));
        const std::string doc =
            field == &S::hoursMonday
                ? "Monday's opening hours, e.g. \"09:00-12:30, 13:30-17:00\"; empty: closed all day."
                : std::string(day) + "'s opening hours (written as for monday).";
        s.checkedString(key, field, "", doc, hours);
    }
    s.string("log.level", &S::logLevel, "info", "Least important messages written to the log.",
             {"debug", "info", "warning", "error"});
    s.boolean("eid.check", &S::eidCheck, true,
              "Offer the e-ID card check on the Home screen (false where the terminal has no card reader).");
    s.string("eid.reader", &S::eidReader, "",
             "Card reader to use, by its name as pcscd gives it (dps-kiosk eid-check shows it); empty: the reader "
             "that has a card in it, else the first.");
    s.boolean("eid.pin_test", &S::eidPinTest, true,
              "Offer the optional PIN test after the check (after a screen that explains the risk).");
    s.path("eid.roots_dir", &S::eidRootsDir, "",
           "Folder of the Belgian e-ID root certificates (PEM); empty: <data_dir>/eid-roots.");
    addFreeUse(s);
    return s;
}

} // namespace

const config::Schema<KioskSettings>& kioskSchema() {
    static const config::Schema<KioskSettings> schema = makeSchema();
    return schema;
}

} // namespace dps::kiosk
