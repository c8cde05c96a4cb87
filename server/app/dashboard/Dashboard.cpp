#include "Dashboard.h"

#include "../HttpApi.h"
#include "DashboardContext.h"
#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"

#include <fmt/core.h>
#include <httplib.h>
#include <unistd.h>

#include <ctime>
#include <fstream>
#include <sstream>

namespace dps::server {
namespace {

std::filesystem::path programDir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::current_path() : exe.parent_path();
}

// Pages are never cached (they hold a DPS's figures and the CSRF token); scripts and styles only
// come from this server, nothing may frame the dashboard.
void securityHeaders(httplib::Response& res) {
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                   "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "same-origin");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Cache-Control", "no-store");
}

std::string localDate(const Clock& clock) {
    // The server runs in the terminals' time zone (Europe/Brussels, docs/server.md), so its local
    // days and months are theirs.
    const std::time_t t = std::chrono::system_clock::to_time_t(clock.wall());
    std::tm tm{};
    localtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

bool isLanguage(const std::string& l) { return l == "fr" || l == "nl" || l == "en"; }

// A path of this site to go back to after login or a language switch: never another site's.
std::string localPath(const std::string& p) {
    if (p.empty() || p[0] != '/' || p.starts_with("//") || p.find('\\') != std::string::npos ||
        p.find_first_of("\r\n") != std::string::npos)
        return "/";
    return p;
}

// Browsers send Origin with every form POST: one from elsewhere is a cross-site request.
bool sameOrigin(const httplib::Request& req) {
    if (!req.has_header("Origin")) return true;
    const std::string origin = req.get_header_value("Origin");
    const std::string host = req.get_header_value("Host");
    return origin == "http://" + host || origin == "https://" + host;
}

// The query value of a path to come back to (letters, digits and /-._ kept, the rest %XX).
std::string encodeQueryValue(const std::string& s) {
    std::string out;
    for (const unsigned char c : s) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_')
            out += static_cast<char>(c);
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}

std::string readFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The tutorials' texts: dps-server's own copy when installed (share/dps-server/tutorials), else
// the kiosk's beside it (the build tree, or a machine with both packages).
std::filesystem::path tutorialsDirOf(const std::filesystem::path& webRoot) {
    std::error_code ec;
    const auto own = webRoot.parent_path() / "tutorials";
    if (std::filesystem::is_directory(own, ec)) return own;
    return webRoot.parent_path().parent_path() / "dps-kiosk" / "tutorials";
}

} // namespace

std::filesystem::path webRootOf(const ServerSettings& settings) {
    return settings.webRoot.empty() ? (programDir() / ".." / "share" / "dps-server" / "web").lexically_normal()
                                    : settings.webRoot;
}

const std::vector<DashboardRoute>& dashboardRoutes() {
    static const std::vector<DashboardRoute> routes = {
        {"GET", "/login", false},
        {"POST", "/login", false},
        {"POST", "/logout", true},
        {"POST", "/language", true},
        {"GET", "/", true},
        {"GET", R"(/dps/(\d+))", true},
        {"GET", "/tutorials", true},
        {"GET", "/equipment", true},
        {"GET", "/exports", true},
        {"GET", "/report", true},
        {"GET", "/export/monthly-dps.csv", true},
        {"GET", "/export/monthly-municipality.csv", true},
        {"GET", "/export/equipment.csv", true},
        {"GET", R"(/static/(.+))", false},
        {"GET", "/favicon.ico", false},
    };
    return routes;
}

Dashboard::Dashboard(ServerDb& db, const ServerSettings& settings, const Clock& clock)
    : db_(db), settings_(settings), clock_(clock), webRoot_(webRootOf(settings)),
      renderer_(webRoot_, webRoot_.parent_path() / "locale"), tutorials_(tutorialsDirOf(webRoot_)),
      auth_(db, settings, clock) {}

