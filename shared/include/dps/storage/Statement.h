#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3_stmt;

namespace dps::storage {

class Database;

// A prepared statement; parameters are numbered from 1, columns from 0, as in SQLite.
class Statement {
public:
    Statement(const Database& db, sqlite3_stmt* stmt) : db_(&db), stmt_(stmt) {}
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bindNull(int index);
    Statement& bind(int index, const std::optional<std::string>& value) {
        return value ? bind(index, std::string_view(*value)) : bindNull(index);
    }

    // Returns true while a row is available.
    bool step();
    // Runs a statement that returns no row.
    void run();
    void reset();

    [[nodiscard]] std::int64_t integer(int column) const;
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] std::string text(int column) const;
    [[nodiscard]] bool isNull(int column) const;
    [[nodiscard]] int columns() const;

private:
    const Database* db_;
    sqlite3_stmt* stmt_;
};

} // namespace dps::storage
