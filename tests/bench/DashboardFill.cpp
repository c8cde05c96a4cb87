// dps-dashboard-fill: a server.db as years of a whole region's terminals leave it, for the
// dashboard benchmark of issue 8 (tests/bench/dashboard-bench.py, docs/performance.md).
//
// The DPS are imported, and terminals made, enrolled and heard from, through the server's own
// services (DpsDirectory, TerminalRegistry, EnrollService, HeartbeatService). Each day record is
// built as the agent builds it, visit by visit (protocol::addVisit, countersJson), and written
// with the SQL IngestService writes, in large transactions; usage_months is then summed in SQL as
// migration 3 sums it. The last days of a sample of terminals are left out of the bulk writing and
// go through IngestService::ingest itself, timed, then once more with a new rev (a day replaced:
// its old counters leave usage_months first); the same new days on an empty server.db are the peer.
//
// [SECTION] Options
// [SECTION] Places: municipalities, DPS names and addresses
// [SECTION] Days: a terminal's usage on one local day, visit by visit
// [SECTION] Filling: DPS, terminals, days, monthly sums, heartbeats
// [SECTION] Ingest sample: the real IngestService on the filled file, and on an empty one
// [SECTION] Checks and main
#include "dps/core/Clock.h"
#include "dps/core/ManualClock.h"
#include "dps/core/Timestamp.h"
#include "dps/protocol/HeartbeatJson.h"
#include "dps/protocol/UsageJson.h"
#include "dps/storage/Transaction.h"
#include "server/core/DpsCsv.h"
#include "server/services/DpsDirectory.h"
#include "server/services/EnrollService.h"
#include "server/services/HeartbeatService.h"
#include "server/services/IngestService.h"
#include "server/services/TerminalRegistry.h"
#include "server/store/ServerDb.h"
#include "server/store/SqliteDpsStore.h"
#include "server/store/SqliteHeartbeatStore.h"
#include "server/store/SqliteTerminalStore.h"
#include "server/store/SqliteUsageStore.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace std::chrono;
using namespace dps;
using Rng = std::mt19937_64;
namespace fs = std::filesystem;

// [SECTION] Options ---------------------------------------------------------------------------

struct Options {
    std::string db;
    int dps = 500;
    int terminalsPerDps = 4;
    int years = 5;
    std::uint64_t seed = 1;
    std::string endDate; // default: yesterday, local
    double silentShare = 0.01;
    int sampleTerminals = 20;
    int sampleDays = 100;
    std::string sourceDir = DPS_SOURCE_DIR;
};

double secondsSince(steady_clock::time_point t0) { return duration<double>(steady_clock::now() - t0).count(); }

std::optional<year_month_day> parseDate(const std::string& s) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::nullopt;
    const year_month_day ymd{year{y}, month{m}, day{d}};
    return ymd.ok() ? std::optional(ymd) : std::nullopt;
}

std::string readFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// [SECTION] Places ----------------------------------------------------------------------------

struct Municipality {
    std::string en, fr, nl, postcode; // the first of its postcodes
};

// assets/data/brussels-municipalities.csv: municipality_en,municipality_fr,municipality_nl,postcodes
// (no field holds a comma or a quote).
std::vector<Municipality> readMunicipalities(const fs::path& file) {
    std::istringstream in(readFile(file));
    std::vector<Municipality> out;
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::vector<std::string> f;
        std::istringstream fields(line);
        for (std::string x; std::getline(fields, x, ',');)
            f.push_back(x);
        if (f.size() != 4) throw std::runtime_error(file.string() + ": unexpected line: " + line);
        out.push_back({f[0], f[1], f[2], f[3].substr(0, f[3].find(' '))});
    }
    if (out.size() != 19) throw std::runtime_error(file.string() + ": expected the 19 municipalities");
    return out;
}