void Dashboard::install(httplib::Server& server) {
    auto pages = std::make_shared<Pages>(Pages{db_, settings_, renderer_, tutorials_});
    using Handler = std::function<void(Context&)>;

    // Every page: a session or the login page, the role's scope, the headers.
    auto withSession = [this, pages](Handler handler) {
        return [this, pages, handler](const httplib::Request& req, httplib::Response& res) {
            securityHeaders(res);
            const auto cookie = sessionCookieValue(req, auth_.secureCookies(req));
            auto session = cookie ? auth_.session(*cookie) : std::nullopt;
            if (!session) {
                if (req.method == "GET") {
                    res.status = 303;
                    res.set_header("Location", "/login?next=" + encodeQueryValue(req.target));
                } else {
                    res.status = 403;
                    res.set_content("Your session has ended: log in again.", "text/plain; charset=utf-8");
                }
                return;
            }
            const std::string today = localDate(clock_);
            Context ctx{
                req, res, *session, {}, session->user.language, today.substr(0, 7), today, toIsoUtc(clock_.wall())};
            if (session->user.role != "region") {
                // A dps account, or any role this version does not know: its own DPS at most.
                ctx.scope.dpsId = session->user.dpsId.value_or(-1);
            }
            if (req.method == "POST" && !csrfMatches(*session, req.get_param_value("csrf"))) {
                res.status = 403;
                res.set_content("This form has expired: go back, reload the page and try again.",
                                "text/plain; charset=utf-8");
                return;
            }
            handler(ctx);
        };
    };

    server.Get("/login", [this](const httplib::Request& req, httplib::Response& res) {
        securityHeaders(res);
        std::string lang = req.get_param_value("lang");
        if (!isLanguage(lang)) lang = "fr";
        mustache::data data;
        data.set("lang", lang);
        data.set("login", true);
        data.set("next", localPath(req.get_param_value("next")));
        for (const auto* l : {"fr", "nl", "en"})
            data.set(std::string("is_") + l, lang == l);
        res.set_content(renderer_.render("login", data, lang), "text/html; charset=utf-8");
    });
    server.Post("/login", [this](const httplib::Request& req, httplib::Response& res) {
        securityHeaders(res);
        std::string lang = req.get_param_value("lang");
        if (!isLanguage(lang)) lang = "fr";
        const std::string next = localPath(req.get_param_value("next"));
        mustache::data data;
        data.set("lang", lang);
        data.set("login", true);
        data.set("next", next);
        data.set("username", req.get_param_value("username"));
        if (!sameOrigin(req)) {
            res.status = 403;
            data.set("error_origin", true);
            res.set_content(renderer_.render("login", data, lang), "text/html; charset=utf-8");
            return;
        }
        const auto outcome = auth_.login(req.get_param_value("username"), req.get_param_value("password"),
                                         clientAddress(req, settings_.trustForwardedFor));
        if (outcome.retryAfter.count() > 0) {
            res.status = 429;
            res.set_header("Retry-After", std::to_string(outcome.retryAfter.count()));
            data.set("error_wait", true);
            data.set("seconds", std::to_string(outcome.retryAfter.count()));
            res.set_content(renderer_.render("login", data, lang), "text/html; charset=utf-8");
            return;
        }
        if (!outcome.cookieValue) {
            res.status = 200;
            data.set("error_wrong", true);
            res.set_content(renderer_.render("login", data, lang), "text/html; charset=utf-8");
            return;
        }
        res.status = 303;
        res.set_header("Set-Cookie", sessionCookieHeader(*outcome.cookieValue, auth_.secureCookies(req)));
        res.set_header("Location", next);
    });
    server.Post("/logout", withSession([this](Context& ctx) {
                    if (const auto cookie = sessionCookieValue(ctx.req, auth_.secureCookies(ctx.req)))
                        auth_.logout(*cookie);
                    ctx.res.status = 303;
                    ctx.res.set_header("Set-Cookie", clearedSessionCookieHeader(auth_.secureCookies(ctx.req)));
                    ctx.res.set_header("Location", "/login?lang=" + ctx.language);
                }));
    server.Post("/language", withSession([this](Context& ctx) {
                    const std::string lang = ctx.req.get_param_value("lang");
                    if (isLanguage(lang)) auth_.setLanguage(ctx.session.user.id, lang);
                    ctx.res.status = 303;
                    ctx.res.set_header("Location", localPath(ctx.req.get_param_value("back")));
                }));
    server.Get("/", withSession([pages](Context& ctx) { pages->overview(ctx); }));
    server.Get(R"(/dps/(\d+))", withSession([pages](Context& ctx) {
                   std::int64_t id = 0;
                   try {
                       id = std::stoll(ctx.req.matches[1].str());
                   } catch (const std::exception&) {
                       return pages->notFound(ctx);
                   }
                   pages->dps(ctx, id);
               }));
    server.Get("/tutorials", withSession([pages](Context& ctx) { pages->tutorialsPage(ctx); }));
    server.Get("/equipment", withSession([pages](Context& ctx) { pages->equipment(ctx); }));
    server.Get("/exports", withSession([pages](Context& ctx) { pages->exports(ctx); }));
    server.Get("/report", withSession([pages](Context& ctx) { pages->report(ctx); }));
    server.Get("/export/monthly-dps.csv", withSession([pages](Context& ctx) { pages->monthlyDpsCsv(ctx); }));
    server.Get("/export/monthly-municipality.csv",
               withSession([pages](Context& ctx) { pages->monthlyMunicipalityCsv(ctx); }));
    server.Get("/export/equipment.csv", withSession([pages](Context& ctx) { pages->equipmentCsv(ctx); }));

    // Browsers ask for it on every page; there is none (the page's title says what it is).
    server.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
    // The styles, scripts and chart library: public, cacheable, only from static/.
    const auto staticDir = webRoot_ / "static";
    server.Get(R"(/static/(.+))", [staticDir](const httplib::Request& req, httplib::Response& res) {
        const std::filesystem::path rel = req.matches[1].str();
        const auto file = (staticDir / rel).lexically_normal();
        const auto base = staticDir.lexically_normal().string();
        std::error_code ec;
        if (rel.string().find("..") != std::string::npos || !file.string().starts_with(base) ||
            !std::filesystem::is_regular_file(file, ec)) {
            res.status = 404;
            res.set_content("not found", "text/plain");
            return;
        }
        const auto ext = file.extension().string();
        const char* type = ext == ".css"   ? "text/css; charset=utf-8"
                           : ext == ".js"  ? "text/javascript; charset=utf-8"
                           : ext == ".svg" ? "image/svg+xml"
                           : ext == ".png" ? "image/png"
                                           : "application/octet-stream";
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Cache-Control", "public, max-age=3600");
        res.set_content(readFile(file), type);
    });
}

} // namespace dps::server
