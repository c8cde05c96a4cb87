// The monthly CSV exports (docs/dashboard.md, "CSV exports"). The months asked are checked first
// (a 400 that says what is wrong), then the file is streamed a DPS or a month at a time from a
// read-only connection of the export's own, inside one read transaction: the rows are those of one
// moment, memory holds one chunk, and neither the terminals' batches nor the other pages wait for
// server.db's lock while a large export is written (issue 17: a range of 0000-01..9999-12 built
// 237 MB in 14 s and held the lock for 10 of them).
#include "dps/log/Log.h"
#include "server/core/CsvField.h"
#include "server/core/ExportRange.h"
#include "server/dashboard/DashboardContext.h"
#include "server/services/UsageStats.h"

#include <fmt/core.h>

#include <array>
#include <functional>
#include <initializer_list>
#include <memory>

namespace dps::server {
namespace {

// The free-use sums (issue 20) as the pages show them: exact, not small-cell protected (they are
// sessions, minutes and pages, not a breakdown of visitors: docs/dashboard.md).
constexpr std::array kMetrics{"visits",
                              "minutes",
                              "by_mode.free",
                              "by_mode.guided_individual",
                              "by_mode.guided_group",
                              "group_participants",
                              "free_use.visits",
                              "free_use.minutes",
                              "free_use.pages"};

using Sums = std::array<std::int64_t, kMetrics.size()>;

void add(Sums& sums, const std::string& metric, std::int64_t value) {
    for (std::size_t i = 0; i < kMetrics.size(); ++i)
        if (metric == kMetrics[i]) sums[i] += value;
}

std::string field(std::string_view text) {
    std::string out;
    appendCsvField(out, text);
    return out;
}

// visits,minutes,hours,free,guided_individual,guided_group,group_participants,
// free_use_sessions,free_use_minutes,free_use_hours,free_use_pages
std::string figures(const Sums& s) {
    return fmt::format("{},{},{:.1f},{},{},{},{},{},{},{:.1f},{}", s[0], s[1], static_cast<double>(s[1]) / 60.0, s[2],
                       s[3], s[4], s[5], s[6], s[7], static_cast<double>(s[7]) / 60.0, s[8]);
}

// text with each {name} of values replaced (a translation that lost one keeps the others).
std::string filledIn(std::string text, std::initializer_list<std::pair<std::string_view, std::string>> values) {
    for (const auto& [name, value] : values) {
        const std::string mark = "{" + std::string(name) + "}";
        if (const auto at = text.find(mark); at != std::string::npos) text.replace(at, mark.size(), value);
    }
    return text;
}

// What is wrong with the months, in the staff member's language; `from` and `to` are the query's
// own words, the same in every language.
std::string problemText(const PageRenderer& r, const std::string& lang, const ExportRangeProblem& p) {
    switch (p.kind) {
    case ExportRangeProblem::Kind::NotAMonth:
        return filledIn(r.tr(lang, "{field} must be a month from 2000-01 to 2999-12, written YYYY-MM (e.g. 2026-01)"),
                        {{"field", p.field}});
    case ExportRangeProblem::Kind::FromAfterTo:
        return filledIn(r.tr(lang, "from ({from}) is after to ({to})"), {{"from", p.from}, {"to", p.to}});
    case ExportRangeProblem::Kind::TooLong:
        return filledIn(r.tr(lang, "from {from} to {to} is {months} months: at most {most} (ten years) at once"),
                        {{"from", p.from},
                         {"to", p.to},
                         {"months", std::to_string(p.months)},
                         {"most", std::to_string(kMaxExportMonths)}});
    }
    return {};
}

// The query's months, or a 400 saying what is wrong with them.
std::optional<ExportMonths> checkedMonths(Dashboard::Context& ctx, const PageRenderer& renderer) {
    auto range = exportMonths(ctx.req.get_param_value("from"), ctx.req.get_param_value("to"), ctx.thisMonth);
    if (auto* problem = std::get_if<ExportRangeProblem>(&range)) {
        ctx.res.status = 400;
        ctx.res.set_content(filledIn(renderer.tr(ctx.language, "This export cannot be made: {problem}."),
                                     {{"problem", problemText(renderer, ctx.language, *problem)}}) +
                                "\n",
                            "text/plain; charset=utf-8");
        return std::nullopt;
    }
    return std::get<ExportMonths>(range);
}

// An export being written: what makes the next chunk, "" once everything is written (it keeps
// the store's export, and so its read of one moment, for as long as it is needed).
struct ExportStream {
    std::function<std::string()> next;
};

void stream(Dashboard::Context& ctx, const std::string& name, std::shared_ptr<ExportStream> s) {
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    ctx.res.set_chunked_content_provider("text/csv; charset=utf-8", [s, name](std::size_t, httplib::DataSink& sink) {
        try {
            const std::string chunk = s->next();
            if (chunk.empty()) {
                sink.done();
                return true;
            }
            return sink.write(chunk.data(), chunk.size());
        } catch (const std::exception& e) {
            // The status is sent already: the cut connection says it.
            log::error("export {} stopped: {}", name, e.what());
            return false;
        }
    });
}

} // namespace

void Dashboard::Pages::monthlyDpsCsv(Context& ctx) const {
    const auto months = checkedMonths(ctx, renderer);
    if (!months) return;
    const auto scope = [&]() -> std::optional<Scope> {
        // The account's scope, narrowed to one DPS by ?dps= (never widened: another DPS's id from
        // a dps account gives nothing).
        const std::string dps = ctx.req.get_param_value("dps");
        if (dps.empty()) return ctx.scope;
        std::int64_t id = 0;
        try {
            id = std::stoll(dps);
        } catch (const std::exception&) {
            return std::nullopt;
        }
        if (ctx.scope.dpsId && *ctx.scope.dpsId != id) return std::nullopt;
        return Scope{id, {}};
    }();
    if (!scope) return notFound(ctx);

    auto s = std::make_shared<ExportStream>();
    std::shared_ptr<DpsMonthlyExport> source = stats.dpsMonthlyExport(*scope);
    const auto monthList = monthRange(months->from, months->to);
    bool header = false;
    std::size_t at = 0;
    s->next = [=, from = months->from, to = months->to]() mutable -> std::string {
        if (!header) {
            header = true;
            return "month,dps_id,dps_name,municipality,visits,minutes,hours,free,guided_individual,guided_group,"
                   "group_participants,free_use_sessions,free_use_minutes,free_use_hours,free_use_pages\r\n";
        }
        if (at == source->dps().size()) return "";
        // One DPS a chunk: every month of the range, zeros included.
        const DpsIdentity& d = source->dps()[at++];
        std::map<std::string, Sums> byMonth;
        for (const auto& m : source->modeSums(d.id, from, to))
            add(byMonth[m.month], m.metric, m.sum);
        const std::string who = fmt::format("{},{},{}", d.id, field(d.name), field(d.municipality));
        std::string chunk;
        for (const auto& m : monthList)
            chunk += fmt::format("{},{},{}\r\n", m, who, figures(byMonth[m]));
        return chunk;
    };
    stream(ctx, fmt::format("dps-monthly-{}-{}.csv", months->from, months->to), std::move(s));
}

void Dashboard::Pages::monthlyMunicipalityCsv(Context& ctx) const {
    const auto months = checkedMonths(ctx, renderer);
    if (!months) return;
    auto s = std::make_shared<ExportStream>();
    // The municipalities of the account's scope, with their DPS (the dps_count of every month).
    std::shared_ptr<MunicipalityMonthlyExport> source = stats.municipalityMonthlyExport(ctx.scope);
    const auto monthList = monthRange(months->from, months->to);
    bool header = false;
    std::size_t at = 0;
    s->next = [=]() mutable -> std::string {
        if (!header) {
            header = true;
            return "month,municipality,dps_count,visits,minutes,hours,free,guided_individual,guided_group,"
                   "group_participants,free_use_sessions,free_use_minutes,free_use_hours,free_use_pages\r\n";
        }
        if (at == monthList.size()) return "";
        // One month a chunk: every municipality of the scope, zeros included.
        const std::string& month = monthList[at++];
        std::map<std::string, Sums> byMunicipality;
        for (const auto& m : source->modeSums(month))
            add(byMunicipality[m.municipality], m.metric, m.sum);
        std::string chunk;
        for (const auto& m : source->municipalities())
            chunk += fmt::format("{},{},{},{}\r\n", month, field(m.municipality), m.dpsCount,
                                 figures(byMunicipality[m.municipality]));
        return chunk;
    };
    stream(ctx, fmt::format("municipality-monthly-{}-{}.csv", months->from, months->to), std::move(s));
}

} // namespace dps::server