// The Region's certified DPS first (assets/data/brussels-certified-dps.csv), then places named as
// such places are: a kind of venue, a neighbourhood or street, the municipality.
std::vector<server::DpsRow> dpsRows(const Options& o, const std::vector<Municipality>& municipalities, Rng& rng) {
    std::vector<server::DpsRow> rows;
    const auto parsed = server::parseDpsCsv(readFile(fs::path(o.sourceDir) / "assets/data/brussels-certified-dps.csv"));
    if (const auto* real = std::get_if<std::vector<server::DpsRow>>(&parsed))
        for (const auto& r : *real)
            if (static_cast<int>(rows.size()) < o.dps) rows.push_back(r);
    static const std::vector<std::string> kindsFr{"EPN",
                                                  "Espace public numérique",
                                                  "Bibliothèque",
                                                  "Maison de quartier",
                                                  "Antenne CPAS",
                                                  "Centre culturel",
                                                  "Maison des seniors",
                                                  "Ludothèque",
                                                  "Maison de l'emploi",
                                                  "Centre social",
                                                  "Mission locale",
                                                  "Espace seniors"};
    static const std::vector<std::string> kindsNl{"Digitheek",   "Buurthuis",   "Dienstencentrum",
                                                  "Wijkcentrum", "Bibliotheek", "Gemeenschapscentrum"};
    static const std::vector<std::string> places{
        "Clemenceau", "Peterbos",     "Saint-Guidon", "Bara",       "Flagey",         "Matonge",      "Helmet",
        "Josaphat",   "Van Meyel",    "Heysel",       "Bockstael",  "Ribaucourt",     "Duchesse",     "Marais",
        "Brabant",    "Cureghem",     "Meiser",       "Dailly",     "Colignon",       "Tilleul",      "Chasseurs",
        "Messidor",   "Altitude 100", "Wiener",       "Karreveld",  "Etangs Noirs",   "Tour & Taxis", "Stalle",
        "Calevoet",   "Fort-Jaco",    "Sainte-Alix",  "Stockel",    "Kapelleveld",    "Georgin",      "Roodebeek",
        "Gribaumont", "Heymbosch",    "Bossuet",      "Parvis",     "Porte de Hal",   "Albert",       "Horta",
        "Van Volxem", "Wielemans",    "Bervoets",     "Seny",       "Keym",           "Tomberg",      "Mérode",
        "Jourdan",    "Chazal",       "Plasky",       "Linthout",   "Moortebeek",     "Scherdemael",  "Veeweyde",
        "Simonis",    "Beekkant",     "Machtens",     "Maritime",   "Sainte-Marie",   "Liedts",       "Haren",
        "Neder",      "Laeken",       "Mutsaard",     "Versailles", "Marie-Christine"};
    static const std::vector<std::string> streets{"Rue",       "Avenue", "Chaussée de", "Place",
                                                  "Boulevard", "Square", "Clos"};
    std::set<std::string> names;
    for (const auto& r : rows)
        names.insert(r.name);
    while (static_cast<int>(rows.size()) < o.dps) {
        // Spread over the 19 municipalities in turn, so each has its share.
        const Municipality& m = municipalities[rows.size() % municipalities.size()];
        const bool dutch = rng() % 5 == 0;
        const auto& kinds = dutch ? kindsNl : kindsFr;
        const std::string& kind = kinds[rng() % kinds.size()];
        const std::string& place = places[rng() % places.size()];
        std::string name = fmt::format("{} {} ({})", kind, place, dutch ? m.nl : m.fr);
        for (int n = 2; names.contains(name); ++n)
            name = fmt::format("{} {} {} ({})", kind, place, n, dutch ? m.nl : m.fr);
        names.insert(name);
        rows.push_back(
            {name, fmt::format("{} {} {}", streets[rng() % streets.size()], place, 1 + rng() % 180), m.postcode, m.en});
    }
    return rows;
}

// [SECTION] Days ------------------------------------------------------------------------------

// A code drawn by weight.
class Choice {
public:
    explicit Choice(std::vector<std::pair<std::string, double>> weighted) {
        std::vector<double> w;
        for (auto& [code, weight] : weighted) {
            codes_.push_back(std::move(code));
            w.push_back(weight);
        }
        pick_ = std::discrete_distribution<int>(w.begin(), w.end());
    }
    const std::string& draw(Rng& rng) { return codes_[static_cast<std::size_t>(pick_(rng))]; }

private:
    std::vector<std::string> codes_;
    std::discrete_distribution<int> pick_;
};

// The codes of docs/visit-log.md and eid-check.md with the weights of a plausible region.
struct Codes {
    Choice endFree{{{"finished", 58}, {"idle_timeout", 33}, {"closing_time", 5}, {"shutdown", 2}, {"interrupted", 2}}};
    Choice endGuided{{{"facilitator_ended", 93}, {"closing_time", 3}, {"shutdown", 2}, {"interrupted", 2}}};
    Choice purpose{{{"learning", 30},
                    {"administrative", 25},
                    {"job_search", 15},
                    {"banking", 10},
                    {"eid_help", 12},
                    {"other", 8}}};
    Choice cameFor{{{"administrative", 30},
                    {"learning", 20},
                    {"job_search", 18},
                    {"banking", 12},
                    {"eid_help", 10},
                    {"other", 10}}};
    Choice helped{{{"yes", 64}, {"somewhat", 26}, {"no", 10}}};
    Choice autonomy{{{"full_help", 35}, {"some_help", 45}, {"alone", 20}}};
    Choice referral{
        {{"municipality", 18}, {"cpas", 22}, {"employment_service", 15}, {"association", 20}, {"none", 25}}};
    // The 12 shipped tutorials (assets/tutorials), the basics most often.
    Choice tutorial{{{"mouse-basics", 14},
                     {"keyboard-basics", 10},
                     {"touch-screen-basics", 8},
                     {"web-search", 10},
                     {"email-attachment", 9},
                     {"eid-login", 9},
                     {"safe-banking", 7},
                     {"strong-passwords", 6},
                     {"phishing", 7},
                     {"job-search", 8},
                     {"municipal-form", 7},
                     {"video-call", 6}}};
    Choice eid{{{"card_valid", 56},
                {"card_expiring_soon", 6},
                {"card_expired", 6},
                {"card_missing", 8},
                {"card_mute", 3},
                {"reader_missing", 2},
                {"not_belgian_eid", 2},
                {"card_read_error", 3},
                {"pin_tries_unknown", 4},
                {"certificate_expired", 2},
                {"signing_certificate_absent_normal", 3},
                {"card_not_personalised", 1},
                {"service_unavailable", 1},
                {"clock_wrong", 0.3},
                {"certificate_chain_invalid", 0.2}}};
    Choice pin{{{"pin_right", 70}, {"pin_wrong", 20}, {"pin_blocked", 3}, {"pin_entry_cancelled", 7}}};
    Choice equipment{
        {{"printer", 40}, {"card_reader", 15}, {"screen", 10}, {"keyboard", 8}, {"mouse", 12}, {"network", 15}}};
    Choice equipmentState{{{"not_working", 50}, {"works_badly", 35}, {"missing", 10}, {"repaired", 5}}};
    std::vector<std::pair<std::string, double>> audiences{{"seniors", 0.35},      {"job_seekers", 0.25},
                                                          {"young_people", 0.12}, {"disabilities", 0.07},
                                                          {"precarious", 0.25},   {"women", 0.3}};
};

