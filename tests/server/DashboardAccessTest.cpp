// The dashboard's access rules against the real dps-server: every route needs a session (but the
// login page and the static files), a dps account never sees another DPS's data on any route,
// state-changing forms need the session's CSRF token, and the session cookie has its flags.
#include "ServerProcess.h"
#include "UsageBodies.h"
#include "server/dashboard/Dashboard.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>

#include <ctime>
#include <regex>

namespace dps::test {
namespace {

constexpr const char* kSecretName = "DPS Secret Bravo";

std::string today() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[11];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

// The first day of the month `back` months before this one.
std::string monthStart(int back) {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    const int m = tm.tm_year * 12 + tm.tm_mon - back;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-01", m / 12 + 1900, m % 12 + 1);
    return buf;
}

class DashboardAccess : public ::testing::Test {
protected:
    void SetUp() override {
        own = server.addDps("DPS Alpha Own");
        other = server.addDps(kSecretName);
        server.start();
        ownTerminal = server.enrollNewTerminal(own);
        otherTerminal = server.enrollNewTerminal(other);
        // A few visits for the own DPS (with 2 seniors two months ago: a small cell in a settled
        // month, so in that year's breakdowns), many for the other.
        auto small = usageRecord(today(), 1, 7, false);
        auto older = usageRecord(monthStart(2), 1, 11, true);
        older.day.byAudience["seniors"] = 2;
        older.day.byAudience["job_seekers"] = 5;
        sendUsage(ownTerminal.token, {small, older});
        sendUsage(otherTerminal.token, {usageRecord(today(), 1, 40), usageRecord(monthStart(1), 1, 25, true)});
        ASSERT_EQ(
            server.runWithInput({"user", "add", "region-ann", "--role", "region"}, "region-password-1\n").exitCode, 0);
        const auto bob = server.runWithInput(
            {"user", "add", "dps-bob", "--role", "dps", "--dps", std::to_string(own), "--language", "en"},
            "dps-bob-password-1\n");
        ASSERT_EQ(bob.exitCode, 0) << bob.err;
    }

    void sendUsage(const std::string& token, const std::vector<protocol::UsageRecord>& records) {
        auto res = server.client()->Post("/api/v1/usage", {{"Authorization", "Bearer " + token}}, usageBatch(records),
                                         "application/json");
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 200) << res->body;
    }

    // Logs in as a browser does (the form's token) and returns the Cookie header value for the session.
    std::string login(const std::string& user, const std::string& password) { return server.login(user, password); }

    httplib::Result get(const std::string& path, const std::string& cookie) {
        return server.client()->Get(path.c_str(), httplib::Headers{{"Cookie", cookie}});
    }

