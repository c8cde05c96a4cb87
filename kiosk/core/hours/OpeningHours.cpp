#include "kiosk/core/hours/OpeningHours.h"

#include <algorithm>
#include <cctype>

namespace dps::kiosk {
namespace {

using std::chrono::minutes;

std::string trim(const std::string& s) {
    const auto a = s.find_first_not_of(" \t");
    if (a == std::string::npos) return {};
    return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

// "09:00" → 540 minutes; nullopt otherwise. "24:00" is allowed as an end.
std::optional<minutes> clock(const std::string& t) {
    if (t.size() != 5 || t[2] != ':') return std::nullopt;
    for (const std::size_t i : {0U, 1U, 3U, 4U}) {
        if (!std::isdigit(static_cast<unsigned char>(t[i]))) return std::nullopt;
    }
    const int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
    return minutes(h * 60 + m);
}

// Periods of one day, in order; problem says what is wrong.
std::vector<OpeningHours::Period> periods(const std::string& text, std::string& problem) {
    std::vector<OpeningHours::Period> out;
    std::size_t start = 0;
    const std::string all = trim(text);
    if (all.empty()) return out;
    while (start <= all.size()) {
        const std::size_t comma = std::min(all.find(',', start), all.size());
        const std::string part = trim(all.substr(start, comma - start));
        start = comma + 1;
        const auto dash = part.find('-');
        const auto from = dash == std::string::npos ? std::nullopt : clock(trim(part.substr(0, dash)));
        const auto to = dash == std::string::npos ? std::nullopt : clock(trim(part.substr(dash + 1)));
        if (!from || !to) {
            problem = "\"" + part + "\" is not a period like 09:00-12:30";
            return {};
        }
        if (*from >= *to || *from >= minutes(24 * 60)) {
            problem = "\"" + part + "\" ends before it starts";
            return {};
        }
        if (!out.empty() && *from < out.back().to) {
            problem = "\"" + part + "\" starts before the previous period ends";
            return {};
        }
        out.push_back({*from, *to});
        if (comma == all.size()) break;
    }
    return out;
}

} // namespace

unsigned mondayIndex(std::chrono::weekday d) { return (d.c_encoding() + 6) % 7; }

std::string OpeningHours::checkDay(const std::string& text) {
    std::string problem;
    (void)periods(text, problem);
    return problem;
}

std::optional<OpeningHours> OpeningHours::parse(const std::array<std::string, 7>& days, std::string* problem) {
    OpeningHours h;
    h.configured_ = true;
    for (std::size_t i = 0; i < 7; ++i) {
        std::string p;
        h.week_[i] = periods(days[i], p);
        if (!p.empty()) {
            if (problem) *problem = p;
            return std::nullopt;
        }
    }
    return h;
}

bool OpeningHours::isOpen(const LocalTime& t) const { return alwaysOpen() || untilClosing(t).has_value(); }

std::optional<minutes> OpeningHours::untilClosing(const LocalTime& t) const {
    if (alwaysOpen()) return std::nullopt;
    for (const auto& p : week_[mondayIndex(t.weekday)]) {
        if (t.sinceMidnight >= p.from && t.sinceMidnight < p.to) return p.to - t.sinceMidnight;
    }
    return std::nullopt;
}

std::optional<minutes> OpeningHours::untilNextChange(const LocalTime& t) const {
    if (alwaysOpen()) return std::nullopt;
    const unsigned today = mondayIndex(t.weekday);
    for (unsigned ahead = 0; ahead < 8; ++ahead) {
        const minutes dayStart = minutes(24 * 60) * static_cast<int>(ahead);
        for (const auto& p : week_[(today + ahead) % 7]) {
            for (const minutes edge : {p.from, p.to}) {
                const minutes at = dayStart + edge - t.sinceMidnight;
                if (at > minutes(0)) return at;
            }
        }
    }
    return std::nullopt;
}

} // namespace dps::kiosk
