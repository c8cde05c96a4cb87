#include "server/store/SqliteStoreHealth.h"

namespace dps::server {

void SqliteStoreHealth::ping() {
    db_.with([](storage::Database& d) { d.exec("SELECT 1"); });
}

} // namespace dps::server