    static std::string csrfOf(const std::string& html) {
        std::smatch m;
        if (!std::regex_search(html, m, std::regex(R"re(name="csrf" value="([^"]+)")re"))) return "";
        return m[1].str();
    }

    // A route's pattern made concrete: a DPS id in place of (\d+), a real file for static/.
    static std::string concrete(const std::string& pattern, std::int64_t dpsId) {
        std::string p = std::regex_replace(pattern, std::regex(R"(\(\\d\+\))"), std::to_string(dpsId));
        return std::regex_replace(p, std::regex(R"(\(\.\+\))"), "dashboard.css");
    }

    ServerProcess server;
    std::int64_t own = 0, other = 0;
    ServerProcess::Enrolled ownTerminal, otherTerminal;
};

TEST_F(DashboardAccess, EveryRouteButLoginAndStaticNeedsASession) {
    int checked = 0;
    for (const auto& route : server::dashboardRoutes()) {
        const std::string path = concrete(route.pattern, other);
        auto res = route.method == "GET" ? server.client()->Get(path.c_str())
                                         : server.client()->Post(path.c_str(), "", "application/x-www-form-urlencoded");
        ASSERT_TRUE(res) << path;
        if (!route.needsSession) {
            // The login form without its token is refused (login CSRF); with it, see below.
            if (route.method == "POST")
                EXPECT_EQ(res->status, 403) << path;
            else
                EXPECT_LT(res->status, 400) << path;
            continue;
        }
        ++checked;
        if (route.method == "GET") {
            EXPECT_EQ(res->status, 303) << path;
            EXPECT_TRUE(res->get_header_value("Location").starts_with("/login?next=")) << path;
        } else {
            EXPECT_EQ(res->status, 403) << path;
        }
        EXPECT_EQ(res->body.find(kSecretName), std::string::npos) << path;
    }
    EXPECT_GE(checked, 10);
}

TEST_F(DashboardAccess, ADpsAccountNeverSeesAnotherDpsOnAnyRoute) {
    const std::string cookie = login("dps-bob", "dps-bob-password-1");
    int checked = 0;
    for (const auto& route : server::dashboardRoutes()) {
        if (route.method != "GET" || !route.needsSession) continue;
        // With the other DPS's id where a route takes one, and with it as every parameter.
        for (const std::string& query :
             {std::string(), "?dps=" + std::to_string(other), "?year=2026&dps=" + std::to_string(other)}) {
            const std::string path = concrete(route.pattern, other) + query;
            auto res = get(path, cookie);
            ASSERT_TRUE(res) << path;
            ++checked;
            EXPECT_EQ(res->body.find(kSecretName), std::string::npos) << path;
            EXPECT_EQ(res->body.find(otherTerminal.terminalId), std::string::npos) << path;
            const bool namesTheDps =
                route.pattern.find("(\\d+)") != std::string::npos ||
                (!query.empty() && (route.pattern == "/report" || route.pattern == "/export/monthly-dps.csv"));
            if (namesTheDps) {
                EXPECT_EQ(res->status, 404) << path << " gave " << res->status;
            }
        }
    }
    EXPECT_GE(checked, 27); // 9 pages and exports, each 3 ways
    // The region's and a municipality's report are not for a dps account.
    EXPECT_EQ(get("/report?year=2026", cookie)->status, 403);
    EXPECT_EQ(get("/report?year=2026&municipality=Brussels%20%28City%29", cookie)->status, 403);
    // Its own DPS: there, with its own figures.
    auto own_page = get("/dps/" + std::to_string(own), cookie);
    EXPECT_EQ(own_page->status, 200);
    EXPECT_NE(own_page->body.find("DPS Alpha Own"), std::string::npos);
    auto csv = get("/export/monthly-dps.csv", cookie);
    EXPECT_EQ(csv->status, 200);
    EXPECT_NE(csv->body.find("DPS Alpha Own"), std::string::npos);
}

TEST_F(DashboardAccess, ARegionAccountSeesEveryDps) {
    const std::string cookie = login("region-ann", "region-password-1");
    auto overview = get("/", cookie);
    ASSERT_EQ(overview->status, 200);
    EXPECT_NE(overview->body.find(kSecretName), std::string::npos);
    EXPECT_NE(overview->body.find("DPS Alpha Own"), std::string::npos);
    EXPECT_EQ(get("/dps/" + std::to_string(other), cookie)->status, 200);
    EXPECT_EQ(get("/report?year=2026", cookie)->status, 200);
    auto csv = get("/export/monthly-dps.csv", cookie);
    EXPECT_NE(csv->body.find(kSecretName), std::string::npos);
    EXPECT_TRUE(csv->body.starts_with("month,dps_id,dps_name,municipality,visits,minutes,hours,"));
    EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
}

TEST_F(DashboardAccess, OverviewFiguresAreTheDatabaseSums) {
    const std::string cookie = login("region-ann", "region-password-1");
    auto overview = get("/", cookie);
    ASSERT_EQ(overview->status, 200);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(overview->body, m,
                                  std::regex(R"re(data-metric="visits" data-period="year" data-value="(\d+)")re")));
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(server.databasePath().c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT sum(json_extract(counters, '$.visits')) FROM usage_days", -1, &st, nullptr);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    const auto expected = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    EXPECT_EQ(expected, 7 + 11 + 40 + 25);
    EXPECT_EQ(std::stoll(m[1].str()), expected);
}

TEST_F(DashboardAccess, SmallCellsAreShownAsLessThanK) {
    const std::string cookie = login("region-ann", "region-password-1");
    // Two months ago is settled (dashboard.breakdown_delay_days is 7): its year's report has it.
    auto page = get("/report?year=" + monthStart(2).substr(0, 4) + "&dps=" + std::to_string(own), cookie);
    ASSERT_EQ(page->status, 200);
    // seniors = 2 is "<5"; job_seekers = 5 is hidden with it, or 2 could be worked out from the
    // sum of the audiences (7) shown elsewhere.
    const auto at = page->body.find(R"(data-group="by_audience")");
    ASSERT_NE(at, std::string::npos);
    const std::string section = page->body.substr(at, page->body.find("</section>", at) - at);
    EXPECT_NE(section.find("&lt;5"), std::string::npos) << section;
    EXPECT_EQ(section.find(R"(data-value="2")"), std::string::npos) << section;
    EXPECT_EQ(section.find(R"(data-value="5")"), std::string::npos) << section;
}

TEST_F(DashboardAccess, StateChangingFormsNeedTheSessionsCsrfToken) {
    const std::string cookie = login("region-ann", "region-password-1");
    const std::string csrf = csrfOf(get("/", cookie)->body);
    ASSERT_FALSE(csrf.empty());
    auto cli = server.client();
    auto forged = cli->Post("/logout", httplib::Headers{{"Cookie", cookie}}, httplib::Params{{"csrf", "forged"}});
    EXPECT_EQ(forged->status, 403);
    EXPECT_EQ(get("/", cookie)->status, 200) << "a forged logout must not end the session";
    auto lang = cli->Post("/language", httplib::Headers{{"Cookie", cookie}},
                          httplib::Params{{"csrf", csrf}, {"lang", "nl"}, {"back", "/tutorials"}});
    EXPECT_EQ(lang->status, 303);
    EXPECT_EQ(lang->get_header_value("Location"), "/tutorials");
    EXPECT_NE(get("/", cookie)->body.find(R"(<html lang="nl">)"), std::string::npos);
    auto away = cli->Post("/language", httplib::Headers{{"Cookie", cookie}},
                          httplib::Params{{"csrf", csrf}, {"lang", "fr"}, {"back", "//evil.example/"}});
    EXPECT_EQ(away->get_header_value("Location"), "/");
    auto out = cli->Post("/logout", httplib::Headers{{"Cookie", cookie}}, httplib::Params{{"csrf", csrf}});
    EXPECT_EQ(out->status, 303);
    EXPECT_EQ(get("/", cookie)->status, 303) << "the session ended with logout";
}

// The Set-Cookie headers of an answer whose name starts with prefix ("dps_session=").
std::string setCookie(const httplib::Result& res, const std::string& prefix) {
    for (std::size_t i = 0; i < res->get_header_value_count("Set-Cookie"); ++i) {
        const std::string c = res->get_header_value("Set-Cookie", i);
        if (c.starts_with(prefix)) return c;
    }
    return "";
}

TEST_F(DashboardAccess, LoginCookieFlagsErrorsAndThrottle) {
    auto good = server.postLogin("region-ann", "region-password-1");
    ASSERT_EQ(good->status, 303);
    const std::string session = setCookie(good, "dps_session=");
    EXPECT_NE(session.find("HttpOnly"), std::string::npos);
    EXPECT_NE(session.find("SameSite=Strict"), std::string::npos);
    EXPECT_EQ(session.find("Max-Age"), std::string::npos) << "a browser-session cookie";
    EXPECT_EQ(session.find("Secure"), std::string::npos) << "plain HTTP: a Secure cookie would never come back";
    // The browser is known to the account from now on, for a year: same flags.
    const std::string device = setCookie(good, "dps_device=");
    EXPECT_NE(device.find("HttpOnly"), std::string::npos) << device;
    EXPECT_NE(device.find("SameSite=Strict"), std::string::npos);
    EXPECT_NE(device.find("Max-Age=31536000"), std::string::npos);

    auto elsewhere = server.postLogin("region-ann", "region-password-1", {{"Origin", "https://evil.example"}});
    EXPECT_EQ(elsewhere->status, 403);
    EXPECT_EQ(setCookie(elsewhere, "dps_session="), "");

    auto wrong = server.postLogin("region-ann", "not-the-password");
    EXPECT_EQ(wrong->status, 200);
    EXPECT_NE(wrong->body.find(R"(role="alert")"), std::string::npos);
    EXPECT_EQ(setCookie(wrong, "dps_session="), "");
    int throttled = 0;
    for (int i = 0; i < 6; ++i) {
        auto res = server.postLogin("region-ann", "still-wrong");
        if (res->status == 429) {
            ++throttled;
            EXPECT_GT(std::stoi(res->get_header_value("Retry-After")), 0);
        }
    }
    EXPECT_GT(throttled, 0) << "failed logins must be slowed down";
    // Throttled: even the right password waits, so guessing gains nothing from the answer…
    auto right = server.postLogin("region-ann", "region-password-1");
    EXPECT_EQ(right->status, 429);
    // …but from the browser the account logged in from, it does not wait (issue 17: no lockout).
    auto known = server.postLogin("region-ann", "region-password-1", {}, device.substr(0, device.find(';')));
    EXPECT_EQ(known->status, 303);
}

// Every POST route, for both roles: without the CSRF token, with it in the query string only
// (where it would leak into logs and Referer headers), and with it as a form field or a header.
TEST_F(DashboardAccess, EveryPostNeedsItsCsrfTokenFromTheBodyOrAHeader) {
    int checked = 0;
    for (const auto& [user, password] :
         {std::pair{"region-ann", "region-password-1"}, {"dps-bob", "dps-bob-password-1"}}) {
        for (const auto& route : server::dashboardRoutes()) {
            if (route.method != "POST") continue;
            const std::string path = concrete(route.pattern, own);
            ++checked;
            if (!route.needsSession) {
                // The login form's token comes with a cookie of the login page.
                const auto form = server.loginForm();
                auto cli = server.client();
                const httplib::Params fields{{"username", user}, {"password", password}};
                EXPECT_EQ(cli->Post(path.c_str(), httplib::Headers{{"Cookie", form.cookie}}, fields)->status, 403);
                EXPECT_EQ(
                    cli->Post((path + "?csrf=" + form.csrf).c_str(), httplib::Headers{{"Cookie", form.cookie}}, fields)
                        ->status,
                    403)
                    << path;
                auto otherForm = server.loginForm();
                httplib::Params withToken = fields;
                withToken.emplace("csrf", otherForm.csrf);
                EXPECT_EQ(cli->Post(path.c_str(), httplib::Headers{{"Cookie", form.cookie}}, withToken)->status, 403)
                    << "another browser's token";
                withToken = fields;
                withToken.emplace("csrf", form.csrf);
                EXPECT_EQ(cli->Post(path.c_str(), httplib::Headers{{"Cookie", form.cookie}}, withToken)->status, 303);
                continue;
            }
            for (const int way : {0, 1, 2, 3}) {
                const std::string cookie = login(user, password);
                const std::string csrf = csrfOf(get("/", cookie)->body);
                ASSERT_FALSE(csrf.empty());
                auto cli = server.client();
                const httplib::Headers headers = way == 3 ? httplib::Headers{{"Cookie", cookie}, {"X-CSRF-Token", csrf}}
                                                          : httplib::Headers{{"Cookie", cookie}};
                httplib::Params fields{{"lang", "en"}};
                if (way == 2) fields.emplace("csrf", csrf);
                const std::string target = way == 1 ? path + "?csrf=" + csrf : path;
                auto res = cli->Post(target.c_str(), headers, fields);
                ASSERT_TRUE(res);
                EXPECT_EQ(res->status, way < 2 ? 403 : 303) << user << " " << path << " way " << way;
            }
        }
    }
    EXPECT_EQ(checked, 6); // /login, /logout, /language for each role
}

// A server whose dashboard files are missing (a packaging mistake) still takes the terminals'
// days; the dashboard is off and says nothing about anyone.
TEST(DashboardOff, WithoutItsFilesTheTerminalsStillSync) {
    ServerProcess::Options options;
    options.dashboard = "web_root = \"/nonexistent/web\"\n";
    ServerProcess server(options);
    const auto dps = server.addDps("DPS Alpha Own");
    server.start();
    const auto terminal = server.enrollNewTerminal(dps);
    auto res = server.client()->Post("/api/v1/usage", {{"Authorization", "Bearer " + terminal.token}},
                                     usageBatch({usageRecord(today(), 1, 3)}), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    auto page = server.client()->Get("/");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 404);
    EXPECT_EQ(page->body.find("DPS Alpha Own"), std::string::npos);
}

} // namespace
} // namespace dps::test