// How one DPS is used: its size, opening days and visitors' languages.
struct DpsProfile {
    double size = 1;
    double guidedShare = 0.3;
    bool openSaturday = true, closedMonday = false;
    Choice language{{{"fr", 1}}};
};

Choice languagesOf(const std::string& municipality, Rng& rng) {
    std::map<std::string, double> w{{"fr", 58},  {"nl", 14}, {"en", 8}, {"ar", 8},   {"tr", 3},
                                    {"es", 2.5}, {"pt", 2},  {"ro", 2}, {"pl", 1.5}, {"ru", 1}};
    auto boost = [&](std::initializer_list<const char*> where, const char* language, double by) {
        for (const char* m : where)
            if (municipality == m) w[language] *= by;
    };
    boost({"Jette", "Ganshoren", "Berchem-Sainte-Agathe", "Evere", "Koekelberg", "Brussels (City)"}, "nl", 2);
    boost({"Molenbeek-Saint-Jean", "Schaerbeek", "Saint-Josse-ten-Noode", "Anderlecht"}, "ar", 2.5);
    boost({"Schaerbeek", "Saint-Josse-ten-Noode"}, "tr", 3);
    boost({"Etterbeek", "Ixelles", "Woluwe-Saint-Pierre", "Uccle", "Auderghem"}, "en", 2);
    boost({"Saint-Gilles", "Ixelles", "Forest"}, "pt", 2);
    boost({"Saint-Gilles", "Ixelles"}, "es", 2);
    boost({"Anderlecht", "Saint-Gilles", "Koekelberg"}, "ro", 2);
    std::vector<std::pair<std::string, double>> out;
    std::uniform_real_distribution<double> jitter(0.7, 1.3);
    for (const auto& [code, weight] : w)
        out.emplace_back(code, weight * jitter(rng));
    return Choice(std::move(out));
}

bool isBelgianHoliday(year_month_day d) {
    const unsigned m = static_cast<unsigned>(d.month()), day = static_cast<unsigned>(d.day());
    const std::pair<unsigned, unsigned> fixed[] = {{1, 1}, {5, 1}, {7, 21}, {8, 15}, {11, 1}, {11, 11}, {12, 25}};
    for (auto [fm, fd] : fixed)
        if (m == fm && day == fd) return true;
    // Easter Monday, Ascension, Whit Monday (anonymous Gregorian algorithm for Easter Sunday).
    const int y = static_cast<int>(d.year());
    const int a = y % 19, b = y / 100, c = y % 100, dd = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    const int h = (19 * a + b - dd - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int mm = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * mm + 114) / 31,
              dayOf = ((h + l - 7 * mm + 114) % 31) + 1;
    const sys_days easter{year{y} / static_cast<unsigned>(month) / static_cast<unsigned>(dayOf)};
    const sys_days today{d};
    return today == easter + days{1} || today == easter + days{39} || today == easter + days{50};
}

// The visits one terminal of a DPS has on one day, drawn around its expected number.
double expectedVisits(const DpsProfile& p, double terminalShare, year_month_day d, int yearIndex) {
    const weekday wd{sys_days{d}};
    if (wd == Sunday || isBelgianHoliday(d)) return 0;
    if (wd == Saturday && !p.openSaturday) return 0;
    if (wd == Monday && p.closedMonday) return 0;
    static constexpr double kWeekday[] = {0, 0.9, 1.0, 1.15, 1.05, 0.85, 0.55};
    static constexpr double kMonth[] = {0, 1.0, 1.05, 1.05, 0.95, 0.95, 0.85, 0.55, 0.6, 1.1, 1.1, 1.05, 0.8};
    const double trend = 0.8 + 0.08 * yearIndex; // the network grows known
    return 13.0 * p.size * terminalShare * kWeekday[wd.c_encoding()] * kMonth[static_cast<unsigned>(d.month())] * trend;
}

