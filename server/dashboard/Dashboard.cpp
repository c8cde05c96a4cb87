#include "server/dashboard/Dashboard.h"

#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"
#include "dps/program/InstallFolder.h"
#include "server/core/LocalPath.h"
#include "server/dashboard/DashboardContext.h"
#include "server/http/HttpApi.h"
#include "server/http/StaffCookies.h"

#include <fmt/core.h>
#include <httplib.h>
#include <unistd.h>

#include <ctime>
#include <fstream>
#include <sstream>

namespace dps::server {
namespace {

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

// A form's field from the request's body only (application/x-www-form-urlencoded), never from
// the query string: a token or a password in a URL ends up in logs, histories and Referer
// headers, and a link can carry it.
std::string formField(const httplib::Request& req, const char* name) {
    const std::string type = req.get_header_value("Content-Type");
    if (!type.starts_with("application/x-www-form-urlencoded")) return {};
    httplib::Params fields;
    httplib::detail::parse_query_text(req.body, fields);
    const auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second;
}

// The CSRF token of a POST: the X-CSRF-Token header (scripts) or the form's csrf field.
std::string submittedCsrf(const httplib::Request& req) {
    if (req.has_header("X-CSRF-Token")) return req.get_header_value("X-CSRF-Token");
    return formField(req, "csrf");
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

// A static file's bytes, for the route that has just checked it is there.
std::string readStaticFile(const std::filesystem::path& file) {
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

std::filesystem::path webRootOf(const DashboardSettings& settings) {
    return settings.webRoot.empty() ? program::shareFolder("dps-server") / "web" : settings.webRoot;
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

Dashboard::Dashboard(StaffStore& staff, StatsStore& stats, const DashboardSettings& settings, const Clock& clock)
    : stats_(stats), settings_(settings), clock_(clock), webRoot_(webRootOf(settings)),
      renderer_(webRoot_, webRoot_.parent_path() / "locale"), tutorials_(tutorialsDirOf(webRoot_)),
      auth_(staff, settings.staffAuth, clock) {}

void Dashboard::install(httplib::Server& server) {
    auto pages = std::make_shared<Pages>(Pages{stats_, settings_, renderer_, tutorials_});
    using Handler = std::function<void(Context&)>;

    // Every page: a session or the login page, the role's scope, the headers.
    auto withSession = [this, pages](Handler handler) {
        return [this, pages, handler](const httplib::Request& req, httplib::Response& res) {
            securityHeaders(res);
            const auto cookie = sessionCookieValue(req, secureCookies(auth_, req));
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
            if (session->user.role != Role::Region) {
                // A dps account: its own DPS at most (none, were its DPS missing).
                ctx.scope.dpsId = session->user.dpsId.value_or(-1);
            }
            if (req.method == "POST" && !csrfMatches(*session, submittedCsrf(req))) {
                res.status = 403;
                res.set_content("This form has expired: go back, reload the page and try again.",
                                "text/plain; charset=utf-8");
                return;
            }
            handler(ctx);
        };
    };

    installLogin(server);
    server.Post("/logout", withSession([this](Context& ctx) {
                    if (const auto cookie = sessionCookieValue(ctx.req, secureCookies(auth_, ctx.req)))
                        auth_.logout(*cookie);
                    ctx.res.status = 303;
                    ctx.res.set_header("Set-Cookie", clearedSessionCookieHeader(secureCookies(auth_, ctx.req)));
                    ctx.res.set_header("Location", "/login?lang=" + ctx.language);
                }));
    server.Post("/language", withSession([this](Context& ctx) {
                    const std::string lang = formField(ctx.req, "lang");
                    if (isLanguage(lang)) auth_.setLanguage(ctx.session.user.id, lang);
                    ctx.res.status = 303;
                    ctx.res.set_header("Location", localPathOrHome(formField(ctx.req, "back")));
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
        res.set_content(readStaticFile(file), type);
    });
}

// GET and POST /login: the form, and the login itself (throttled, against login CSRF).
void Dashboard::installLogin(httplib::Server& server) {
    // The login page, with a fresh form token: a cookie of its own and the field that goes with it.
    auto loginPage = [this](const httplib::Request& req, httplib::Response& res, const std::string& lang,
                            const std::string& next, const std::string& username, const char* error) {
        const auto token = auth_.newLoginFormToken();
        res.set_header("Set-Cookie", loginFormCookieHeader(token.cookieValue, secureCookies(auth_, req)));
        mustache::data data;
        data.set("lang", lang);
        data.set("login", true);
        data.set("next", next);
        data.set("csrf", token.field);
        if (!username.empty()) data.set("username", username);
        if (error != nullptr) data.set(error, true);
        for (const auto* l : {"fr", "nl", "en"})
            data.set(std::string("is_") + l, lang == l);
        return data;
    };
    server.Get("/login", [this, loginPage](const httplib::Request& req, httplib::Response& res) {
        securityHeaders(res);
        std::string lang = req.get_param_value("lang");
        if (!isLanguage(lang)) lang = "fr";
        auto data = loginPage(req, res, lang, localPathOrHome(req.get_param_value("next")), "", nullptr);
        res.set_content(renderer_.render("login", data, lang), "text/html; charset=utf-8");
    });
    server.Post("/login", [this, loginPage](const httplib::Request& req, httplib::Response& res) {
        securityHeaders(res);
        std::string lang = formField(req, "lang");
        if (!isLanguage(lang)) lang = "fr";
        const std::string next = localPathOrHome(formField(req, "next"));
        const std::string username = formField(req, "username");
        const auto again = [&](int status, const char* error, const std::string& seconds = "") {
            res.status = status;
            auto data = loginPage(req, res, lang, next, username, error);
            if (!seconds.empty()) data.set("seconds", seconds);
            res.set_content(renderer_.render("login", data, lang), "text/html; charset=utf-8");
        };
        if (!sameOrigin(req)) return again(403, "error_origin");
        // Origin alone lets through a request without one (older browsers, some privacy settings):
        // the form's token must come back with the cookie it was made with (login CSRF).
        if (!auth_.loginFormTokenMatches(cookieValue(req, kLoginFormCookie).value_or(""), formField(req, "csrf")))
            return again(403, "error_expired");
        const auto outcome =
            auth_.login(username, formField(req, "password"), clientAddress(req, settings_.staffAuth.trustForwardedFor),
                        cookieValue(req, kDeviceCookie));
        if (outcome.busy) {
            res.set_header("Retry-After", "2");
            return again(503, "error_busy");
        }
        if (outcome.retryAfter.count() > 0) {
            const std::string seconds = std::to_string(outcome.retryAfter.count());
            res.set_header("Retry-After", seconds);
            return again(429, "error_wait", seconds);
        }
        if (!outcome.cookieValue) return again(200, "error_wrong");
        const bool secure = secureCookies(auth_, req);
        res.status = 303;
        res.set_header("Set-Cookie", sessionCookieHeader(*outcome.cookieValue, secure));
        if (outcome.deviceCookieValue)
            res.set_header("Set-Cookie", deviceCookieHeader(*outcome.deviceCookieValue, secure));
        res.set_header("Location", next);
    });
}

} // namespace dps::server
