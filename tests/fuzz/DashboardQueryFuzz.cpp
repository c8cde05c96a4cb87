// libFuzzer target: whatever a browser (or anyone) puts in the dashboard's query and form fields
// and in X-Forwarded-For, the rules that read them (issue 17) give an answer, never a crash, an
// out-of-bounds read or an exception, and keep their promises: an export's months are real months
// from 2000-01 to 2999-12, in order, at most 120; a place to go back to is the input itself only
// when it is a plain local path, else "/"; a client key is short; a CSV field never starts a cell
// with a formula's first character.
//   tests/fuzz/run-dashboard-fuzz.sh [SECONDS]
#include "server/core/ClientKey.h"
#include "server/core/CsvField.h"
#include "server/core/ExportRange.h"
#include "server/core/LocalPath.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

namespace {

bool isMonth(const std::string& m) {
    if (m.size() != 7 || m[4] != '-') return false;
    for (std::size_t i = 0; i < 7; ++i)
        if (i != 4 && (m[i] < '0' || m[i] > '9')) return false;
    const int month = (m[5] - '0') * 10 + (m[6] - '0');
    return m >= "2000-01" && m <= "2999-12" && month >= 1 && month <= 12;
}

int index(const std::string& m) { return std::stoi(m.substr(0, 4)) * 12 + std::stoi(m.substr(5, 2)) - 1; }

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    // from, to and this month, split at the first two '&' (as a query would carry them).
    const std::size_t a = input.find('&');
    const std::string_view from = input.substr(0, a);
    const std::string_view rest = a == std::string_view::npos ? std::string_view() : input.substr(a + 1);
    const std::size_t b = rest.find('&');
    const std::string_view to = rest.substr(0, b);
    const std::string_view thisMonth = b == std::string_view::npos ? "2026-11" : rest.substr(b + 1);
    const auto range = dps::server::exportMonths(from, to, thisMonth);
    if (const auto* m = std::get_if<dps::server::ExportMonths>(&range)) {
        if (!isMonth(m->from) || !isMonth(m->to) || m->from > m->to) std::abort();
        if (index(m->to) - index(m->from) + 1 > dps::server::kMaxExportMonths) std::abort();
    } else {
        const auto& p = std::get<dps::server::ExportRangeProblem>(range);
        if (p.kind == dps::server::ExportRangeProblem::Kind::NotAMonth && p.field != "from" && p.field != "to")
            std::abort();
    }

    const std::string back = dps::server::localPathOrHome(input);
    if (back != "/" && back != input) std::abort();
    if (back.size() > 1 && (back[1] == '/' || back[1] == '\\')) std::abort();
    for (const char c : back)
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f || c == '\\') std::abort();

    if (dps::server::clientKey(input).size() > 64) std::abort();

    std::string field;
    dps::server::appendCsvField(field, input);
    const std::string_view cell = field.starts_with('"') ? std::string_view(field).substr(1) : field;
    if (!cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos) std::abort();
    return 0;
}