// One visit, as the kiosk would log it, counted into its day.
void addOneVisit(protocol::UsageDay& day, DpsProfile& p, Codes& c, Rng& rng, protocol::VisitRow& v) {
    std::uniform_real_distribution<double> u(0, 1);
    std::normal_distribution<double> z(0, 1);
    v.language = p.language.draw(rng);
    v.purposes.clear();
    v.audiences.clear();
    v.events.clear();
    v.cameFor.reset();
    v.helped.reset();
    v.autonomy.reset();
    v.referral.reset();
    v.groupSize = 1;
    const double r = u(rng);
    double minutes = 0;
    if (r >= p.guidedShare) {
        v.mode = "free";
        minutes = 12 * std::exp(0.8 * z(rng));
        v.endReason = c.endFree.draw(rng);
        if (u(rng) < 0.5) v.cameFor = c.cameFor.draw(rng);
        if (u(rng) < 0.55) v.helped = c.helped.draw(rng);
    } else {
        const bool group = r < p.guidedShare * 0.25;
        v.mode = group ? "guided_group" : "guided_individual";
        if (group) v.groupSize = 3 + static_cast<int>(rng() % 10);
        minutes = (group ? 85 : 40) * std::exp((group ? 0.3 : 0.5) * z(rng));
        v.endReason = c.endGuided.draw(rng);
        v.purposes.push_back(c.purpose.draw(rng));
        if (u(rng) < 0.3) {
            const std::string& second = c.purpose.draw(rng);
            if (second != v.purposes.front()) v.purposes.push_back(second);
        }
        if (u(rng) < (group ? 0.5 : 0.75)) v.autonomy = c.autonomy.draw(rng);
        if (u(rng) < 0.6) v.referral = c.referral.draw(rng);
    }
    v.length = seconds(static_cast<long>(minutes * 60));
    if (u(rng) < (v.mode == "free" ? 0.15 : 0.55)) // consent asked and given
        for (const auto& [audience, share] : c.audiences)
            if (u(rng) < share) v.audiences.push_back(audience);
    const int tutorials =
        v.mode == "guided_group" ? 0 : static_cast<int>(std::min(3.0, -std::log(u(rng) + 1e-9) * 0.9));
    for (int i = 0; i < tutorials; ++i) {
        const std::string& id = c.tutorial.draw(rng);
        v.events.push_back({"tutorial_started", id, ""});
        const double end = u(rng);
        if (end < 0.62)
            v.events.push_back({"tutorial_completed", id, ""});
        else if (end < 0.92)
            v.events.push_back({"tutorial_abandoned", id, ""});
    }
    if (u(rng) < (v.mode == "free" ? 0.15 : 0.25)) {
        const std::string& outcome = c.eid.draw(rng);
        v.events.push_back({"eid_check", "", outcome});
        if ((outcome == "card_missing" || outcome == "card_mute") && u(rng) < 0.5)
            v.events.push_back({"eid_check", "", c.eid.draw(rng)});
        if ((outcome == "card_valid" || outcome == "card_expiring_soon" || outcome == "pin_tries_unknown") &&
            u(rng) < 0.35)
            v.events.push_back({"eid_pin_test", "", c.pin.draw(rng)});
    }
    protocol::addVisit(day, v);
}

protocol::UsageDay makeDay(year_month_day date, int visits, DpsProfile& p, Codes& c, Rng& rng) {
    protocol::UsageDay day;
    day.date = isoDate(date);
    protocol::VisitRow v;
    v.localDate = day.date;
    for (int i = 0; i < visits; ++i)
        addOneVisit(day, p, c, rng, v);
    if (rng() % 125 == 0) protocol::addEquipmentReport(day, c.equipment.draw(rng), c.equipmentState.draw(rng));
    return day;
}

// [SECTION] Filling ---------------------------------------------------------------------------

// migration 3's INSERT … SELECT … GROUP BY (server/app/ServerDb.cpp), for one DPS at a time so
// that each GROUP BY sorts 7,000 days, not millions. A copy: keep it equal to the migration's.
constexpr const char* kMonthlySums = R"sql(
INSERT INTO usage_months (dps_id, month, metric, value)
  SELECT u.dps_id, substr(u.date, 1, 7), replace(substr(j.fullkey, 3), '"', ''), sum(j.atom)
  FROM usage_days u, json_tree(u.counters) j WHERE u.dps_id = ?1 AND j.type = 'integer'
  GROUP BY 1, 2, 3)sql";

struct FilledTerminal {
    server::Terminal terminal;
    int dpsIndex = 0;
    double share = 1;
    int silentDays = 0; // nothing heard, nothing sent for this many days (0: heard today)
    bool sample = false;
};

struct Fill {
    std::vector<std::int64_t> dpsIds;
    std::vector<DpsProfile> profiles;
    std::vector<FilledTerminal> terminals;
    std::vector<std::vector<protocol::UsageRecord>> sampleRecords;               // per sample terminal
    std::map<std::pair<std::int64_t, std::string>, std::int64_t> visitsPerMonth; // expected, for the check
    std::int64_t rows = 0;
};

