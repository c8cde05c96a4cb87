// What UsageStats makes of the rows StatsReader gives (every month of a range present, the two
// guided modes added up, a DPS's terminals and sums put on its row, municipalities summed from
// the DPS rows, the silent rule), on a fake reader that returns the rows a test sets: the reads
// themselves are tested on a real server.db by the dashboard's process tests (DashboardAccessTest,
// SmallCells*Test) and EquipmentReportTest.
#include "server/services/UsageStats.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace dps::server {
namespace {

struct FakeStatsReader : StatsReader {
    std::vector<MonthMetricSum> modeSums, prefixMonthSums;
    std::vector<DpsIdentity> dps;
    std::vector<DpsTerminalCount> terminalCounts;
    std::vector<DpsMetricSum> visitsAndMinutes, prefixDpsSums;
    std::vector<MunicipalityEntry> municipalityRows;
    std::vector<TerminalHealth> terminalRows;
    std::string silentAsked;

    std::int64_t dataVersion() override { return 0; }
    std::string breakdownVersion(const std::string&, const std::string&) override { return ""; }
    std::vector<DpsIdentity> dpsByName(const Scope&) override { return dps; }
    std::vector<DpsIdentity> dpsByMunicipality() override { return dps; }
    std::optional<DpsAddress> dpsAddress(std::int64_t) override { return std::nullopt; }
    std::vector<MunicipalityEntry> municipalities(const Scope&) override { return municipalityRows; }
    std::vector<MonthMetricSum> modeSumsPerMonth(const Scope&, const std::string&, const std::string&) override {
        return modeSums;
    }
    std::vector<DpsMetricSum> visitsAndMinutesPerDps(const Scope&, const std::string&, const std::string&,
                                                     const std::string&) override {
        return visitsAndMinutes;
    }
    std::vector<DpsMetricSum> prefixSumsPerDps(const Scope&, const std::string&, const std::string&,
                                               const std::string&) override {
        return prefixDpsSums;
    }
    std::vector<MonthMetricSum> prefixSumsPerMonth(const Scope&, const std::string&, const std::string&,
                                                   const std::string&) override {
        return prefixMonthSums;
    }
    std::vector<DpsTerminalCount> activeTerminalsPerDps(const Scope&, const std::string& silentBefore) override {
        silentAsked = silentBefore;
        return terminalCounts;
    }
    std::vector<TerminalHealth> terminals(const Scope&) override { return terminalRows; }
    void eachParkTerminal(const Scope&, const std::function<void(ParkTerminal&)>&) override {}
    std::vector<EquipmentChange> parkChanges(const Scope&, std::int64_t) override { return {}; }
};

TEST(UsageStats, MonthsHasEveryMonthOfTheRangeAndAddsTheTwoGuidedModes) {
    FakeStatsReader reader;
    reader.modeSums = {{"2025-12", "visits", 7},
                       {"2025-12", "by_mode.guided_individual", 2},
                       {"2025-12", "by_mode.guided_group", 3},
                       {"2025-12", "group_participants", 9},
                       {"2026-02", "minutes", 40},
                       {"2026-02", "by_mode.free", 1}};
    UsageStats stats(reader);
    const auto months = stats.months(Scope{}, "2025-11", "2026-02");
    ASSERT_EQ(months.size(), 4u);
    EXPECT_EQ(months[0].month, "2025-11");
    EXPECT_EQ(months[0].visits, 0);
    EXPECT_EQ(months[1].month, "2025-12");
    EXPECT_EQ(months[1].visits, 7);
    EXPECT_EQ(months[1].guided, 5);
    EXPECT_EQ(months[1].groupParticipants, 9);
    EXPECT_EQ(months[2].month, "2026-01");
    EXPECT_EQ(months[2].minutes, 0);
    EXPECT_EQ(months[3].minutes, 40);
    EXPECT_EQ(months[3].free, 1);
}

TEST(UsageStats, AMonthOutsideTheRangeIsAnErrorNotARowMadeUp) {
    FakeStatsReader reader;
    reader.modeSums = {{"2027-01", "visits", 1}};
    UsageStats stats(reader);
    EXPECT_THROW((void)stats.months(Scope{}, "2026-01", "2026-02"), std::out_of_range);
}

TEST(UsageStats, PerDpsPutsTerminalsAndSumsOnTheirDpsAndIgnoresOthers) {
    FakeStatsReader reader;
    reader.dps = {{4, "Bibliothèque", "Ixelles"}, {2, "Maison", "Schaerbeek"}};
    reader.terminalCounts = {{2, 3, 1}, {99, 5, 5}};
    reader.visitsAndMinutes = {{4, "visits", 10, 4}, {4, "minutes", 300, 120}, {99, "visits", 1000, 1}};
    UsageStats stats(reader);
    const auto rows = stats.perDps(Scope{}, "2026-01", "2026-03", "2026-03", "2026-03-01T00:00:00Z");
    EXPECT_EQ(reader.silentAsked, "2026-03-01T00:00:00Z");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].dpsId, 4);
    EXPECT_EQ(rows[0].visits, 10);
    EXPECT_EQ(rows[0].monthVisits, 4);
    EXPECT_EQ(rows[0].minutes, 300);
    EXPECT_EQ(rows[0].monthMinutes, 120);
    EXPECT_EQ(rows[0].terminals, 0);
    EXPECT_EQ(rows[1].dpsId, 2);
    EXPECT_EQ(rows[1].terminals, 3);
    EXPECT_EQ(rows[1].silentTerminals, 1);
    EXPECT_EQ(rows[1].visits, 0);

    reader.municipalityRows = {{"Ixelles", "Ixelles", "Elsene", 1}, {"Schaerbeek", "Schaerbeek", "Schaarbeek", 1}};
    const auto ms = stats.perMunicipality(Scope{}, rows);
    ASSERT_EQ(ms.size(), 2u);
    EXPECT_EQ(ms[0].name("nl"), "Elsene");
    EXPECT_EQ(ms[0].visits, 10);
    EXPECT_EQ(ms[0].monthMinutes, 120);
    EXPECT_EQ(ms[1].dpsCount, 1);
    EXPECT_EQ(ms[1].visits, 0);
}

