#include "server/dashboard/Presentation.h"

#include "dps/i18n/Catalog.h"

#include <fmt/core.h>

#include <map>

namespace dps::server {

using i18n::N_;

namespace {

struct Labelled {
    const char* code;
    const char* label;
};

const std::map<std::string, std::vector<Labelled>>& labels() {
    // A guided session's purposes and a free-use visitor's answer to "what did you come for?"
    // are the same codes (docs/visit-log.md).
    static const std::vector<Labelled> purposes = {
        {"learning", N_("Learning")},           {"administrative", N_("Administrative procedures")},
        {"job_search", N_("Job search")},       {"banking", N_("Online banking")},
        {"eid_help", N_("Help with the e-ID")}, {"other", N_("Other")}};
    static const std::map<std::string, std::vector<Labelled>> all = {
        {"by_mode",
         {{"free", N_("Free use")},
          {"guided_individual", N_("Individual guided session")},
          {"guided_group", N_("Group session")}}},
        {"by_language", {{"fr", N_("French")}, {"nl", N_("Dutch")}, {"en", N_("English")}}},
        {"by_purpose", purposes},
        {"came_for", purposes},
        {"by_audience",
         {{"job_seekers", N_("Job-seekers")},
          {"young_people", N_("Young people")},
          {"seniors", N_("Seniors")},
          {"disabilities", N_("People with disabilities")},
          {"precarious", N_("People in precarious situations")},
          {"women", N_("Women")}}},
        {"helped", {{"yes", N_("Yes")}, {"somewhat", N_("Somewhat")}, {"no", N_("No")}}},
        {"autonomy",
         {{"alone", N_("Managed alone")},
          {"some_help", N_("Needed some help")},
          {"full_help", N_("Needed full help")}}},
        {"referral",
         {{"municipality", N_("Municipality")},
          {"cpas", N_("CPAS / OCMW")},
          {"employment_service", N_("Employment service")},
          {"association", N_("Association")},
          {"none", N_("No referral")}}},
        {"length",
         {{"lt5", N_("Under 5 minutes")},
          {"5-15", N_("5 to 15 minutes")},
          {"15-30", N_("15 to 30 minutes")},
          {"30-60", N_("30 to 60 minutes")},
          {"ge60", N_("An hour or more")}}},
        {"by_end_reason",
         {{"finished", N_("Finished by the visitor")},
          {"idle_timeout", N_("Left without finishing")},
          {"facilitator_ended", N_("Ended by a facilitator")},
          {"closing_time", N_("Closing time")},
          {"shutdown", N_("Terminal stopped")},
          {"interrupted", N_("Interrupted (power cut, crash)")}}},
        {"eid_checks",
         {{"card_valid", N_("Card works")},
          {"card_expiring_soon", N_("Card expires soon")},
          {"card_expired", N_("Card expired")},
          {"card_missing", N_("No card in the reader")},
          {"card_mute", N_("Card does not answer")},
          {"card_removed", N_("Card taken out during the check")},
          {"card_read_error", N_("Reader error: card could not be read")},
          {"reader_missing", N_("No reader connected")},
          {"service_unavailable", N_("Card service not working")},
          {"clock_wrong", N_("Computer clock wrong")},
          {"not_belgian_eid", N_("Not a Belgian e-ID")},
          {"card_not_personalised", N_("Card not activated yet")},
          {"card_not_yet_valid", N_("Card not valid yet")},
          {"certificate_missing", N_("Certificate missing")},
          {"certificate_expired", N_("Certificates expired")},
          {"certificate_chain_invalid", N_("Certificates could not be verified")},
          {"signing_certificate_absent_normal", N_("Works, cannot sign (child's card)")},
          {"auth_certificate_absent_child", N_("Child's card, cannot log in yet")},
          {"pin_tries_unknown", N_("Works, PIN tries unknown")},
          {"pin_ok", N_("Works, PIN not blocked")},
          {"pin_blocked", N_("PIN blocked")}}},
        {"pin_tests",
         {{"pin_right", N_("PIN right")},
          {"pin_wrong", N_("PIN wrong")},
          {"pin_blocked", N_("PIN blocked")},
          {"pin_entry_cancelled", N_("No PIN typed")},
          {"card_removed", N_("Card taken out during the test")}}},
        {"free_use_eid", {{"used", N_("e-ID used in the browser")}, {"not_used", N_("e-ID not used")}}},
        {"free_use_usb", {{"used", N_("USB stick used")}, {"not_used", N_("No USB stick")}}},
        {"equipment_problems",
         {{"printer", N_("Printer")},
          {"card_reader", N_("Card reader")},
          {"screen", N_("Screen")},
          {"keyboard", N_("Keyboard")},
          {"mouse", N_("Mouse")},
          {"network", N_("Network")}}},
    };
    return all;
}

std::string grouped(std::int64_t n, const char* separator) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

} // namespace

std::string formatNumber(std::int64_t n, const std::string& language) {
    // French groups with a narrow no-break space, Dutch with a dot, English with a comma.
    if (language == "fr") return grouped(n, "\u202f");
    if (language == "nl") return grouped(n, ".");
    return grouped(n, ",");
}

std::string formatHours(std::int64_t minutes, const std::string& language) {
    const std::int64_t tenths = (minutes * 10 + 30) / 60;
    return formatNumber(tenths / 10, language) + (language == "en" ? "." : ",") + std::to_string(tenths % 10);
}

std::string monthLabel(const PageRenderer& r, const std::string& month, const std::string& language) {
    static const char* const names[] = {N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
                                        N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};
    const int m = std::stoi(month.substr(5, 2));
    return r.tr(language, names[m - 1]) + " " + month.substr(0, 4);
}

std::string instantLabel(const std::string& iso) {
    if (iso.size() < 16) return iso;
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

const std::vector<std::string>& knownCodes(const std::string& group) {
    static const std::map<std::string, std::vector<std::string>> codes = [] {
        std::map<std::string, std::vector<std::string>> out;
        for (const auto& [name, list] : labels())
            for (const auto& l : list)
                out[name].push_back(l.code);
        return out;
    }();
    static const std::vector<std::string> none;
    const auto it = codes.find(group);
    return it == codes.end() ? none : it->second;
}

const char* codeLabel(const std::string& group, const std::string& code) {
    const auto it = labels().find(group);
    if (it != labels().end())
        for (const auto& l : it->second)
            if (code == l.code) return l.label;
    return nullptr;
}

mustache::data shownCell(const ShownCell& cell, bool withheld, int k, const std::string& language) {
    mustache::data out;
    if (withheld || cell.shown == Shown::Hidden) {
        out.set("text", std::string("–"));
        out.set("hidden", true);
    } else if (cell.shown == Shown::LessThanK) {
        out.set("text", "<" + std::to_string(k));
        out.set("small", true);
    } else {
        out.set("text", formatNumber(cell.value, language));
        out.set("raw", std::to_string(cell.value));
    }
    return out;
}

std::string periodLabel(const PageRenderer& r, const std::string& from, const std::string& to,
                        const std::string& language) {
    if (from.ends_with("-01") && to.ends_with("-12") && from.substr(0, 4) == to.substr(0, 4)) return from.substr(0, 4);
    return monthLabel(r, from, language) + " – " + monthLabel(r, to, language);
}

mustache::data protectedBreakdown(const PageRenderer& r, const std::string& language, const std::string& group,
                                  const ProtectedBreakdown& shown, int k, const std::string& title,
                                  const std::string& from, const std::string& to) {
    mustache::data out;
    out.set("title", title);
    out.set("group", group);
    out.set("period", from + ".." + to);
    bool empty = true;
    for (const auto& c : shown.cells)
        empty = empty && c.shown == Shown::Value && c.value == 0;
    out.set("withheld", shown.withheld);
    out.set("empty", !shown.withheld && empty);
    mustache::list rows;
    for (const auto& cell : shown.cells) {
        const char* label = codeLabel(group, cell.code);
        auto row = shownCell(cell, shown.withheld, k, language);
        row.set("code", cell.code);
        row.set("label", label ? r.tr(language, label) : cell.code);
        rows.push_back(row);
    }
    out.set("rows", rows);
    out.set("k", std::to_string(k));
    return out;
}

} // namespace dps::server
