#include "kiosk/adapters/browser/ServiceProtocol.h"

#include <algorithm>
#include <charconv>

namespace dps::kiosk::browser {
namespace {

bool lineSafe(std::string_view s) {
    return !s.empty() && std::none_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f;
    });
}

// A count of the report: decimal digits only, at most 18 (no sign, no overflow).
std::optional<long long> count(std::string_view value) {
    // Digits only: from_chars takes "-0" for 0, and the runner never writes a sign.
    if (value.empty() || value.size() > 18 ||
        !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    long long n = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || n < 0) return std::nullopt;
    return n;
}

void note(ServiceReport& report, std::size_t line, const std::string& what) {
    // The first problem is the one worth reading; the rest follow from it more often than not.
    if (report.problem.empty()) report.problem = "line " + std::to_string(line) + ": " + what;
}

} // namespace

std::optional<std::string> requestLine(std::string_view url, std::string_view waylandSocket) {
    if (!lineSafe(url) || !lineSafe(waylandSocket) || url.size() > 2048 || waylandSocket.size() > 1024)
        return std::nullopt;
    return "start " + std::string(url) + " " + std::string(waylandSocket) + "\n";
}

ServiceReport parseServiceReport(std::string_view text) {
    ServiceReport report;
    if (text.size() > kReportMax) {
        report.problem = "the report is longer than " + std::to_string(kReportMax) + " bytes";
        text = text.substr(0, kReportMax);
    }
    std::size_t lineNo = 0;
    while (!text.empty()) {
        const std::size_t eol = text.find('\n');
        const std::string_view line = text.substr(0, eol);
        text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
        if (++lineNo > kReportLinesMax) {
            note(report, lineNo, "more than " + std::to_string(kReportLinesMax) + " lines");
            break;
        }
        if (line.size() > kReportLineMax) {
            note(report, lineNo, "longer than " + std::to_string(kReportLineMax) + " bytes");
            continue;
        }
        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos) {
            note(report, lineNo, "no '=' (a report line is key=value)");
            continue;
        }
        const std::string_view key = line.substr(0, eq), value = line.substr(eq + 1);
        if (key == "ended") {
            if (value == "stop" || value == "closed" || value == "crashed")
                report.ended = value;
            else
                note(report, lineNo, "ended is not stop, closed or crashed");
            continue;
        }
        if (key == "usb_used" || key == "eid_used") {
            int& flag = key == "usb_used" ? report.usbUsed : report.eidUsed;
            if (value == "0" || value == "1")
                flag = value == "1" ? 1 : 0;
            else
                note(report, lineNo, std::string(key) + " is not 0 or 1");
            continue;
        }
        if (key == "error") {
            report.error = value;
            continue;
        }
        long long* field = key == "browser_starts"    ? &report.browserStarts
                           : key == "processes_ended" ? &report.processesEnded
                           : key == "files_wiped"     ? &report.filesWiped
                           : key == "bytes_wiped"     ? &report.bytesWiped
                           : key == "survivors"       ? &report.survivors
                           : key == "pages_printed"   ? &report.pagesPrinted
                           : key == "exit"            ? &report.exit
                                                      : nullptr;
        if (!field) {
            note(report, lineNo, "unknown key '" + std::string(key.substr(0, 40)) + "'");
            continue;
        }
        const auto n = count(value);
        if (!n)
            note(report, lineNo, std::string(key) + " is not a count");
        else
            *field = *n;
    }
    return report;
}

WipeReport wipeReportOf(const ServiceReport& report) {
    WipeReport wipe;
    wipe.verified = report.problem.empty() && report.error.empty() && report.exit == 0 && report.survivors == 0 &&
                    !report.ended.empty() && report.processesEnded >= 0 && report.filesWiped >= 0;
    // What the runner does (docs/free-use.md): the session's processes and its tmpfs home; the
    // session's print jobs when it says how many pages they printed (it cancels the rest first);
    // USB sticks when it says whether one was used (it unmounts them before the home goes).
    if (wipe.verified) wipe.wiped = {"processes", "home"};
    if (wipe.verified && report.pagesPrinted >= 0) wipe.wiped.push_back("print jobs");
    if (wipe.verified && report.usbUsed >= 0) wipe.wiped.push_back("usb");
    // Kept verified or not: the visit records the stick's use either way.
    wipe.usbUsed = report.usbUsed == 1;
    wipe.pagesPrinted = static_cast<int>(std::clamp<long long>(report.pagesPrinted, 0, 1'000'000));
    // The module's mark of a login, read by the runner (docs/eid-pkcs11.md "eid_used"): a fact for
    // the visit record, whatever the wipe's verdict.
    wipe.eidUsed = report.eidUsed == 1;
    return wipe;
}

} // namespace dps::kiosk::browser
