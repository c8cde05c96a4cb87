// Small cells across every page and export (issue 16), against the real dps-server over HTTP. A
// region account and a dps account each fetch everything they can: the overview, the tutorials
// page, every DPS page, the annual report of every year the exports page offers for the region,
// each municipality and each DPS, and the monthly CSV exports. Every breakdown cell is parsed out
// of the HTML, and the adversary (tests/support/CellAdversary) puts them all together with what
// else the account knows: which DPS is in which municipality (the CSV's column), each DPS's
// visits per month (the CSV: the total of its languages and of its lengths) and, to be on the safe
// side, the true total of every other breakdown too. The tutorials' figures are one more table
// whose published cells are sums: the adversary's unknowns are each tutorial's completed and left
// (started and not completed), and a tutorial's started, a level's started and completed are read
// as the sums they are, with which tutorial is of which level (the pages' level column) and, to be
// on the safe side again, each DPS's true total of tutorials started. For every cell shown "<k",
// hidden or withheld it works out the least and the most the count can be, and no count of 1 to
// k-1 may come out as one value. Small cases get exact integer bounds (branch and bound); the
// region-sized one linear-programming bounds.
#include "CellAdversary.h"
#include "ServerProcess.h"
#include "UsageBodies.h"
#include "server/dashboard/BreakdownTables.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <ctime>
#include <iostream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <tuple>

namespace dps::test {
namespace {

constexpr int kK = 5; // dps-server's default dashboard.small_cell_k

// What one DPS's terminal counted on one day: group → code → count. by_language and length each
// add up to the visits. "tutorials": "ID.started", "ID.completed", "ID.abandoned", as the
// terminals count them (a tutorial started and neither completed nor left: the visit was cut off).
using DayCounts = std::map<std::string, std::map<std::string, int>>;

// The tutorials' levels, from their own files (assets/tutorials/*/tutorial.yaml, which the
// server's catalogue reads too); any other id has none (0). "old-lesson" stands for a tutorial a
// kiosk counted and the catalogue no longer has.
int levelOf(const std::string& id) {
    static const std::map<std::string, int> levels = {
        {"mouse-basics", 1},     {"keyboard-basics", 1}, {"touch-screen-basics", 1}, {"eid-login", 2},
        {"email-attachment", 2}, {"phishing", 2},        {"safe-banking", 2},        {"strong-passwords", 2},
        {"video-call", 2},       {"web-search", 2},      {"job-search", 3},          {"municipal-form", 3}};
    const auto it = levels.find(id);
    return it == levels.end() ? 0 : it->second;
}
const std::vector<std::string>& catalogueIds() {
    static const std::vector<std::string> ids = {
        "mouse-basics", "keyboard-basics",  "touch-screen-basics", "eid-login",  "email-attachment", "phishing",
        "safe-banking", "strong-passwords", "video-call",          "web-search", "job-search",       "municipal-form"};
    return ids;
}

// A published tutorial figure as the sum of the counted ones it is: "ID.started" is ID's completed
// and left, "level-L.started" and "level-L.completed" its tutorials'; ids: every tutorial shown.
std::vector<std::string> tutorialLeaves(const std::string& code, const std::set<std::string>& ids) {
    const auto dot = code.rfind('.');
    const std::string head = code.substr(0, dot), what = code.substr(dot + 1);
    if (!head.starts_with("level-")) {
        if (what == "started") return {head + ".completed", head + ".left"};
        return {code};
    }
    const int level = std::stoi(head.substr(6));
    std::vector<std::string> out;
    for (const auto& id : ids)
        if (levelOf(id) == level) {
            out.push_back(id + ".completed");
            if (what == "started") out.push_back(id + ".left");
        }
    return out;
}

std::tm localNow() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm;
}
int thisYear() { return localNow().tm_year + 1900; }
int thisMonthNumber() { return localNow().tm_mon + 1; }
std::string monthOf(int year, int month) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

std::string urlEncoded(const std::string& s) {
    std::string out;
    for (const unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

std::string htmlUnescaped(std::string s) {
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}}) {
        for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
            s.replace(at, from.size(), to);
    }
    return s;
}

// RFC 4180 fields of one line (quoted fields, doubled quotes).
std::vector<std::string> csvFields(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                out.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                out.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.emplace_back();
        } else if (c != '\r') {
            out.back() += c;
        }
    }
    return out;
}