WallTime atUtc(sys_days d, minutes m) { return WallTime{d} + m; }

void fillDpsAndTerminals(server::ServerDb& db, const Options& o, sys_days first, Fill& fill, Rng& rng) {
    const auto municipalities = readMunicipalities(fs::path(o.sourceDir) / "assets/data/brussels-municipalities.csv");
    const auto rows = dpsRows(o, municipalities, rng);
    auto t0 = steady_clock::now();
    server::SqliteDpsStore dps(db);
    server::DpsDirectory directory(dps);
    directory.import(rows);
    std::map<std::string, std::int64_t> idOf;
    for (const auto& e : directory.list())
        idOf[e.row.name] = e.id;
    std::lognormal_distribution<double> size(0, 0.45);
    std::uniform_real_distribution<double> u(0, 1);
    for (const auto& r : rows) {
        fill.dpsIds.push_back(idOf.at(r.name));
        DpsProfile p;
        p.size = std::clamp(size(rng), 0.35, 2.2);
        p.guidedShare = 0.15 + 0.3 * u(rng);
        p.openSaturday = u(rng) < 0.45;
        p.closedMonday = u(rng) < 0.2;
        p.language = languagesOf(r.municipality, rng);
        fill.profiles.push_back(std::move(p));
    }
    fmt::print("DPS: {} imported in {:.2f} s (DpsDirectory::import)\n", rows.size(), secondsSince(t0));

    // Created and enrolled on the first day, as a region rolling out its terminals would.
    t0 = steady_clock::now();
    ManualClock clock(steady_clock::now(), atUtc(first, hours(8)));
    server::SqliteTerminalStore terminals(db);
    server::TerminalRegistry registry(terminals, clock);
    server::EnrollService enroll(terminals, clock);
    const int total = o.dps * o.terminalsPerDps;
    const int sampleStep = o.sampleTerminals > 0 ? std::max(1, total / o.sampleTerminals) : 0;
    for (int i = 0; i < o.dps; ++i)
        for (int k = 0; k < o.terminalsPerDps; ++k) {
            const auto added = registry.add(fill.dpsIds[static_cast<std::size_t>(i)], days(7));
            const auto enrolled = enroll.enroll(fmt::format(R"({{"code":"{}","agent_version":"0.1.0"}})", added.code));
            if (const auto* e = std::get_if<server::ApiError>(&enrolled))
                throw std::runtime_error("enroll failed: " + e->message);
            FilledTerminal t;
            t.terminal = {std::get<server::Enrolled>(enrolled).terminalId, fill.dpsIds[static_cast<std::size_t>(i)]};
            t.dpsIndex = i;
            t.share = 0.7 + 0.6 * u(rng);
            const int n = static_cast<int>(fill.terminals.size());
            t.sample = sampleStep > 0 && n % sampleStep == sampleStep / 2 &&
                       static_cast<int>(fill.sampleRecords.size()) < o.sampleTerminals;
            if (t.sample)
                fill.sampleRecords.emplace_back();
            else if (u(rng) < o.silentShare)
                t.silentDays = 4 + static_cast<int>(rng() % 40);
            fill.terminals.push_back(t);
        }
    fmt::print("terminals: {} added and enrolled in {:.2f} s (TerminalRegistry::add, EnrollService::enroll)\n", total,
               secondsSince(t0));
}

