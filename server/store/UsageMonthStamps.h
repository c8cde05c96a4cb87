#pragma once
// Which months of usage_months this dps-server changed, in the order it changed them: what the
// dashboard works out from a range of months (its protected breakdowns) is kept for as long as
// none of those months changed. Ingest, the only writer of usage in dps-server, notes every month
// a batch touched. Another process's writes are not seen here (the dashboard also asks SQLite's
// data_version for those).
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace dps::server {

class UsageMonthStamps {
public:
    void changed(const std::set<std::string>& months);
    // The latest change to a month from..to (YYYY-MM); 0 when none changed since the start.
    [[nodiscard]] std::uint64_t stamp(const std::string& from, const std::string& to) const;

private:
    mutable std::mutex mutex_;
    std::uint64_t counter_ = 0;
    std::map<std::string, std::uint64_t> months_;
};

} // namespace dps::server