TEST(UsageStats, AnActiveTerminalLastSeenBeforeTheLimitOrNeverIsSilentAPendingOneNever) {
    FakeStatsReader reader;
    reader.terminalRows.resize(4);
    reader.terminalRows[0].state = "active";
    reader.terminalRows[0].lastSeen = "2026-03-01T10:00:00Z";
    reader.terminalRows[1].state = "active";
    reader.terminalRows[1].lastSeen = "2026-02-27T10:00:00Z";
    reader.terminalRows[2].state = "active"; // never heard from: lastSeen ""
    reader.terminalRows[3].state = "pending";
    UsageStats stats(reader);
    const auto rows = stats.terminals(Scope{}, "2026-02-28T00:00:00Z");
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_FALSE(rows[0].silent);
    EXPECT_TRUE(rows[1].silent);
    EXPECT_TRUE(rows[2].silent);
    EXPECT_FALSE(rows[3].silent);
}

TEST(UsageStats, SumsPerMonthAndPerDpsKeepEachMetric) {
    FakeStatsReader reader;
    reader.prefixMonthSums = {{"2026-02", "eid_checks.ok", 3}, {"2026-02", "eid_checks.no_reader", 1}};
    reader.prefixDpsSums = {{4, "by_purpose.learning", 6, 0}, {4, "by_purpose.admin", 2, 0}};
    UsageStats stats(reader);
    const auto perMonth = stats.sumsPerMonth(Scope{}, "2026-01", "2026-02", "eid_checks.");
    ASSERT_EQ(perMonth.size(), 2u);
    EXPECT_TRUE(perMonth[0].second.empty());
    EXPECT_EQ(perMonth[1].second.at("eid_checks.no_reader"), 1);
    const auto perDps = stats.sumsPerDps(Scope{}, "2026-01", "2026-02", "by_purpose.");
    EXPECT_EQ(group(perDps.at(4), "by_purpose"), (std::map<std::string, std::int64_t>{{"admin", 2}, {"learning", 6}}));
}

} // namespace
} // namespace dps::server