// Everything one account read: every breakdown (group, period) as the adversary sees it, and how
// each cell was shown wherever it was shown.
struct Reading {
    std::map<std::string, PublishedBreakdown> breakdowns; // by group
    // (area, group, period, code) → "value 12", "small", "hidden" or "withheld"
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::set<std::string>> shownAs;
    std::map<std::string, std::string> municipalityOf;                   // "dps:ID" → municipality
    std::map<std::string, std::map<std::string, std::int64_t>> visitsOf; // "dps:ID" → month → visits
    std::set<std::string> tutorials;                                     // every tutorial id read
    int pages = 0, cells = 0, rates = 0;
};

class Region {
public:
    struct Dps {
        std::string name, municipality;
        std::int64_t id = 0;
        ServerProcess::Enrolled terminal;
    };

    explicit Region(const std::vector<std::pair<std::string, std::string>>& dps) {
        for (const auto& [name, municipality] : dps)
            list.push_back({name, municipality, server.addDps(name, municipality), {}});
        server.start();
        for (auto& d : list)
            d.terminal = server.enrollNewTerminal(d.id);
        const auto ann = server.runWithInput({"user", "add", "region-ann", "--role", "region"}, "region-password-1\n");
        if (ann.exitCode != 0) throw std::runtime_error(ann.err);
        const auto bob = server.runWithInput(
            {"user", "add", "dps-bob", "--role", "dps", "--dps", std::to_string(list.front().id), "--language", "en"},
            "dps-bob-password-1\n");
        if (bob.exitCode != 0) throw std::runtime_error(bob.err);
    }

    // One day record per (DPS, date), sent as its terminal sends it; remembered as the truth.
    void send(const Dps& d, const std::string& date, const DayCounts& counts) {
        protocol::UsageRecord r;
        r.day.date = date;
        r.rev = 1;
        r.final = true;
        int visits = 0;
        if (const auto it = counts.find("by_language"); it != counts.end())
            for (const auto& [code, n] : it->second)
                visits += n;
        r.day.visits = visits;
        if (visits > 0) {
            r.day.byMode["free"] = visits;
            r.day.byEndReason["finished"] = visits;
        }
        r.day.used = std::chrono::minutes(20 * visits);
        const auto put = [&](protocol::Counts& to, const char* group) {
            if (const auto it = counts.find(group); it != counts.end())
                for (const auto& [code, n] : it->second)
                    if (n > 0) to[code] = n;
        };
        put(r.day.byLanguage, "by_language");
        put(r.day.length, "length");
        put(r.day.byAudience, "by_audience");
        put(r.day.eidChecks, "eid_checks");
        auto& month = truth["dps:" + std::to_string(d.id)][date.substr(0, 7)];
        if (const auto it = counts.find("tutorials"); it != counts.end())
            for (const auto& [metric, n] : it->second) {
                const auto dot = metric.rfind('.');
                const std::string id = metric.substr(0, dot), what = metric.substr(dot + 1);
                auto& t = r.day.tutorials[id];
                (what == "started" ? t.started : what == "completed" ? t.completed : t.abandoned) += n;
                // What the pages count: completed, and left = started and not completed.
                if (what == "started") month["tutorials"][id + ".left"] += n;
                if (what == "completed") {
                    month["tutorials"][id + ".completed"] += n;
                    month["tutorials"][id + ".left"] -= n;
                }
            }
        pending[d.id].push_back(r);
        for (const auto& [group, codes] : counts)
            if (group != "tutorials")
                for (const auto& [code, n] : codes)
                    month[group][code] += n;
    }

    // Sends what send() gathered, one batch per terminal.
    void flush() {
        for (const auto& d : list) {
            auto& records = pending[d.id];
            for (std::size_t at = 0; at < records.size(); at += 200) {
                const std::vector<protocol::UsageRecord> batch(
                    records.begin() + static_cast<std::ptrdiff_t>(at),
                    records.begin() + static_cast<std::ptrdiff_t>(std::min(records.size(), at + 200)));
                auto res = server.client()->Post("/api/v1/usage", {{"Authorization", "Bearer " + d.terminal.token}},
                                                 usageBatch(batch), "application/json");
                if (!res || res->status != 200) throw std::runtime_error("usage batch refused");
            }
            records.clear();
        }
    }

    // As a browser does, with the login form's token (issue 17).
    std::string login(const std::string& user, const std::string& password) { return server.login(user, password); }

