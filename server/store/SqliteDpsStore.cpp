#include "server/store/SqliteDpsStore.h"

#include "dps/storage/Transaction.h"

namespace dps::server {

ImportCounts SqliteDpsStore::importByName(const std::vector<DpsRow>& rows) {
    return db_.with([&](storage::Database& d) {
        storage::Transaction tx(d);
        ImportCounts counts;
        for (const auto& r : rows) {
            auto q = d.prepare("SELECT street, postcode, municipality FROM dps WHERE name = ?1");
            q.bind(1, std::string_view(r.name));
            if (!q.step()) {
                d.prepare("INSERT INTO dps (name, street, postcode, municipality) VALUES (?1, ?2, ?3, ?4)")
                    .bind(1, std::string_view(r.name))
                    .bind(2, std::string_view(r.street))
                    .bind(3, std::string_view(r.postcode))
                    .bind(4, std::string_view(r.municipality))
                    .run();
                ++counts.added;
            } else if (q.text(0) != r.street || q.text(1) != r.postcode || q.text(2) != r.municipality) {
                d.prepare("UPDATE dps SET street = ?2, postcode = ?3, municipality = ?4 WHERE name = ?1")
                    .bind(1, std::string_view(r.name))
                    .bind(2, std::string_view(r.street))
                    .bind(3, std::string_view(r.postcode))
                    .bind(4, std::string_view(r.municipality))
                    .run();
                ++counts.updated;
            } else {
                ++counts.unchanged;
            }
        }
        tx.commit();
        return counts;
    });
}

std::vector<DpsEntry> SqliteDpsStore::list() {
    return db_.with([&](storage::Database& d) {
        auto q = d.prepare(R"sql(
SELECT p.id, p.name, p.street, p.postcode, p.municipality,
       (SELECT count(*) FROM terminals t WHERE t.dps_id = p.id AND t.state != 'revoked')
FROM dps p ORDER BY p.id)sql");
        std::vector<DpsEntry> out;
        while (q.step())
            out.push_back({q.integer(0), {q.text(1), q.text(2), q.text(3), q.text(4)}, q.integer(5)});
        return out;
    });
}

} // namespace dps::server
