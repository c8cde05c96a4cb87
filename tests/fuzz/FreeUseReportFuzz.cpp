// libFuzzer target: whatever bytes come back on the free-use service's connection (a runner gone
// wrong, a service replaced), the kiosk's report parser gives a report or a problem, never a crash,
// an out-of-bounds read or an unbounded result, and never calls a wipe verified that the bytes do
// not say was (issue 20; kiosk/adapters/browser/ServiceProtocol.h).
//   tests/fuzz/run-freeuse-fuzz.sh [SECONDS]
#include "kiosk/adapters/browser/ServiceProtocol.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dps::kiosk::browser;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const ServiceReport report = parseServiceReport(text);
    if (size > kReportMax && report.problem.empty()) std::abort();
    if (report.error.size() > kReportLineMax || report.problem.size() > 200) std::abort();
    const auto wipe = wipeReportOf(report);
    if (wipe.verified && (report.exit != 0 || report.survivors != 0 || report.ended.empty() ||
                          text.find("survivors=0") == std::string_view::npos))
        std::abort();
    // The same bytes as a request's parts: a line comes out only without a separator in them.
    const std::size_t half = size / 2;
    if (const auto line = requestLine(text.substr(0, half), text.substr(half)))
        if (line->find('\n') != line->size() - 1 || line->size() > 2048 + 1024 + 9) std::abort();
    return 0;
}