    // Every page and export the account can fetch, read.
    Reading crawl(const std::string& cookie, bool region) {
        Reading r;
        const auto get = [&](const std::string& path) {
            auto res = server.client()->Get(path.c_str(), httplib::Headers{{"Cookie", cookie}});
            if (!res) throw std::runtime_error("no answer for " + path);
            if (res->status != 200) throw std::runtime_error(path + " answered " + std::to_string(res->status));
            ++r.pages;
            return res->body;
        };
        const std::string own = "dps:" + std::to_string(list.front().id);
        read(get("/"), region ? "region" : own, r);
        read(get("/tutorials"), region ? "region" : own, r);
        const std::string exports = get("/exports");
        const auto options = [&](const std::string& select) {
            std::vector<std::string> out;
            const auto from = exports.find("<select id=\"" + select + "\"");
            if (from == std::string::npos) return out;
            const std::string block = exports.substr(from, exports.find("</select>", from) - from);
            static const std::regex option(R"re(<option(?: value="([^"]*)")?>([^<]*)</option>)re");
            for (auto it = std::sregex_iterator(block.begin(), block.end(), option); it != std::sregex_iterator();
                 ++it) {
                const std::string v = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
                if (!v.empty()) out.push_back(htmlUnescaped(v));
            }
            return out;
        };
        const auto years = options("year");
        const auto municipalities = options("municipality");
        const auto dpsIds = options("dps");
        if (years.empty() || dpsIds.empty()) throw std::runtime_error("the exports page offers no year or DPS");
        for (const auto& id : dpsIds)
            read(get("/dps/" + id), "dps:" + id, r);
        for (const auto& year : years) {
            if (region) {
                read(get("/report?year=" + year), "region", r);
                for (const auto& m : municipalities)
                    read(get("/report?year=" + year + "&municipality=" + urlEncoded(m)), "m:" + m, r);
            }
            for (const auto& id : dpsIds)
                read(get("/report?year=" + year + "&dps=" + id), "dps:" + id, r);
        }
        // The CSV exports, over every year offered: which DPS is where, and its visits per month.
        const std::string range = "?from=" + years.back() + "-01&to=" + monthOf(thisYear(), thisMonthNumber());
        const std::string csv = get("/export/monthly-dps.csv" + range);
        get("/export/monthly-municipality.csv" + range);
        std::size_t at = csv.find('\n') + 1;
        while (at < csv.size()) {
            const std::size_t end = csv.find('\n', at);
            const auto f = csvFields(csv.substr(at, end - at));
            at = end == std::string::npos ? csv.size() : end + 1;
            if (f.size() < 5) continue;
            r.municipalityOf["dps:" + f[1]] = f[3];
            r.visitsOf["dps:" + f[1]][f[0]] += std::stoll(f[4]);
        }
        return r;
    }

    // The true count of an area (a DPS, "m:NAME" or "region") over a period "YYYY-MM..YYYY-MM"; a
    // tutorials' sum is the sum of its counts, over the tutorials `ids`.
    std::int64_t trueCount(const std::string& area, const std::string& group, const std::string& period,
                           const std::string& code, const std::set<std::string>& ids = {}) const {
        if (group == "tutorials" && (code.ends_with(".started") || code.starts_with("level-"))) {
            std::int64_t n = 0;
            for (const auto& leaf : tutorialLeaves(code, ids))
                n += trueCount(area, group, period, leaf);
            return n;
        }
        const std::string from = period.substr(0, 7), to = period.substr(9, 7);
        std::int64_t n = 0;
        for (const auto& d : list) {
            const std::string key = "dps:" + std::to_string(d.id);
            if (area != "region" && area != key && area != "m:" + d.municipality) continue;
            const auto months = truth.find(key);
            if (months == truth.end()) continue;
            for (const auto& [month, groups] : months->second) {
                if (month < from || month > to) continue;
                const auto g = groups.find(group);
                if (g == groups.end()) continue;
                const auto c = g->second.find(code);
                if (c != g->second.end()) n += c->second;
            }
        }
        return n;
    }

    // A DPS's true total of the codes over the months from..to.
    std::int64_t trueTotal(const std::string& dps, const std::string& group, const std::string& from,
                           const std::string& to, const std::set<std::string>& codes) const {
        std::int64_t n = 0;
        for (const auto& c : codes)
            n += trueCount(dps, group, from + ".." + to, c);
        return n;
    }

    ServerProcess server;
    std::vector<Dps> list;
    std::map<std::string, std::map<std::string, DayCounts>> truth; // "dps:ID" → month → counts
    std::map<std::int64_t, std::vector<protocol::UsageRecord>> pending;

private:
    // A cell: data-shown, and data-value when shown as it is.
    static std::string cellRead(const std::string& td, PublishedBreakdown::Cell& read) {
        static const std::regex cell(R"re(<td[^>]* data-shown="(value|small|hidden)"(?: data-value="(\d+)")?)re");
        std::smatch c;
        if (!std::regex_search(td, c, cell)) throw std::runtime_error("a cell unread: " + td);
        std::string how = c[1];
        if (how == "value") {
            read.kind = PublishedBreakdown::Kind::Value;
            read.value = std::stoll(c[2]);
            how += " " + c[2].str();
        } else {
            read.kind = how == "small" ? PublishedBreakdown::Kind::Small : PublishedBreakdown::Kind::Hidden;
        }
        return how;
    }

    // The tutorials' tables of a page of `area`: every cell (data-code) and each completion rate,
    // which must be worked out of cells shown as they are.
    static void readTutorials(const std::string& html, const std::string& area, Reading& r) {
        static const std::regex open(
            R"re(^<div class="tutorials" data-group="tutorials" data-period="([^"]+)"( data-withheld)?( data-empty)?>)re");
        static const std::regex td(R"re(<td[^>]* data-code="([^"]+)"[^>]*>)re");
        static const std::regex rate(R"re(data-rate="(\d+)")re");
        static const std::regex level(
            R"re(^<tr data-tutorial="([^"]+)"><th scope="row">[^<]*</th><td class="num">([^<]*)</td>)re");
        for (std::size_t at = html.find("<div class=\"tutorials\""); at != std::string::npos;
             at = html.find("<div class=\"tutorials\"", at + 1)) {
            const std::string tag = html.substr(at, html.find('>', at) + 1 - at);
            std::smatch m;
            if (!std::regex_search(tag, m, open)) throw std::runtime_error("a tutorials section unread: " + tag);
            const std::string period = m[1];
            auto& table = r.breakdowns["tutorials"];
            table.k = kK;
            if (m[2].matched || m[3].matched) {
                if (m[2].matched) table.withheld.emplace(area, period);
                r.shownAs[{area, "tutorials", period, "*"}].insert(m[2].matched ? "withheld" : "empty");
                continue;
            }
            const std::size_t end = html.find("</table>\n</div>\n</div>", at);
            if (end == std::string::npos) throw std::runtime_error("a tutorials section without its end");
            const std::string section = html.substr(at, end - at);
            for (std::size_t row = section.find("<tr data-"); row != std::string::npos;
                 row = section.find("<tr data-", row + 1)) {
                const std::string tr = section.substr(row, section.find("</tr>", row) - row);
                std::map<std::string, PublishedBreakdown::Cell> cells;
                for (auto it = std::sregex_iterator(tr.begin(), tr.end(), td); it != std::sregex_iterator(); ++it) {
                    const std::string code = (*it)[1];
                    PublishedBreakdown::Cell read;
                    const std::string how = cellRead((*it)[0], read);
                    table.cells.emplace(PublishedBreakdown::Key{area, period, code}, read);
                    r.shownAs[{area, "tutorials", period, code}].insert(how);
                    cells[code] = read;
                    ++r.cells;
                }
                std::smatch l;
                if (std::regex_search(tr, l, level)) {
                    const std::string id = l[1];
                    r.tutorials.insert(id);
                    const std::string shownLevel = l[2];
                    EXPECT_EQ(shownLevel, levelOf(id) > 0 ? std::to_string(levelOf(id)) : "–") << id << "'s level";
                }
                // A rate only beside a started and a completed shown as they are, and theirs.
                std::smatch rm;
                if (!std::regex_search(tr, rm, rate)) continue;
                ++r.rates;
                const PublishedBreakdown::Cell* started = nullptr;
                const PublishedBreakdown::Cell* completed = nullptr;
                for (const auto& [code, cell] : cells) {
                    if (code.ends_with(".started")) started = &cell;
                    if (code.ends_with(".completed")) completed = &cell;
                }
                const bool exact = started && completed && started->kind == PublishedBreakdown::Kind::Value &&
                                   completed->kind == PublishedBreakdown::Kind::Value && started->value > 0;
                EXPECT_TRUE(exact) << area << " " << period << ": a completion rate beside a cell not shown: " << tr;
                if (exact) {
                    EXPECT_EQ(std::stoll(rm[1]), completed->value * 100 / started->value) << tr;
                }
            }
        }
    }

    // Every breakdown section of a page of `area`.
    static void read(const std::string& html, const std::string& area, Reading& r) {
        readTutorials(html, area, r);
        static const std::regex open(
            R"re(^<section class="breakdown" data-group="([^"]+)" data-period="([^"]+)"( data-withheld)?( data-empty)?>)re");
        for (std::size_t at = html.find("<section class=\"breakdown\""); at != std::string::npos;
             at = html.find("<section class=\"breakdown\"", at + 1)) {
            const std::size_t end = html.find("</section>", at);
            const std::string section = html.substr(at, end - at);
            std::smatch m;
            const std::string tag = section.substr(0, section.find('>') + 1);
            if (!std::regex_search(tag, m, open)) throw std::runtime_error("a breakdown section unread: " + tag);
            const std::string group = m[1], period = m[2];
            auto& table = r.breakdowns[group];
            table.k = kK;
            if (m[3].matched) {
                table.withheld.emplace(area, period);
                r.shownAs[{area, group, period, "*"}].insert("withheld");
                continue;
            }
            if (m[4].matched) {
                r.shownAs[{area, group, period, "*"}].insert("empty");
                continue;
            }
            for (std::size_t row = section.find("<tr data-code=\""); row != std::string::npos;
                 row = section.find("<tr data-code=\"", row + 1)) {
                const std::size_t codeAt = row + 15;
                const std::string code = section.substr(codeAt, section.find('"', codeAt) - codeAt);
                const std::string tr = section.substr(row, section.find("</tr>", row) - row);
                PublishedBreakdown::Cell read;
                const std::string how = cellRead(tr, read);
                table.cells.emplace(PublishedBreakdown::Key{area, period, code}, read);
                r.shownAs[{area, group, period, code}].insert(how);
                ++r.cells;
            }
        }
    }
};

// The e-ID outcomes that are the terminal's faults, shown as they are by design (docs/dashboard.md,
// docs/eid-check.md): not small cells to protect.
bool isPublic(const std::string& group, const std::string& code) {
    return group == "eid_checks" && (code == "reader_missing" || code == "card_read_error" ||
                                     code == "service_unavailable" || code == "clock_wrong");
}

struct Outcome {
    int tables = 0, smallChecked = 0, tutorialsChecked = 0, hidden = 0, withheld = 0;
};

// Checks everything an account read: each cell true to the data and shown alike wherever shown,
// and, put together, no small count worked out. `own`: the one DPS of a dps account.
Outcome expectNothingSmallIsTold(const Region& region, Reading& reading, bool integer, const std::string& who,
                                 const std::optional<std::string>& own = {}) {
    Outcome out;
    for (const auto& [key, shown] : reading.shownAs) {
        const auto& [area, group, period, code] = key;
        EXPECT_EQ(shown.size(), 1u) << who << ": " << area << " " << group << " " << period << " " << code
                                    << " is not shown alike everywhere";
        if (code == "*") continue;
        const auto whole = reading.shownAs.find({area, group, period, "*"});
        EXPECT_TRUE(whole == reading.shownAs.end()) << who << ": " << area << " " << group << " " << period
                                                    << " is withheld or empty on one page, shown on another";
        const std::int64_t n = region.trueCount(area, group, period, code, reading.tutorials);
        const std::string& how = *shown.begin();
        const std::string where = who + ": " + area + " " + group + " " + period + " " + code;
        if (how == "small") {
            EXPECT_TRUE(n >= 1 && n < kK) << where << " is " << n << ", shown <" << kK;
        }
        if (how == "hidden") {
            EXPECT_GE(n, kK) << where << " is hidden";
        }
        if (how.starts_with("value ")) {
            EXPECT_EQ(how, "value " + std::to_string(n)) << where;
        }
        if (!isPublic(group, code)) {
            EXPECT_FALSE(how.starts_with("value ") && n >= 1 && n < kK) << where << " = " << n << " is shown";
        }
        out.hidden += how == "hidden";
    }
    for (auto& [group, table] : reading.breakdowns) {
        std::set<std::string> codes; // the counted codes, not the sums
        for (const auto& [cellKey, cell] : table.cells) {
            const std::string& code = std::get<2>(cellKey);
            if (group == "tutorials" && (code.ends_with(".started") || code.starts_with("level-"))) {
                table.sums[code] = tutorialLeaves(code, reading.tutorials);
                codes.insert(table.sums[code].begin(), table.sums[code].end());
            } else {
                codes.insert(code);
            }
        }
        if (codes.empty()) continue;
        ++out.tables;
        out.withheld += static_cast<int>(table.withheld.size());
        // The areas and what the account knows of them.
        table.areas.clear();
        for (const auto& [dps, municipality] : reading.municipalityOf) {
            if (own && dps != *own) continue;
            table.areas[dps] = {dps};
            table.areas["m:" + municipality].push_back(dps);
            table.areas["region"].push_back(dps);
        }
        const bool visits = group == "by_language" || group == "length";
        table.total = [&, visits, codes, group = group](const std::string& dps, const std::string& from,
                                                        const std::string& to) {
            const std::int64_t truth = region.trueTotal(dps, group, from, to, codes);
            if (!visits) return truth;
            // Their visits, from the CSV.
            std::int64_t total = 0;
            for (const auto& [month, n] : reading.visitsOf[dps])
                if (month >= from && month <= to) total += n;
            EXPECT_EQ(total, truth) << who << ": " << dps << " " << group << " " << from << ".." << to;
            return total;
        };
        for (const auto& r : attack(table, integer)) {
            const std::int64_t n = region.trueCount(r.area, group, r.period, r.code, reading.tutorials);
            const std::string where = who + ": " + r.area + " " + group + " " + r.period + " " + r.code;
            EXPECT_TRUE(n >= r.range.min && (r.range.unbounded || n <= r.range.max))
                << where << ": the truth " << n << " is outside [" << r.range.min << ", " << r.range.max << "]";
            if (n >= 1 && n < kK && !isPublic(group, r.code)) {
                ++out.smallChecked;
                out.tutorialsChecked += group == "tutorials";
                EXPECT_FALSE(r.range.single()) << where << " = " << n << " is worked out from the pages";
            }
        }
    }
    std::cout << who << ": " << reading.pages << " pages and exports, " << reading.cells << " breakdown cells read, "
              << out.tables << " breakdowns, " << out.smallChecked << " small counts bounded (" << out.tutorialsChecked
              << " of tutorials), " << out.hidden << " hidden cells, " << out.withheld << " withheld breakdowns, "
              << reading.rates << " completion rates\n";
    return out;
}

// The months data goes in: three of last year, one of the year before, and every month of this
// year so far (the current one is not settled, so it must stay out of every breakdown). Their
// first day gets the data: the server refuses days after the terminal's tomorrow.
std::vector<std::string> dataMonths(bool everyMonthOfLastYear) {
    std::vector<std::string> out;
    const int y = thisYear();
    out.push_back(monthOf(y - 2, 6));
    for (int m = 1; m <= 12; ++m)
        if (everyMonthOfLastYear || m % 4 == 2) out.push_back(monthOf(y - 1, m));
    for (int m = 1; m <= thisMonthNumber(); ++m)
        out.push_back(monthOf(y, m));
    return out;
}

// A split of n among codes, at random.
std::map<std::string, int> split(std::mt19937& rng, int n, const std::vector<std::string>& codes,
                                 const std::vector<int>& weights) {
    std::map<std::string, int> out;
    std::discrete_distribution<int> pick(weights.begin(), weights.end());
    for (int i = 0; i < n; ++i)
        ++out[codes[pick(rng)]];
    return out;
}

// `opened` tutorials among ids: each ends completed (6 in 10), left (3 in 10) or cut off.
void addTutorials(std::mt19937& rng, DayCounts& c, int opened, const std::vector<std::string>& ids,
                  const std::vector<int>& weights) {
    for (const auto& [id, n] : split(rng, opened, ids, weights)) {
        int completed = 0, abandoned = 0;
        for (int i = 0; i < n; ++i) {
            const int roll = static_cast<int>(rng() % 10);
            completed += roll < 6;
            abandoned += roll >= 6 && roll < 9;
        }
        c["tutorials"][id + ".started"] = n;
        c["tutorials"][id + ".completed"] = completed;
        c["tutorials"][id + ".abandoned"] = abandoned;
    }
}

DayCounts smallDay(std::mt19937& rng) {
    static const int visitsChoice[] = {0, 1, 1, 2, 3, 4, 5, 7, 12, 20};
    const int visits = visitsChoice[rng() % 10];
    DayCounts c;
    c["by_language"] = split(rng, visits, {"fr", "nl", "en", "ar"}, {5, 3, 2, 1});
    c["length"] = split(rng, visits, {"lt5", "5-15", "15-30", "30-60", "ge60"}, {1, 3, 3, 2, 1});
    for (const char* a : {"seniors", "job_seekers", "women"})
        c["by_audience"][a] = static_cast<int>(rng() % 4);
    c["eid_checks"]["card_valid"] = static_cast<int>(rng() % 7);
    c["eid_checks"]["card_expired"] = static_cast<int>(rng() % 3);
    c["eid_checks"]["reader_missing"] = static_cast<int>(rng() % 2);
    addTutorials(rng, c, static_cast<int>(rng() % 4),
                 {"mouse-basics", "keyboard-basics", "eid-login", "web-search", "job-search", "old-lesson"},
                 {4, 2, 3, 2, 1, 1});
    return c;
}

DayCounts busyDay(std::mt19937& rng, int size) {
    const int visits = size / 2 + static_cast<int>(rng() % static_cast<unsigned>(size));
    DayCounts c;
    c["by_language"] = split(rng, visits, {"fr", "nl", "en", "ar", "es", "ro", "tr"}, {600, 250, 90, 40, 8, 6, 6});
    c["length"] = split(rng, visits, {"lt5", "5-15", "15-30", "30-60", "ge60"}, {5, 30, 35, 20, 10});
    c["by_audience"] =
        split(rng, visits / 3, {"seniors", "job_seekers", "women", "disabilities", "young_people"}, {40, 30, 25, 3, 2});
    c["eid_checks"] =
        split(rng, visits / 5, {"card_valid", "card_expired", "certificate_expired", "reader_missing"}, {90, 8, 1, 1});
    // Every tutorial, some rarely opened.
    std::vector<std::string> ids = catalogueIds();
    std::vector<int> weights = {30, 20, 6, 25, 10, 12, 15, 8, 5, 20, 3, 1};
    ids.emplace_back("old-lesson");
    weights.push_back(1);
    addTutorials(rng, c, visits / 3, ids, weights);
    return c;
}

} // namespace

// The attack that per-table protection let through (SmallCellsTest has the cells the former
// server published): A and B are the only DPS of their municipality; its report's French minus
// B's gave A's, and A's English followed from A's visits.
TEST(SmallCellsAcrossPages, AMunicipalityMinusItsOtherDpsNoLongerGivesACellAway) {
    Region region({{"DPS Alpha", "Ixelles"}, {"DPS Bravo", "Ixelles"}, {"DPS Charlie", "Uccle"}});
    const std::string lastYear = std::to_string(thisYear() - 1);
    region.send(region.list[0], lastYear + "-03-10", {{"by_language", {{"fr", 6}, {"nl", 10}, {"en", 3}}}});
    region.send(region.list[1], lastYear + "-03-10", {{"by_language", {{"fr", 40}, {"nl", 5}}}});
    region.send(region.list[2], lastYear + "-03-10", {{"by_language", {{"fr", 30}, {"nl", 30}, {"en", 9}}}});
    region.flush();
    auto reading = region.crawl(region.login("region-ann", "region-password-1"), true);
    const auto found = expectNothingSmallIsTold(region, reading, true, "region");
    EXPECT_GT(found.smallChecked, 0) << "A's English must be among the cells attacked";
    auto own = region.crawl(region.login("dps-bob", "dps-bob-password-1"), false);
    expectNothingSmallIsTold(region, own, true, "dps-bob", "dps:" + std::to_string(region.list[0].id));
}

// A tutorial opened once at a DPS in a year (the former pages showed it as 1, on the DPS page and
// the tutorials page): neither it, its level's figures nor what the municipality and the region
// show can tell it, nor can the DPS's other tutorials, counted a few times.
TEST(SmallCellsAcrossPages, ATutorialOpenedOnceAtADpsIsNotToldByAnyPage) {
    Region region({{"DPS Alpha", "Ixelles"}, {"DPS Bravo", "Ixelles"}, {"DPS Charlie", "Uccle"}});
    // The last settled month: on the pages' latest period, and in the last twelve months that the
    // former pages showed.
    const std::tm now = localNow();
    char today[16];
    std::strftime(today, sizeof today, "%Y-%m-%d", &now);
    const std::string month = server::settledMonth(today, 7);
    const auto day = [](int visits, std::map<std::string, int> tutorials) {
        DayCounts c{{"by_language", {{"fr", visits}}}, {"length", {{"15-30", visits}}}};
        c["tutorials"] = std::move(tutorials);
        return c;
    };
    region.send(region.list[0], month + "-10",
                day(20, {{"job-search.started", 1},
                         {"job-search.completed", 1},
                         {"mouse-basics.started", 14},
                         {"mouse-basics.completed", 11},
                         {"mouse-basics.abandoned", 3}}));
    region.send(region.list[1], month + "-10",
                day(60, {{"job-search.started", 9},
                         {"job-search.completed", 6},
                         {"job-search.abandoned", 2},
                         {"mouse-basics.started", 30},
                         {"mouse-basics.completed", 28},
                         {"mouse-basics.abandoned", 2},
                         {"eid-login.started", 12},
                         {"eid-login.completed", 9},
                         {"eid-login.abandoned", 3}}));
    region.send(region.list[2], month + "-10",
                day(50, {{"mouse-basics.started", 25},
                         {"mouse-basics.completed", 20},
                         {"mouse-basics.abandoned", 5},
                         {"eid-login.started", 3},
                         {"eid-login.completed", 2},
                         {"eid-login.abandoned", 1}}));
    region.flush();
    auto reading = region.crawl(region.login("region-ann", "region-password-1"), true);
    const auto found = expectNothingSmallIsTold(region, reading, true, "region");
    EXPECT_GT(found.tutorialsChecked, 0) << "Alpha's job search must be among the cells attacked";
    EXPECT_GT(reading.rates, 0) << "the rates of tutorials shown as they are";
    auto own = region.crawl(region.login("dps-bob", "dps-bob-password-1"), false);
    expectNothingSmallIsTold(region, own, true, "dps-bob", "dps:" + std::to_string(region.list[0].id));
}

TEST(SmallCellsAcrossPages, RandomSmallRegionsExactIntegerBounds) {
    Outcome all;
    for (const std::uint32_t seed : {11u, 12u, 13u, 14u, 15u}) {
        std::mt19937 rng(seed);
        // Three municipalities: one of a single DPS (its report is that DPS's), two of two or three.
        std::vector<std::pair<std::string, std::string>> dps = {{"DPS Anderlecht 1", "Anderlecht"},
                                                                {"DPS Forest 1", "Forest"},
                                                                {"DPS Forest 2", "Forest"},
                                                                {"DPS Jette 1", "Jette"},
                                                                {"DPS Jette 2", "Jette"}};
        if (rng() % 2) dps.emplace_back("DPS Jette 3", "Jette");
        Region region(dps);
        for (const auto& d : region.list)
            for (const auto& month : dataMonths(false))
                if (rng() % 3 != 0) region.send(d, month + "-01", smallDay(rng));
        region.flush();
        const std::string who = "seed " + std::to_string(seed);
        auto reading = region.crawl(region.login("region-ann", "region-password-1"), true);
        const auto o = expectNothingSmallIsTold(region, reading, true, who + " region");
        auto own = region.crawl(region.login("dps-bob", "dps-bob-password-1"), false);
        expectNothingSmallIsTold(region, own, true, who + " dps-bob", "dps:" + std::to_string(region.list[0].id));
        all.tables += o.tables, all.smallChecked += o.smallChecked, all.hidden += o.hidden, all.withheld += o.withheld;
        all.tutorialsChecked += o.tutorialsChecked;
        if (HasFailure()) return;
    }
    // The random regions really had small cells, hidden ones and withheld breakdowns.
    EXPECT_GT(all.smallChecked, 100);
    EXPECT_GT(all.tutorialsChecked, 20);
    EXPECT_GT(all.hidden, 50);
    EXPECT_GT(all.withheld, 0);
}

TEST(SmallCellsAcrossPages, ARegionSizedCaseLinearProgrammingBounds) {
    // 40 DPS over the 19 municipalities, busier ones and quiet ones, every month of last year and
    // this year so far.
    static const char* const municipalities[] = {"Anderlecht",
                                                 "Auderghem",
                                                 "Berchem-Sainte-Agathe",
                                                 "Brussels (City)",
                                                 "Etterbeek",
                                                 "Evere",
                                                 "Forest",
                                                 "Ganshoren",
                                                 "Ixelles",
                                                 "Jette",
                                                 "Koekelberg",
                                                 "Molenbeek-Saint-Jean",
                                                 "Saint-Gilles",
                                                 "Saint-Josse-ten-Noode",
                                                 "Schaerbeek",
                                                 "Uccle",
                                                 "Watermael-Boitsfort",
                                                 "Woluwe-Saint-Lambert",
                                                 "Woluwe-Saint-Pierre"};
    std::mt19937 rng(2026);
    std::vector<std::pair<std::string, std::string>> dps;
    for (int i = 0; i < 40; ++i)
        dps.emplace_back("DPS " + std::to_string(i + 1), municipalities[(i * 7) % 19]);
    Region region(dps);
    for (std::size_t i = 0; i < region.list.size(); ++i) {
        const int size = i % 5 == 0 ? 8 : 60 + static_cast<int>(i % 7) * 20;
        for (const auto& month : dataMonths(true))
            region.send(region.list[i], month + "-01", busyDay(rng, size));
    }
    region.flush();
    auto reading = region.crawl(region.login("region-ann", "region-password-1"), true);
    const auto o = expectNothingSmallIsTold(region, reading, false, "region");
    EXPECT_GT(reading.pages, 300);
    EXPECT_GT(o.smallChecked, 200);
    EXPECT_GT(o.tutorialsChecked, 20);
    EXPECT_GT(o.hidden, 100);
    auto own = region.crawl(region.login("dps-bob", "dps-bob-password-1"), false);
    expectNothingSmallIsTold(region, own, false, "dps-bob", "dps:" + std::to_string(region.list[0].id));
}

} // namespace dps::test
