#pragma once
#include "kiosk/core/freeuse/BrowserSession.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

// The free-use service's connection (packaging/free-use/dps-free-use-serve; docs/free-use.md "How
// the kiosk starts a session"): the kiosk writes one request line, the service answers with the
// session runner's report when the session is over, then closes. The kiosk closing its side means
// Finish.
namespace dps::kiosk::browser {

// The request: "start URL SOCKET\n". Neither may hold a space or a control character (the line's
// separators); the URL is the start page's encoded address. nullopt: they cannot be sent.
std::optional<std::string> requestLine(std::string_view url, std::string_view waylandSocket);

// Limits of what the kiosk reads back: the report is a dozen short lines.
inline constexpr std::size_t kReportMax = 4096, kReportLinesMax = 32, kReportLineMax = 200;

// What the service said, one `key=value` a line (dps-free-use-session's report, then the service's
// own `exit=N`, or `error=TEXT` and `exit=2` when it refused the request).
struct ServiceReport {
    std::string ended; // stop | closed | crashed; "" when the runner never reported
    long long browserStarts = -1, processesEnded = -1, filesWiped = -1, bytesWiped = -1;
    long long survivors = -1;    // processes of the visitor's user left anywhere; -1: not said
    long long pagesPrinted = -1; // pages of the session's print jobs (their jobs were cancelled); -1: not said
    int usbUsed = -1;            // 1: a USB stick was mounted (and unmounted at the wipe); -1: not said
    int eidUsed = -1;            // 1: the e-ID module logged in to a card in the browser, 0: not; -1: not said
    long long exit = -1;         // the runner's exit status; -1: the service never said
    std::string error;           // the service's refusal, for the log
    std::string problem;         // what is wrong with the report itself ("" when nothing)
};

// Reads a report, at most kReportMax bytes; an unknown key, a line without '=' or a number out of
// range is a problem (said with its line number), the rest is still read.
ServiceReport parseServiceReport(std::string_view text);

// The wipe as the kiosk's core sees it: verified only when the runner said so (exit 0, no
// survivor, an end it knows) and the report itself is sound.
WipeReport wipeReportOf(const ServiceReport& report);

} // namespace dps::kiosk::browser
