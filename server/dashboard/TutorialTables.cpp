#include "server/dashboard/TutorialTables.h"

#include "server/dashboard/Presentation.h"

#include <fmt/core.h>

#include <map>

namespace dps::server {
namespace {

mustache::data cell(const ShownCell& c, int k, const std::string& language) {
    auto out = shownCell(c, false, k, language);
    out.set("code", c.code);
    return out;
}

// Completed out of started, in whole percent, when both are shown as they are.
void setRate(mustache::data& row, const ShownCell& started, const ShownCell& completed) {
    if (started.shown == Shown::Value && completed.shown == Shown::Value && started.value > 0) {
        const std::int64_t percent = completed.value * 100 / started.value;
        row.set("rate", fmt::format("{} %", percent));
        row.set("rate_raw", std::to_string(percent));
    } else {
        row.set("rate", std::string("–"));
    }
}

std::string levelLabel(int level) { return level > 0 ? std::to_string(level) : std::string("–"); }

} // namespace

mustache::data tutorialTables(const std::string& language, const BreakdownTables& tables, const Scope& area,
                              const TutorialCatalogue& catalogue, int k) {
    mustache::data out;
    out.set("period", tables.period().from + ".." + tables.period().to);
    const auto shown = tables.find(kTutorialsGroup, area);
    if (!shown || tables.tutorials().empty()) {
        out.set("withheld", false);
        out.set("empty", true);
        return out;
    }
    std::map<std::string, const ShownCell*> byCode;
    bool empty = true;
    for (const auto& c : shown->cells) {
        byCode[c.code] = &c;
        empty = empty && c.shown == Shown::Value && c.value == 0;
    }
    out.set("withheld", shown->withheld);
    out.set("empty", !shown->withheld && empty);
    if (shown->withheld) return out; // nothing of it, not even which tutorials were at 0
    const auto at = [&byCode](const std::string& code) -> const ShownCell& { return *byCode.at(code); };

    mustache::list levels;
    for (const int level : tables.tutorialLevels()) {
        const ShownCell& started = at(levelCell(level, "started"));
        const ShownCell& completed = at(levelCell(level, "completed"));
        mustache::data row;
        row.set("level", std::to_string(level));
        row.set("label", levelLabel(level));
        mustache::list cells{cell(started, k, language), cell(completed, k, language)};
        row.set("cells", cells);
        setRate(row, started, completed);
        levels.push_back(row);
    }
    out.set("has_levels", !levels.empty());
    out.set("level_rows", levels);

    mustache::list rows;
    for (const auto& t : tables.tutorials()) {
        const ShownCell& started = at(tutorialCell(t.id, "started"));
        const ShownCell& completed = at(tutorialCell(t.id, "completed"));
        mustache::data row;
        row.set("id", t.id);
        row.set("title", catalogue.title(t.id, language));
        row.set("level", levelLabel(t.level));
        mustache::list cells{cell(started, k, language), cell(completed, k, language),
                             cell(at(tutorialCell(t.id, "left")), k, language)};
        row.set("cells", cells);
        setRate(row, started, completed);
        rows.push_back(row);
    }
    out.set("tutorial_rows", rows);
    return out;
}

} // namespace dps::server
