// The dashboard's pages: each reads the figures of its Scope from UsageStats (usage_months,
// terminals, heartbeats) or the equipment park, and hands them to its template. Breakdowns come
// from BreakdownTables, protected for every area at once on a grid of calendar years; plain
// totals of visits and hours are shown as they are (docs/dashboard.md).
#include "dps/core/Timestamp.h"
#include "server/dashboard/BreakdownTables.h"
#include "server/dashboard/DashboardContext.h"
#include "server/dashboard/Presentation.h"
#include "server/dashboard/TutorialTables.h"
#include "server/services/EquipmentReport.h"
#include "server/services/UsageStats.h"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <ctime>

namespace dps::server {
namespace {

// What a terminal's kiosk was doing at its latest heartbeat, in the staff's words (issue 20): a
// call for help and free use stopped after a wipe not verified are what staff must act on.
struct KioskNow {
    std::string text, code;
    bool alert = false;
};

std::string withNumber(const std::string& pattern, std::int64_t n) {
    std::string out = pattern;
    if (const auto at = out.find("{}"); at != std::string::npos) out.replace(at, 2, std::to_string(n));
    return out;
}

KioskNow kioskNow(const PageRenderer& renderer, const std::string& lang, const std::optional<protocol::KioskState>& k) {
    if (!k) return {"–", "none", false};
    KioskNow now;
    now.code = k->state;
    if (k->state == "idle")
        now.text = renderer.tr(lang, "Waiting for a visitor");
    else if (k->state == "visit")
        now.text = renderer.tr(lang, "Visit under way");
    else if (k->state == "free_use")
        now.text = withNumber(renderer.tr(lang, "In free use, {} min left"), k->minutesLeft.value_or(0));
    else if (k->state == "out_of_order")
        now.text = renderer.tr(lang, "Out of order");
    now.alert = k->state == "out_of_order";
    if (k->helpAskedMinutes) {
        now.text += " · " + withNumber(renderer.tr(lang, "help asked {} min ago"), *k->helpAskedMinutes);
        now.code += " help";
        now.alert = true;
    }
    if (k->freeUseStopped) {
        now.text += " · " + renderer.tr(lang, "free use stopped: the last wipe was not verified");
        now.code += " free-use-stopped";
        now.alert = true;
    }
    return now;
}

// The period of the breakdowns a page shows without a year asked: the current year to its last
// settled month, or in its first days the previous year.
BreakdownPeriod latestPeriod(const Dashboard::Context& ctx, const DashboardSettings& settings) {
    const auto settled = settledMonth(ctx.today, static_cast<int>(settings.breakdownDelayDays));
    return *breakdownPeriod(std::stoi(settled.substr(0, 4)), settled);
}

// Every protected breakdown of an area (a DPS, a municipality, the region) for the templates.
mustache::list breakdownList(const PageRenderer& r, const std::string& lang, const BreakdownTables& tables,
                             const Scope& area, int k) {
    mustache::list out;
    for (const auto& g : breakdownGroups())
        if (const auto shown = tables.find(g.group, area))
            out.push_back(protectedBreakdown(r, lang, g.group, *shown, k, r.tr(lang, g.title), tables.period().from,
                                             tables.period().to));
    return out;
}

std::string silentBefore(const Dashboard::Context& ctx, const DashboardSettings& settings) {
    const auto now = fromIsoUtc(ctx.nowIso).value_or(WallTime{});
    return toIsoUtc(now - std::chrono::hours(24 * settings.silentDays));
}

mustache::data figure(const std::string& metric, const std::string& period, std::int64_t value, const std::string& text,
                      const std::string& label) {
    mustache::data f;
    f.set("metric", metric);
    f.set("period", period);
    f.set("value", std::to_string(value));
    f.set("text", text);
    f.set("label", label);
    return f;
}

MonthFigures total(const std::vector<MonthFigures>& months) {
    MonthFigures t;
    for (const auto& m : months) {
        t.visits += m.visits;
        t.minutes += m.minutes;
        t.free += m.free;
        t.guided += m.guided;
        t.groupParticipants += m.groupParticipants;
        t.freeUseVisits += m.freeUseVisits;
        t.freeUseMinutes += m.freeUseMinutes;
        t.freeUsePages += m.freeUsePages;
    }
    return t;
}

mustache::list keyFigures(const PageRenderer& r, const std::string& lang, const MonthFigures& f,
                          const std::string& period) {
    mustache::list out;
    out.push_back(figure("visits", period, f.visits, formatNumber(f.visits, lang), r.tr(lang, "Visits")));
    out.push_back(figure("hours", period, f.minutes, formatHours(f.minutes, lang), r.tr(lang, "Hours of use")));
    out.push_back(figure("free", period, f.free, formatNumber(f.free, lang), r.tr(lang, "Free use")));
    out.push_back(figure("guided", period, f.guided, formatNumber(f.guided, lang), r.tr(lang, "Guided sessions")));
    out.push_back(figure("group_participants", period, f.groupParticipants, formatNumber(f.groupParticipants, lang),
                         r.tr(lang, "Group participants")));
    out.push_back(figure("free_use_visits", period, f.freeUseVisits, formatNumber(f.freeUseVisits, lang),
                         r.tr(lang, "Free-use sessions (the browser)")));
    out.push_back(figure("free_use_hours", period, f.freeUseMinutes, formatHours(f.freeUseMinutes, lang),
                         r.tr(lang, "Hours in the browser")));
    out.push_back(figure("free_use_pages", period, f.freeUsePages, formatNumber(f.freeUsePages, lang),
                         r.tr(lang, "Pages printed")));
    return out;
}

mustache::list monthRows(const PageRenderer& r, const std::string& lang, const std::vector<MonthFigures>& months) {
    mustache::list rows;
    for (const auto& m : months) {
        mustache::data row;
        row.set("month", m.month);
        row.set("label", monthLabel(r, m.month, lang));
        row.set("visits", formatNumber(m.visits, lang));
        row.set("visits_raw", std::to_string(m.visits));
        row.set("hours", formatHours(m.minutes, lang));
        row.set("hours_raw", fmt::format("{:.1f}", static_cast<double>(m.minutes) / 60.0));
        row.set("free", formatNumber(m.free, lang));
        row.set("free_raw", std::to_string(m.free));
        row.set("guided", formatNumber(m.guided, lang));
        row.set("guided_raw", std::to_string(m.guided));
        row.set("participants", formatNumber(m.groupParticipants, lang));
        row.set("participants_raw", std::to_string(m.groupParticipants));
        row.set("fu_visits", formatNumber(m.freeUseVisits, lang));
        row.set("fu_visits_raw", std::to_string(m.freeUseVisits));
        row.set("fu_hours", formatHours(m.freeUseMinutes, lang));
        row.set("fu_minutes_raw", std::to_string(m.freeUseMinutes));
        row.set("fu_pages", formatNumber(m.freeUsePages, lang));
        row.set("fu_pages_raw", std::to_string(m.freeUsePages));
        rows.push_back(row);
    }
    return rows;
}

void sendCsv(Dashboard::Context& ctx, const std::string& name, const std::string& csv) {
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    ctx.res.set_content(csv, "text/csv; charset=utf-8");
}

const char* computerKindLabel(const std::string& kind) {
    if (kind == "laptop") return i18n::N_("Laptop");
    if (kind == "desktop") return i18n::N_("Desktop");
    if (kind == "other") return i18n::N_("Other");
    return i18n::N_("Unknown");
}

} // namespace

mustache::data Dashboard::Pages::layout(const Context& ctx, const std::string& title, const std::string& nav) const {
    mustache::data d;
    d.set("lang", ctx.language);
    d.set("title", title);
    d.set("username", ctx.session.user.username);
    d.set("csrf", ctx.session.csrfToken);
    d.set("back", ctx.req.target);
    d.set("is_region", !ctx.scope.dpsId.has_value());
    if (ctx.scope.dpsId) d.set("own_dps", std::to_string(*ctx.scope.dpsId));
    d.set("nav_" + nav, true);
    for (const auto* l : {"fr", "nl", "en"})
        d.set(std::string("is_") + l, ctx.language == l);
    d.set("k", std::to_string(settings.smallCellK));
    return d;
}

void Dashboard::Pages::send(Context& ctx, const std::string& page, mustache::data data) const {
    ctx.res.set_content(renderer.render(page, std::move(data), ctx.language), "text/html; charset=utf-8");
}

void Dashboard::Pages::notFound(Context& ctx) const {
    ctx.res.status = 404;
    send(ctx, "notfound", layout(ctx, renderer.tr(ctx.language, "Not found"), ""));
}

void Dashboard::Pages::forbidden(Context& ctx) const {
    ctx.res.status = 403;
    send(ctx, "forbidden", layout(ctx, renderer.tr(ctx.language, "Not allowed"), ""));
}

Dashboard::OverviewFigures Dashboard::Pages::overviewFigures(const Context& ctx, const std::string& from,
                                                             const std::string& to, const std::string& silent) const {
    // Kept while server.db is unchanged: a page load then costs its rendering only. Any write
    // (a batch, a heartbeat, a login) changes its data version and the next load reads again.
    const std::string key =
        (ctx.scope.dpsId ? std::to_string(*ctx.scope.dpsId) : std::string("*")) + "|" + to + "|" + silent;
    OverviewFigures f;
    stats.read([&](StatsReader& reader) {
        const auto stamp = reader.dataVersion();
        {
            std::lock_guard lock(overviewCache->mutex);
            const auto it = overviewCache->entries.find(key);
            if (it != overviewCache->entries.end() && it->second.first == stamp) {
                f = it->second.second;
                return;
            }
        }
        UsageStats usage(reader);
        f.months = usage.months(ctx.scope, from, to);
        f.dps = usage.perDps(ctx.scope, from, to, to, silent);
        f.municipalities = usage.perMunicipality(ctx.scope, f.dps);
        f.terminals = usage.terminals(ctx.scope, silent);
        std::lock_guard lock(overviewCache->mutex);
        if (overviewCache->entries.size() > 1000) overviewCache->entries.clear();
        overviewCache->entries[key] = {stamp, f};
    });
    return f;
}

void Dashboard::Pages::overview(Context& ctx) const {
    const auto& lang = ctx.language;
    const std::string to = ctx.thisMonth, from = addMonths(to, -11);
    auto d = layout(ctx, renderer.tr(lang, "Overview"), "overview");
    // To the minute, so that one minute's page loads share their figures.
    const auto silent = silentBefore(ctx, settings).substr(0, 16) + ":00Z";
    const auto figures = overviewFigures(ctx, from, to, silent);
    {
        const auto& months = figures.months;
        d.set("month_label", monthLabel(renderer, to, lang));
        d.set("from_label", monthLabel(renderer, from, lang));
        d.set("month_figures", keyFigures(renderer, lang, months.back(), "month"));
        d.set("year_figures", keyFigures(renderer, lang, total(months), "year"));
        d.set("months", monthRows(renderer, lang, months));

        const auto& municipalities = figures.municipalities;
        std::map<std::string, std::string> municipalityName;
        for (const auto& m : municipalities)
            municipalityName[m.municipality] = m.name(lang);
        mustache::list dpsRows;
        for (const auto& f : figures.dps) {
            mustache::data row;
            row.set("id", std::to_string(f.dpsId));
            row.set("name", f.name);
            row.set("municipality", municipalityName[f.municipality]);
            row.set("visits", formatNumber(f.visits, lang));
            row.set("visits_raw", std::to_string(f.visits));
            row.set("hours", formatHours(f.minutes, lang));
            row.set("month_visits", formatNumber(f.monthVisits, lang));
            row.set("month_hours", formatHours(f.monthMinutes, lang));
            row.set("terminals", std::to_string(f.terminals));
            row.set("silent", std::to_string(f.silentTerminals));
            row.set("has_silent", f.silentTerminals > 0);
            dpsRows.push_back(row);
        }
        d.set("dps_rows", dpsRows);
        mustache::list municipalityRows;
        for (const auto& m : municipalities) {
            mustache::data row;
            row.set("name", m.name(lang));
            row.set("param", m.municipality);
            row.set("dps_count", std::to_string(m.dpsCount));
            row.set("visits", formatNumber(m.visits, lang));
            row.set("visits_raw", std::to_string(m.visits));
            row.set("hours", formatHours(m.minutes, lang));
            row.set("month_visits", formatNumber(m.monthVisits, lang));
            municipalityRows.push_back(row);
        }
        d.set("municipality_rows", municipalityRows);
        mustache::list silentRows;
        for (const auto& t : figures.terminals) {
            if (!t.silent) continue;
            mustache::data row;
            row.set("id", t.id);
            row.set("dps_id", std::to_string(t.dpsId));
            row.set("dps", t.dpsName);
            row.set("last_seen", t.lastSeen.empty() ? renderer.tr(lang, "never") : instantLabel(t.lastSeen));
            silentRows.push_back(row);
        }
        d.set("has_silent", !silentRows.empty());
        d.set("silent_rows", silentRows);
        d.set("silent_days", std::to_string(settings.silentDays));
    }
    send(ctx, "overview", std::move(d));
}

void Dashboard::Pages::dps(Context& ctx, std::int64_t dpsId) const {
    // Another DPS's page does not exist for a dps account: 404, the same answer as for an id
    // nobody has, so the account cannot even learn which ids exist.
    if (ctx.scope.dpsId && *ctx.scope.dpsId != dpsId) return notFound(ctx);
    const auto& lang = ctx.language;
    const std::string to = ctx.thisMonth, from = addMonths(to, -11);
    const Scope one{dpsId, {}};
    bool found = false;
    auto d = layout(ctx, "", "dps");
    const int k = static_cast<int>(settings.smallCellK);
    // Read before the page's own stats.read: the first page of a period reads every DPS's figures.
    const auto tables = breakdownCache->get(stats, latestPeriod(ctx, settings), k);
    d.set("breakdowns", breakdownList(renderer, lang, *tables, one, k));
    d.set("tutorials", tutorialTables(lang, *tables, one, tutorials, k));
    d.set("breakdown_period", periodLabel(renderer, tables->period().from, tables->period().to, lang));
    d.set("breakdown_delay", std::to_string(settings.breakdownDelayDays));
    stats.read([&](StatsReader& reader) {
        const auto row = reader.dpsAddress(dpsId);
        if (!row) return;
        found = true;
        d.set("title", row->name);
        d.set("name", row->name);
        d.set("address", row->street + ", " + row->postcode + " " + row->municipality);
        d.set("dps_id", std::to_string(dpsId));
        UsageStats usage(reader);
        const auto months = usage.months(one, from, to);
        d.set("from_label", monthLabel(renderer, from, lang));
        d.set("month_label", monthLabel(renderer, to, lang));
        d.set("year_figures", keyFigures(renderer, lang, total(months), "year"));
        d.set("months", monthRows(renderer, lang, months));

        // The equipment outcomes month by month, as they are: faults of the terminal to fix, not
        // something about a visitor (docs/dashboard.md).
        mustache::list trend;
        for (const auto& [month, ms] : usage.sumsPerMonth(one, from, to, "eid_checks.")) {
            std::int64_t n = 0;
            for (const auto& code : equipmentOutcomes()) {
                const auto it = ms.find("eid_checks." + code);
                if (it != ms.end()) n += it->second;
            }
            auto t = shownCell(ShownCell{month, Shown::Value, n}, false, k, lang);
            t.set("label", monthLabel(renderer, month, lang));
            trend.push_back(t);
        }
        d.set("eid_trend", trend);

        mustache::list terminalRows;
        for (const auto& t : usage.terminals(one, silentBefore(ctx, settings))) {
            mustache::data r;
            r.set("id", t.id);
            r.set("state", t.state);
            r.set("version", t.agentVersion);
            r.set("last_seen", t.lastSeen.empty() ? renderer.tr(lang, "never") : instantLabel(t.lastSeen));
            r.set("silent", t.silent);
            r.set("free_disk", t.freeDiskBytes ? formatNumber(*t.freeDiskBytes / 1000000, lang) + " MB" : "–");
            r.set("outbox", t.outbox ? formatNumber(*t.outbox, lang) : "–");
            r.set("dead_letters", t.deadLetters ? formatNumber(*t.deadLetters, lang) : "–");
            r.set("has_dead_letters", t.deadLetters.value_or(0) > 0);
            r.set("last_error", t.lastError);
            const KioskNow now = kioskNow(renderer, lang, t.kiosk);
            r.set("kiosk", now.text);
            r.set("kiosk_code", now.code);
            r.set("kiosk_alert", now.alert);
            terminalRows.push_back(r);
        }
        d.set("terminal_rows", terminalRows);
        d.set("has_terminals", !terminalRows.empty());

        const auto park = equipmentPark(reader, Scope{dpsId, {}}, 20);
        mustache::list problems;
        for (const auto& t : park.terminals)
            for (const auto& p : t.problems) {
                mustache::data r;
                r.set("terminal", t.terminalId);
                r.set("problem", p);
                problems.push_back(r);
            }
        d.set("inventory_problems", problems);
        d.set("has_inventory_problems", !problems.empty());
    });
    if (!found) return notFound(ctx);
    send(ctx, "dps", std::move(d));
}

void Dashboard::Pages::tutorialsPage(Context& ctx) const {
    // The tutorials and the languages of the area the account sees (the region, or its DPS),
    // from the protected tables of the grid's latest period, as on the DPS pages: a region's page
    // reads the region's row of tables kept per period, never every DPS's sums.
    const auto& lang = ctx.language;
    auto d = layout(ctx, renderer.tr(lang, "Tutorials"), "tutorials");
    const int k = static_cast<int>(settings.smallCellK);
    const auto tables = breakdownCache->get(stats, latestPeriod(ctx, settings), k);
    const auto& period = tables->period();
    const std::string label = periodLabel(renderer, period.from, period.to, lang);
    d.set("tutorials_period", label);
    d.set("breakdown_delay", std::to_string(settings.breakdownDelayDays));
    d.set("tutorials", tutorialTables(lang, *tables, ctx.scope, tutorials, k));
    d.set("languages_period", label);
    if (const auto shown = tables->find("by_language", ctx.scope))
        d.set("languages", protectedBreakdown(renderer, lang, "by_language", *shown, k,
                                              renderer.tr(lang, "Languages of the visits"), period.from, period.to));
    send(ctx, "tutorials", std::move(d));
}

void Dashboard::Pages::equipment(Context& ctx) const {
    const auto& lang = ctx.language;
    auto d = layout(ctx, renderer.tr(lang, "Equipment"), "equipment");
    stats.read([&](StatsReader& reader) {
        const auto park = equipmentPark(reader, ctx.scope);
        const auto& t = park.totals;
        mustache::list totals;
        const std::pair<const char*, int> items[] = {
            {i18n::N_("Terminals"), t.terminals},
            {i18n::N_("Laptops"), t.laptops},
            {i18n::N_("Desktops"), t.desktops},
            {i18n::N_("Screens"), t.screens},
            {i18n::N_("e-ID card readers"), t.cardReaders},
            {i18n::N_("Printers"), t.printers},
            {i18n::N_("Accessibility devices"), t.accessibilityDevices},
            {i18n::N_("Worn batteries (under 70 %)"), t.batteriesWorn},
        };
        for (const auto& [label, n] : items) {
            mustache::data f;
            f.set("label", renderer.tr(lang, label));
            f.set("text", formatNumber(n, lang));
            f.set("value", std::to_string(n));
            totals.push_back(f);
        }
        d.set("totals", totals);
        mustache::list rows;
        for (const auto& e : park.terminals) {
            mustache::data r;
            r.set("terminal", e.terminalId);
            r.set("dps", e.dpsName);
            r.set("dps_id", std::to_string(e.dpsId));
            r.set("kind", renderer.tr(lang, computerKindLabel(e.computerKind)));
            r.set("model", (e.manufacturer + " " + e.model));
            r.set("os", e.os);
            r.set("memory", e.memoryMb > 0 ? formatNumber(e.memoryMb, lang) + " MB" : "–");
            r.set("monitors", std::to_string(e.monitors));
            r.set("readers", std::to_string(e.cardReaders));
            r.set("printers", std::to_string(e.printers));
            r.set("accessibility", std::to_string(e.accessibilityDevices));
            r.set("battery", e.batteryHealthPercent ? std::to_string(*e.batteryHealthPercent) + " %" : "–");
            r.set("battery_worn", e.batteryHealthPercent.value_or(100) < 70);
            r.set("inventory_at", instantLabel(e.inventoryAt));
            std::string problems;
            for (const auto& p : e.problems)
                problems += (problems.empty() ? "" : "; ") + p;
            r.set("problems", problems);
            rows.push_back(r);
        }
        d.set("terminal_rows", rows);
        d.set("has_terminals", !rows.empty());
        mustache::list changes;
        for (const auto& c : park.changes) {
            mustache::data r;
            r.set("at", instantLabel(c.at));
            r.set("terminal", c.terminalId);
            r.set("dps", c.dpsName);
            r.set("appeared", c.change == "appeared");
            r.set("kind", c.kind);
            r.set("item", c.item);
            changes.push_back(r);
        }
        d.set("changes", changes);
        d.set("has_changes", !changes.empty());
    });
    send(ctx, "equipment", std::move(d));
}

void Dashboard::Pages::exports(Context& ctx) const {
    const auto& lang = ctx.language;
    auto d = layout(ctx, renderer.tr(lang, "Exports"), "exports");
    d.set("from", addMonths(ctx.thisMonth, -11));
    d.set("to", ctx.thisMonth);
    const int year = std::stoi(ctx.thisMonth.substr(0, 4));
    mustache::list years;
    for (int y = year; y > year - 6; --y) {
        mustache::data item;
        item.set("year", std::to_string(y));
        years.push_back(item);
    }
    d.set("years", years);
    stats.read([&](StatsReader& reader) {
        mustache::list dpsList, municipalities;
        UsageStats usage(reader);
        const auto dpsRows = usage.perDps(ctx.scope, ctx.thisMonth, ctx.thisMonth, ctx.thisMonth, "");
        for (const auto& f : dpsRows) {
            mustache::data item;
            item.set("id", std::to_string(f.dpsId));
            item.set("name", f.name);
            dpsList.push_back(item);
        }
        if (!ctx.scope.dpsId)
            for (const auto& m : usage.perMunicipality(ctx.scope, dpsRows)) {
                mustache::data item;
                item.set("param", m.municipality);
                item.set("name", m.name(lang));
                municipalities.push_back(item);
            }
        d.set("dps_list", dpsList);
        d.set("municipalities", municipalities);
    });
    send(ctx, "exports", std::move(d));
}

void Dashboard::Pages::report(Context& ctx) const {
    const auto& lang = ctx.language;
    int year = 0;
    try {
        year = std::stoi(ctx.req.get_param_value("year"));
    } catch (const std::exception&) {
        year = std::stoi(ctx.thisMonth.substr(0, 4)) - 1;
    }
    if (year < 2000 || year > 2999) return notFound(ctx);
    Scope scope;
    std::string subject;
    if (ctx.req.has_param("dps") && !ctx.req.get_param_value("dps").empty()) {
        try {
            scope.dpsId = std::stoll(ctx.req.get_param_value("dps"));
        } catch (const std::exception&) {
            return notFound(ctx);
        }
        if (ctx.scope.dpsId && *ctx.scope.dpsId != *scope.dpsId) return notFound(ctx);
    } else if (ctx.req.has_param("municipality") && !ctx.req.get_param_value("municipality").empty()) {
        if (ctx.scope.dpsId) return forbidden(ctx);
        scope.municipality = ctx.req.get_param_value("municipality");
    } else if (ctx.scope.dpsId) {
        return forbidden(ctx); // the region's report
    }
    const std::string from = fmt::format("{}-01", year), to = fmt::format("{}-12", year);
    auto d = layout(ctx, "", "report");
    d.set("year", std::to_string(year));
    // The breakdowns of the year's settled months (all twelve once it is over and settled).
    const int k = static_cast<int>(settings.smallCellK);
    const auto settled = settledMonth(ctx.today, static_cast<int>(settings.breakdownDelayDays));
    const auto period = breakdownPeriod(year, settled);
    std::shared_ptr<const BreakdownTables> tables;
    if (period) tables = breakdownCache->get(stats, *period, k);
    d.set("has_breakdowns", tables != nullptr);
    d.set("breakdown_delay", std::to_string(settings.breakdownDelayDays));
    if (tables) {
        d.set("breakdowns", breakdownList(renderer, lang, *tables, scope, k));
        d.set("tutorials", tutorialTables(lang, *tables, scope, tutorials, k));
        d.set("breakdowns_partial", !period->wholeYear());
        d.set("breakdown_period", periodLabel(renderer, period->from, period->to, lang));
    }
    bool found = true;
    stats.read([&](StatsReader& reader) {
        UsageStats usage(reader);
        const auto dpsRows = usage.perDps(scope, from, to, to, "");
        if (scope.dpsId) {
            if (dpsRows.empty()) {
                found = false;
                return;
            }
            subject = dpsRows.front().name;
        } else if (scope.municipality) {
            if (dpsRows.empty()) {
                found = false;
                return;
            }
            const auto ms = usage.perMunicipality(scope, dpsRows);
            subject = ms.empty() ? *scope.municipality : ms.front().name(lang);
        } else {
            subject = renderer.tr(lang, "Brussels-Capital Region");
        }
        d.set("subject", subject);
        d.set("title", subject + " " + std::to_string(year));
        const auto months = usage.months(scope, from, to);
        d.set("year_figures", keyFigures(renderer, lang, total(months), "year"));
        d.set("months", monthRows(renderer, lang, months));
        mustache::list rows;
        if (!scope.dpsId)
            for (const auto& f : dpsRows) {
                mustache::data r;
                r.set("name", f.name);
                r.set("visits", formatNumber(f.visits, lang));
                r.set("hours", formatHours(f.minutes, lang));
                rows.push_back(r);
            }
        d.set("dps_rows", rows);
        d.set("has_dps_rows", !rows.empty());
        d.set("terminals", std::to_string(usage.terminals(scope, "").size()));
    });
    if (!found) return notFound(ctx);
    d.set("generated", ctx.nowIso.substr(0, 10));
    send(ctx, "report", std::move(d));
}

void Dashboard::Pages::equipmentCsv(Context& ctx) const {
    std::string csv;
    stats.read([&](StatsReader& reader) { csv = server::equipmentCsv(equipmentPark(reader, ctx.scope, 0)); });
    sendCsv(ctx, "equipment.csv", csv);
}

} // namespace dps::server
