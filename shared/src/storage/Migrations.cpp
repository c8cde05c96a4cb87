#include "dps/storage/Migrations.h"
#include "dps/log/Log.h"
#include "dps/storage/Database.h"
#include "dps/storage/Transaction.h"

#include <fmt/core.h>

#include <string>
#include <vector>

namespace dps::storage {

namespace {
struct ExtraStep {
    std::string program, description, sql;
};
std::vector<ExtraStep>& extraSteps() {
    static std::vector<ExtraStep> steps;
    return steps;
}
} // namespace

void registerExtraStep(std::string_view program, std::string_view description, std::string_view sql) {
    extraSteps().push_back({std::string(program), std::string(description), std::string(sql)});
}

int schemaVersion(Database& db) {
    Statement has = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='schema_version'");
    has.step();
    if (has.integer(0) == 0) return 0;
    Statement v = db.prepare("SELECT coalesce(max(version), 0) FROM schema_version");
    v.step();
    return static_cast<int>(v.integer(0));
}

namespace {

// The program's own steps, then those registered for it.
std::vector<Migration> allSteps(std::span<const Migration> ownSteps, std::string_view program) {
    std::vector<Migration> steps(ownSteps.begin(), ownSteps.end());
    for (const ExtraStep& extra : extraSteps()) {
        if (extra.program == program)
            steps.push_back({static_cast<int>(steps.size()) + 1, extra.description, extra.sql, nullptr});
    }
    return steps;
}

} // namespace

int latestVersion(std::span<const Migration> ownSteps, std::string_view program) {
    return static_cast<int>(allSteps(ownSteps, program).size());
}

int migrate(Database& db, std::span<const Migration> ownSteps, std::string_view program) {
    const std::vector<Migration> steps = allSteps(ownSteps, program);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].version != static_cast<int>(i) + 1)
            throw std::logic_error(fmt::format("{}: schema steps must be numbered 1, 2, 3… without gaps", program));
    }
    const int latest = static_cast<int>(steps.size());
    const int current = schemaVersion(db);
    if (current > latest) {
        throw StorageError(fmt::format(
            "{}: this database has schema version {}, written by a newer {} (this one knows up to version {}); "
            "it was left untouched: install the newer version again or restore a backup",
            db.file().string(), current, program, latest));
    }
    for (int v = current + 1; v <= latest; ++v) {
        const Migration& step = steps[static_cast<std::size_t>(v - 1)];
        Transaction tx(db);
        db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, "
                "description TEXT NOT NULL)");
        db.exec(step.sql);
        if (step.code) step.code(db);
        db.prepare("INSERT INTO schema_version (version, applied_at, description) "
                   "VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?2)")
            .bind(1, std::int64_t{v})
            .bind(2, step.description)
            .run();
        tx.commit();
        log::info("{}: schema upgraded to version {} ({})", db.file().string(), v, step.description);
    }
    return latest;
}

} // namespace dps::storage