void fillDays(server::ServerDb& db, const Options& o, sys_days first, sys_days last, Fill& fill) {
    Codes codes;
    const auto t0 = steady_clock::now();
    double generating = 0;
    db.with([&](storage::Database& d) {
        // What IngestService writes for a new day (server/store/SqliteUsageStore.cpp).
        auto insert = d.prepare(R"sql(
INSERT INTO usage_days (terminal_id, date, rev, final, dps_id, counters, received_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql");
        auto lastUsage = d.prepare("UPDATE terminals SET last_usage_at = ?2 WHERE id = ?1");
        std::size_t next = 0, sampleIndex = 0;
        for (int i = 0; i < o.dps; ++i) {
            // Each DPS its own stream: the same seed gives the same days whatever else changes.
            Rng rng(o.seed * 1000003 + static_cast<std::uint64_t>(i));
            DpsProfile& p = fill.profiles[static_cast<std::size_t>(i)];
            storage::Transaction tx(d);
            for (; next < fill.terminals.size() && fill.terminals[next].dpsIndex == i; ++next) {
                const FilledTerminal& t = fill.terminals[next];
                const sys_days end = last - days(t.silentDays);
                const sys_days bulkEnd = t.sample ? end - days(o.sampleDays) : end;
                std::string receivedAt;
                for (sys_days day = first; day <= end; day += days(1)) {
                    const year_month_day ymd{day};
                    const int yearIndex = static_cast<int>((day - first).count() / 365);
                    const auto g0 = steady_clock::now();
                    std::poisson_distribution<int> visits(expectedVisits(p, t.share, ymd, yearIndex) + 1e-9);
                    protocol::UsageRecord record{makeDay(ymd, std::min(40, visits(rng)), p, codes, rng),
                                                 1 + static_cast<std::int64_t>(rng() % 5), true};
                    fill.visitsPerMonth[{t.terminal.dpsId, record.day.date.substr(0, 7)}] += record.day.visits;
                    if (day > bulkEnd) {
                        fill.sampleRecords[sampleIndex].push_back(std::move(record));
                        continue;
                    }
                    const std::string counters = protocol::countersJson(record.day);
                    // Sent the next morning, when the agent's first sync of the day runs.
                    receivedAt = toIsoUtc(atUtc(day + days(1), minutes(6 * 60 + static_cast<int>(rng() % 180))));
                    generating += secondsSince(g0);
                    insert.reset();
                    insert.bind(1, std::string_view(t.terminal.id))
                        .bind(2, std::string_view(record.day.date))
                        .bind(3, record.rev)
                        .bind(4, std::int64_t{1})
                        .bind(5, t.terminal.dpsId)
                        .bind(6, std::string_view(counters))
                        .bind(7, std::string_view(receivedAt))
                        .run();
                    ++fill.rows;
                }
                lastUsage.reset();
                lastUsage.bind(1, std::string_view(t.terminal.id)).bind(2, std::string_view(receivedAt)).run();
                if (t.sample) ++sampleIndex;
            }
            tx.commit();
            if ((i + 1) % 50 == 0 || i + 1 == o.dps)
                fmt::print("  {} DPS, {} rows, {:.0f} s\n", i + 1, fill.rows, secondsSince(t0));
            std::fflush(stdout);
        }
    });
    const double s = secondsSince(t0);
    fmt::print("usage_days: {} rows in {:.1f} s: {:.0f} rows/s (of which {:.1f} s making the days, visit by visit, "
               "and their JSON)\n",
               fill.rows, s, static_cast<double>(fill.rows) / s, generating);
}

void fillMonths(server::ServerDb& db, const Fill& fill) {
    const auto t0 = steady_clock::now();
    const std::int64_t rows = db.with([&](storage::Database& d) {
        storage::Transaction tx(d);
        auto sums = d.prepare(kMonthlySums);
        for (const auto id : fill.dpsIds) {
            sums.reset();
            sums.bind(1, id).run();
        }
        tx.commit();
        auto n = d.prepare("SELECT count(*) FROM usage_months");
        n.step();
        return n.integer(0);
    });
    const double s = secondsSince(t0);
    fmt::print("usage_months: {} rows in {:.1f} s (migration 3's GROUP BY, one DPS at a time: {:.0f} days/s)\n", rows,
               s, static_cast<double>(fill.rows) / s);
}

void fillHeartbeats(server::ServerDb& db, const Fill& fill, WallTime now, Rng& rng) {
    const auto t0 = steady_clock::now();
    int silent = 0;
    server::SqliteHeartbeatStore heartbeats(db);
    for (const auto& t : fill.terminals) {
        ManualClock clock(steady_clock::now(), now - days(t.silentDays) - minutes(1 + static_cast<int>(rng() % 10)));
        protocol::Heartbeat h;
        h.agentVersion = rng() % 10 == 0 ? "0.0.9" : "0.1.0";
        h.uptimeSeconds = static_cast<std::int64_t>(rng() % (30 * 86400));
        h.freeDiskBytes = static_cast<std::int64_t>(2'000'000'000 + rng() % 60'000'000'000ULL);
        h.outbox = t.silentDays > 0 ? static_cast<std::int64_t>(rng() % 40) : 0;
        h.lastError = t.silentDays > 0 ? "could not connect to the server: Connection timed out" : "";
        if (auto e = server::HeartbeatService(heartbeats, clock).record(t.terminal, protocol::heartbeatJson(h)))
            throw std::runtime_error("heartbeat refused: " + e->message);
        silent += t.silentDays > 0;
    }
    fmt::print("heartbeats: {} ({} silent for 4 to 43 days) in {:.2f} s (HeartbeatService::record)\n",
               fill.terminals.size(), silent, secondsSince(t0));
}

// [SECTION] Ingest sample ---------------------------------------------------------------------

struct IngestFigures {
    std::int64_t records = 0;
    double seconds = 0, slowestBatch = 0;
};

// Each sample terminal's records as batches of batchDays, through IngestService::ingest.
IngestFigures ingestBatches(server::ServerDb& db, const std::vector<server::Terminal>& terminals,
                            const std::vector<std::vector<protocol::UsageRecord>>& records, int batchDays) {
    SystemClock clock;
    server::SqliteUsageStore usage(db);
    server::IngestService ingest(usage, clock);
    // Bodies made before the clock starts: the server's work is measured, not the client's.
    std::vector<std::pair<std::size_t, std::string>> bodies;
    for (std::size_t i = 0; i < terminals.size(); ++i)
        for (std::size_t start = 0; start < records[i].size(); start += static_cast<std::size_t>(batchDays)) {
            std::vector<std::string> json;
            for (std::size_t k = start; k < std::min(records[i].size(), start + static_cast<std::size_t>(batchDays));
                 ++k)
                json.push_back(protocol::recordJson(records[i][k]));
            bodies.emplace_back(i, protocol::batchJson(protocol::newBatchId(), json));
        }
    IngestFigures f;
    for (const auto& [i, body] : bodies) {
        const auto t0 = steady_clock::now();
        const auto answer = ingest.ingest(terminals[i], body, protocol::newBatchId());
        const double s = secondsSince(t0);
        if (const auto* e = std::get_if<server::ApiError>(&answer))
            throw std::runtime_error("ingest refused a batch: " + e->message);
        f.seconds += s;
        f.slowestBatch = std::max(f.slowestBatch, s);
    }
    for (const auto& r : records)
        f.records += static_cast<std::int64_t>(r.size());
    return f;
}

void printIngest(const char* what, const IngestFigures& f) {
    fmt::print("  {:<52} {:>5} records in {:6.3f} s: {:8.0f} records/s, {:6.1f} us/record, slowest batch {:.1f} ms\n",
               what, f.records, f.seconds, static_cast<double>(f.records) / f.seconds,
               1e6 * f.seconds / static_cast<double>(f.records), 1e3 * f.slowestBatch);
}

void ingestSample(server::ServerDb& db, const Options& o, Fill& fill) {
    if (fill.sampleRecords.empty()) return;
    std::vector<server::Terminal> terminals;
    for (const auto& t : fill.terminals)
        if (t.sample) terminals.push_back(t.terminal);
    fmt::print("ingest (IngestService::ingest, batches of {} days, synchronous=FULL as served), {} terminals:\n",
               o.sampleDays, terminals.size());

    // The peer first: the same new days on an empty server.db (1 DPS, the same terminal ids).
    const fs::path peerFile = o.db + ".ingest-peer.db";
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(peerFile.string() + suffix);
    {
        server::ServerDb peer(peerFile);
        server::SqliteDpsStore peerDps(peer);
        server::DpsDirectory(peerDps).import(
            std::vector<server::DpsRow>{{"Peer DPS", "Rue de la Loi 16", "1000", "Brussels (City)"}});
        std::vector<server::Terminal> peerTerminals;
        peer.with([&](storage::Database& d) {
            for (const auto& t : terminals) {
                d.prepare("INSERT INTO terminals (id, dps_id, state, created_at) VALUES (?1, 1, 'active', ?2)")
                    .bind(1, std::string_view(t.id))
                    .bind(2, std::string_view(toIsoUtc(system_clock::now())))
                    .run();
                peerTerminals.push_back({t.id, 1});
            }
        });
        printIngest("new days, empty server.db (peer)",
                    ingestBatches(peer, peerTerminals, fill.sampleRecords, o.sampleDays));
    }
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(peerFile.string() + suffix);

    const auto added = ingestBatches(db, terminals, fill.sampleRecords, o.sampleDays);
    printIngest("new days, on the filled server.db", added);
    // The agent recomputing those days: a higher rev, other counters (usage_months takes the old
    // ones out first).
    Codes codes;
    Rng rng(o.seed ^ 0x5eed);
    for (std::size_t i = 0; i < terminals.size(); ++i) {
        const std::size_t dpsIndex = static_cast<std::size_t>(
            std::find(fill.dpsIds.begin(), fill.dpsIds.end(), terminals[i].dpsId) - fill.dpsIds.begin());
        for (auto& r : fill.sampleRecords[i]) {
            const auto ymd = *parseDate(r.day.date);
            const std::string month = r.day.date.substr(0, 7);
            fill.visitsPerMonth[{terminals[i].dpsId, month}] -= r.day.visits;
            // A closed day stays closed.
            const int visits = r.day.visits == 0 ? 0 : std::min(40, r.day.visits + static_cast<int>(rng() % 3));
            r.day = makeDay(ymd, visits, fill.profiles[dpsIndex], codes, rng);
            fill.visitsPerMonth[{terminals[i].dpsId, month}] += r.day.visits;
            ++r.rev;
        }
    }
    printIngest("days replaced (rev + 1), on the filled server.db",
                ingestBatches(db, terminals, fill.sampleRecords, o.sampleDays));
}

// [SECTION] Checks and main -------------------------------------------------------------------

// usage_months against what was generated: every DPS and month's visits; and for the sample's DPS
// every metric against migration 3's GROUP BY over their days now (ingest kept them).
void check(server::ServerDb& db, const Fill& fill) {
    db.with([&](storage::Database& d) {
        auto q = d.prepare("SELECT dps_id, month, value FROM usage_months WHERE metric = 'visits'");
        std::map<std::pair<std::int64_t, std::string>, std::int64_t> stored;
        while (q.step())
            stored[{q.integer(0), q.text(1)}] = q.integer(2);
        for (const auto& [key, visits] : fill.visitsPerMonth) {
            const auto it = stored.find(key);
            if (visits != (it == stored.end() ? 0 : it->second))
                throw std::runtime_error(fmt::format("usage_months: DPS {} {} holds {} visits, {} were generated",
                                                     key.first, key.second, it == stored.end() ? 0 : it->second,
                                                     visits));
        }
        std::set<std::int64_t> sampleDps;
        for (const auto& t : fill.terminals)
            if (t.sample && sampleDps.size() < 3) sampleDps.insert(t.terminal.dpsId);
        d.exec("CREATE TEMP TABLE expected_months AS SELECT * FROM usage_months WHERE 0");
        std::string sums = kMonthlySums;
        sums.replace(sums.find("usage_months"), 12, "temp.expected_months");
        auto expected = d.prepare(sums);
        for (const auto id : sampleDps) {
            expected.reset();
            expected.bind(1, id).run();
        }
        // Both ways; a sum that went back to 0 may stay as a row in usage_months.
        auto differing = [&](const char* a, const char* b) {
            auto q2 = d.prepare(fmt::format("SELECT count(*) FROM (SELECT dps_id, month, metric, value FROM {} "
                                            "WHERE value <> 0 AND dps_id IN (SELECT dps_id FROM temp.expected_months) "
                                            "EXCEPT SELECT dps_id, month, metric, value FROM {})",
                                            a, b));
            q2.step();
            return q2.integer(0);
        };
        const auto missing = differing("temp.expected_months", "usage_months");
        const auto extra = differing("usage_months", "temp.expected_months");
        if (missing + extra != 0)
            throw std::runtime_error(fmt::format(
                "usage_months differs from the days' sums: {} sums missing or different, {} more", missing, extra));
        d.exec("DROP TABLE temp.expected_months");
    });
    fmt::print("check: usage_months equals the generated visits for every DPS and month, and every metric of the "
               "sample's DPS equals migration 3's sums of their days\n");
}

int run(const Options& o) {
    if (fs::exists(o.db)) {
        std::fprintf(stderr, "dps-dashboard-fill: %s exists: remove it first (this fills a new file)\n", o.db.c_str());
        return 2;
    }
    const sys_days last = [&] {
        if (o.endDate.empty()) return sys_days{SystemClock().local().date} - days(1);
        int y = 0;
        unsigned m = 0, d = 0;
        if (std::sscanf(o.endDate.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3 ||
            !year_month_day{year{y}, month{m}, day{d}}.ok())
            throw std::runtime_error("--end-date: YYYY-MM-DD");
        return sys_days{year_month_day{year{y}, month{m}, day{d}}};
    }();
    const sys_days first = last - days(365 * o.years - 1);
    fmt::print("dps-dashboard-fill: {} DPS x {} terminals, {} to {}, seed {}\n", o.dps, o.terminalsPerDps,
               isoDate(year_month_day{first}), isoDate(year_month_day{last}), o.seed);
    const auto t0 = steady_clock::now();
    Rng rng(o.seed);
    Fill fill;
    {
        server::ServerDb db(o.db);
        // A file being filled need not survive a power cut; served, it is FULL again (ingest below).
        db.with([](storage::Database& d) { d.exec("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144"); });
        fillDpsAndTerminals(db, o, first, fill, rng);
        fillDays(db, o, first, last, fill);
        fillMonths(db, fill);
        fillHeartbeats(db, fill, system_clock::now(), rng);
        db.with([](storage::Database& d) { d.exec("PRAGMA synchronous = FULL; PRAGMA cache_size = -2000"); });
        ingestSample(db, o, fill);
        check(db, fill);
        db.with([](storage::Database& d) { d.exec("PRAGMA wal_checkpoint(TRUNCATE)"); });
    }
    std::uintmax_t bytes = 0;
    for (const char* suffix : {"", "-wal"})
        if (fs::exists(o.db + suffix)) bytes += fs::file_size(o.db + suffix);
    fmt::print("done in {:.1f} s: {} ({:.2f} GB, {:.0f} bytes per day record)\n", secondsSince(t0), o.db,
               static_cast<double>(bytes) / 1e9, static_cast<double>(bytes) / static_cast<double>(fill.rows));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    CLI::App app{"Fill a server.db with years of usage for the dashboard benchmark (issue 8)"};
    app.add_option("--db", o.db, "The server.db to create (must not exist)")->required();
    app.add_option("--dps", o.dps, "DPS")->check(CLI::Range(1, 100000));
    app.add_option("--terminals-per-dps", o.terminalsPerDps, "Terminals per DPS")->check(CLI::Range(1, 100));
    app.add_option("--years", o.years, "Years of daily records (365 days each)")->check(CLI::Range(1, 20));
    app.add_option("--seed", o.seed, "Random seed");
    app.add_option("--end-date", o.endDate, "The last day, YYYY-MM-DD (default: yesterday, local)");
    app.add_option("--silent-share", o.silentShare, "Share of terminals not heard from for 4 to 43 days")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--ingest-sample", o.sampleTerminals, "Terminals whose last days go through IngestService (0: none)")
        ->check(CLI::Range(0, 1000));
    app.add_option("--source-dir", o.sourceDir, "The source tree (assets/data)");
    CLI11_PARSE(app, argc, argv);
    if (o.years * 365 <= o.sampleDays) o.sampleTerminals = 0;
    try {
        return run(o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "dps-dashboard-fill: %s\n", e.what());
        return 1;
    }
}
