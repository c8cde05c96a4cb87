#include "server/store/SqliteListingStore.h"

namespace dps::server {

std::vector<UsageListingRow> SqliteListingStore::usageDays(int days) {
    return db_.with([&](storage::Database& d) {
        auto q = d.prepare("SELECT u.date, u.terminal_id, json_extract(u.counters, '$.visits'), "
                           "json_extract(u.counters, '$.minutes'), u.rev, u.final, u.received_at, p.name "
                           "FROM usage_days u JOIN dps p ON p.id = u.dps_id "
                           "WHERE u.date >= date('now', ?1) ORDER BY u.date DESC, u.terminal_id");
        q.bind(1, std::string_view("-" + std::to_string(days) + " days"));
        std::vector<UsageListingRow> rows;
        while (q.step())
            rows.push_back({q.text(0), q.text(1), q.integer(2), q.integer(3), q.integer(4), q.integer(5) != 0,
                            q.text(6), q.text(7)});
        return rows;
    });
}

std::vector<LatestInventoryRow> SqliteListingStore::latestInventories() {
    return db_.with([&](storage::Database& d) {
        auto q = d.prepare(R"sql(
SELECT i.terminal_id, i.received_at,
       trim(coalesce(json_extract(i.document, '$.glpi.content.bios.smanufacturer'), '') || ' ' ||
            coalesce(json_extract(i.document, '$.glpi.content.bios.smodel'), '')),
       (SELECT count(*) FROM json_each(i.document, '$.glpi.content.usbdevices')
        WHERE json_extract(value, '$.vendorid') IS NOT '1d6b'),
       coalesce(json_array_length(i.document, '$.glpi.content.monitors'), 0),
       coalesce(json_array_length(i.document, '$.dps.card_readers.readers'), 0),
       coalesce(json_array_length(i.document, '$.glpi.content.printers'), 0),
       t.dps_id, p.name
FROM inventories i JOIN terminals t ON t.id = i.terminal_id JOIN dps p ON p.id = t.dps_id
ORDER BY p.name, i.terminal_id)sql");
        std::vector<LatestInventoryRow> rows;
        while (q.step())
            rows.push_back({q.text(0), q.text(1), q.text(2), q.integer(3), q.integer(4), q.integer(5), q.integer(6),
                            q.integer(7), q.text(8)});
        return rows;
    });
}

std::vector<InventoryChangeRow> SqliteListingStore::inventoryChanges(const std::string& terminalId, int days) {
    return db_.with([&](storage::Database& d) {
        auto q =
            d.prepare("SELECT c.at, c.terminal_id, t.dps_id, c.change, c.kind, c.item FROM inventory_changes c "
                      "JOIN terminals t ON t.id = c.terminal_id "
                      "WHERE c.at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?1) AND (?2 = '' OR c.terminal_id = ?2) "
                      "ORDER BY c.at DESC, c.id DESC");
        q.bind(1, std::string_view("-" + std::to_string(days) + " days")).bind(2, std::string_view(terminalId));
        std::vector<InventoryChangeRow> rows;
        while (q.step())
            rows.push_back({q.text(0), q.text(1), q.integer(2), q.text(3), q.text(4), q.text(5)});
        return rows;
    });
}

} // namespace dps::server
