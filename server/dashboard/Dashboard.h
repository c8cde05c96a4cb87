#pragma once
// The staff dashboard (docs/dashboard.md): login, the pages, the exports and the static files,
// on the same cpp-httplib server as the terminals' API. Every page runs behind one wrapper that
// finds the session, fixes the request's Scope from the account's role and sets the security
// headers, so a page cannot forget any of them.
#include "dps/core/Clock.h"
#include "server/dashboard/DashboardSettings.h"
#include "server/dashboard/PageRenderer.h"
#include "server/dashboard/TutorialCatalogue.h"
#include "server/services/StaffAuth.h"
#include "server/store/ports/StatsStore.h"

#include <memory>
#include <string>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
} // namespace httplib

namespace dps::server {

struct DashboardRoute {
    std::string method, pattern; // pattern as httplib takes it
    bool needsSession = true;
};
// Every route of the dashboard, for the test that checks each one's access rules.
const std::vector<DashboardRoute>& dashboardRoutes();

// Where the dashboard's files are: dashboard.web_root, or share/dps-server/web beside bin/.
std::filesystem::path webRootOf(const DashboardSettings& settings);

class Dashboard {
public:
    // staff: the accounts and sessions the login and every page check; stats: what the pages read
    // (usage, terminals, the equipment park, the monthly exports). Both the storage chosen by
    // server/cli.
    Dashboard(StaffStore& staff, StatsStore& stats, const DashboardSettings& settings, const Clock& clock);
    void install(httplib::Server& server);

    struct Context; // the request's session, scope and language
    struct Pages;
    struct OverviewFigures;

private:
    void installLogin(httplib::Server& server);

    StatsStore& stats_;
    const DashboardSettings settings_;
    const Clock& clock_;
    std::filesystem::path webRoot_;
    PageRenderer renderer_;
    TutorialCatalogue tutorials_;
    StaffAuth auth_;
};

} // namespace dps::server
