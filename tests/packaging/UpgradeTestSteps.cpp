// One more schema step for each database, compiled into dps-kiosk, dps-agent and dps-server only
// with -DDPS_UPGRADE_TEST_STEP=ON: the "version N+1 with a new migration" of the package upgrade
// test (tests/packaging/install_test.py, docs/packaging.md). Each step changes every row of
// the table that matters most, so that the test can tell a migrated row from a kept one, and
// writes down how many rows each table had when it ran.
#include "dps/storage/Migrations.h"

namespace {

const bool registered = [] {
    using dps::storage::registerExtraStep;
    registerExtraStep("dps-kiosk", "upgrade test: every visit marked",
                      "ALTER TABLE visits ADD COLUMN upgrade_test INTEGER NOT NULL DEFAULT 0;"
                      "UPDATE visits SET upgrade_test = 1;"
                      "CREATE TABLE upgrade_test_counts AS SELECT 'visits' AS name, count(*) AS n FROM visits;");
    registerExtraStep("dps-agent", "upgrade test: every queued record marked",
                      "ALTER TABLE outbox ADD COLUMN upgrade_test INTEGER NOT NULL DEFAULT 0;"
                      "UPDATE outbox SET upgrade_test = 1;"
                      "CREATE TABLE upgrade_test_counts AS"
                      " SELECT 'outbox' AS name, count(*) AS n FROM outbox"
                      " UNION ALL SELECT 'days', count(*) FROM days;");
    registerExtraStep("dps-server", "upgrade test: every usage day marked",
                      "ALTER TABLE usage_days ADD COLUMN upgrade_test INTEGER NOT NULL DEFAULT 0;"
                      "UPDATE usage_days SET upgrade_test = 1;"
                      "CREATE TABLE upgrade_test_counts AS"
                      " SELECT 'usage_days' AS name, count(*) AS n FROM usage_days"
                      " UNION ALL SELECT 'usage_months', count(*) FROM usage_months"
                      " UNION ALL SELECT 'terminals', count(*) FROM terminals;");
    return true;
}();

} // namespace
