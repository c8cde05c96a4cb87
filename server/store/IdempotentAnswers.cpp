#include "server/store/IdempotentAnswers.h"

namespace dps::server {
namespace {

std::string routeKey(std::string_view route, const std::string& key) { return std::string(route) + ":" + key; }

} // namespace

std::optional<StoredAnswer> storedAnswer(storage::Database& d, const Terminal& terminal, std::string_view route,
                                         const std::string& key) {
    auto q = d.prepare("SELECT status, body FROM idempotent_answers WHERE terminal_id = ?1 AND key = ?2");
    q.bind(1, std::string_view(terminal.id)).bind(2, std::string_view(routeKey(route, key)));
    if (!q.step()) return std::nullopt;
    return StoredAnswer{static_cast<int>(q.integer(0)), q.text(1), true};
}

void keepAnswer(storage::Database& d, const Terminal& terminal, std::string_view route, const std::string& key,
                const StoredAnswer& answer, const std::string& at) {
    d.prepare("INSERT INTO idempotent_answers (terminal_id, key, status, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, std::string_view(terminal.id))
        .bind(2, std::string_view(routeKey(route, key)))
        .bind(3, std::int64_t{answer.status})
        .bind(4, std::string_view(answer.body))
        .bind(5, std::string_view(at))
        .run();
}

} // namespace dps::server
