#pragma once
// What a dashboard page is given: who asks (their session), what they may see (the Scope their
// role allows) and in which language; and the pieces every page needs.
#include "server/core/Scope.h"
#include "server/dashboard/BreakdownTables.h"
#include "server/dashboard/Dashboard.h"
#include "server/dashboard/DashboardSettings.h"
#include "server/dashboard/PageRenderer.h"
#include "server/dashboard/TutorialCatalogue.h"
#include "server/services/StaffAuth.h"
#include "server/services/UsageStats.h"

#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace dps::server {

struct Dashboard::Context {
    const httplib::Request& req;
    httplib::Response& res;
    StaffSession session;
    Scope scope;
    std::string language;
    std::string thisMonth; // the server's local month, YYYY-MM
    std::string today;     // the server's local date, YYYY-MM-DD
    std::string nowIso;    // UTC
};

// What the overview reads of server.db, kept between page loads while nothing changed.
struct Dashboard::OverviewFigures {
    std::vector<MonthFigures> months;
    std::vector<DpsFigures> dps;
    std::vector<MunicipalityFigures> municipalities;
    std::vector<TerminalHealth> terminals;
};

// The page builders (DashboardPages.cpp); each answers ctx.res.
struct Dashboard::Pages {
    StatsStore& stats;
    const DashboardSettings& settings;
    const PageRenderer& renderer;
    const TutorialCatalogue& tutorials;
    struct OverviewCache {
        std::mutex mutex;
        std::map<std::string, std::pair<std::int64_t, OverviewFigures>> entries; // key → (change stamp, figures)
    };
    std::shared_ptr<OverviewCache> overviewCache = std::make_shared<OverviewCache>();
    std::shared_ptr<BreakdownCache> breakdownCache = std::make_shared<BreakdownCache>(tutorials.levels());

    [[nodiscard]] OverviewFigures overviewFigures(const Context& ctx, const std::string& from, const std::string& to,
                                                  const std::string& silent) const;

    void overview(Context& ctx) const;
    void dps(Context& ctx, std::int64_t dpsId) const;
    void tutorialsPage(Context& ctx) const;
    void equipment(Context& ctx) const;
    void exports(Context& ctx) const;
    void report(Context& ctx) const;
    void monthlyDpsCsv(Context& ctx) const;
    void monthlyMunicipalityCsv(Context& ctx) const;
    void equipmentCsv(Context& ctx) const;

    // The layout's data (title, navigation, language switch, CSRF token) for a page.
    [[nodiscard]] mustache::data layout(const Context& ctx, const std::string& title, const std::string& nav) const;
    void send(Context& ctx, const std::string& page, mustache::data data) const;
    void notFound(Context& ctx) const;
    void forbidden(Context& ctx) const;
};

} // namespace dps::server
