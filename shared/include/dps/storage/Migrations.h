#pragma once
#include <span>
#include <string_view>

namespace dps::storage {

class Database;

// Schema step N turns a version N-1 database into version N. Steps are numbered from 1 without
// gaps and never edited once released: a change is a new step.
struct Migration {
    int version;
    std::string_view description;
    std::string_view sql;
    // Run after `sql`, in the same transaction, for what SQL cannot say (rewriting JSON documents
    // by a rule the program shares with its ingest); it throws to fail the step.
    void (*code)(Database&) = nullptr;
};

// Brings the database to the last step, each step in its own transaction, and returns that version.
// A database written by a newer program (higher version) is refused with StorageError, untouched.
int migrate(Database& db, std::span<const Migration> steps, std::string_view program);
int schemaVersion(Database& db);
// The version migrate() brings a database to: the last of the program's steps and of those
// registered for it (registerExtraStep).
int latestVersion(std::span<const Migration> ownSteps, std::string_view program);

// One more step after `program`'s own, numbered after its last one. Only the upgrade test's
// builds call this (tests/packaging/UpgradeTestSteps.cpp, linked in with
// -DDPS_UPGRADE_TEST_STEP=ON): version N+1 of the packages, with a new schema step, made from
// this same tree. Released programs register none. Not thread-safe: call before main().
void registerExtraStep(std::string_view program, std::string_view description, std::string_view sql);

} // namespace dps::storage
