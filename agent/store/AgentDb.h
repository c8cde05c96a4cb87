#pragma once
// agent.db: what the agent keeps of its own (docs/agent.md). The day records it computed (with
// their revision), the outbox of records waiting for the server, the dead letters the server
// refused for good, the terminal's credential, and a few facts for `dps-agent status`.
// The file holds a secret: it is created with mode 0600 and checked at every open.
#include "dps/storage/Database.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dps::agent {

struct Credential {
    std::string server; // base URL, "https://stats.example.brussels"
    std::string terminal;
    std::string token;
};

struct OutboxEntry {
    std::string date;
    std::int64_t rev = 0;
    std::string record; // protocol::recordJson text
};

struct QueuedInventory {
    std::string hash;
    std::string body; // the dps-inventory/1 message
};

struct DayState {
    std::int64_t rev = 0;
    std::string counters;
    bool final = false;
    std::int64_t ackedRev = 0;
};

class AgentDb {
public:
    // Creates the file (mode 0600) and its folder if needed; refuses a file others can read.
    static AgentDb open(const std::filesystem::path& file);

    storage::Database& db() { return db_; }

    [[nodiscard]] std::optional<Credential> credential();
    void saveCredential(const Credential& c);

    [[nodiscard]] std::optional<DayState> dayState(const std::string& date);
    // Dates already sent as final and acknowledged: never recomputed.
    [[nodiscard]] std::vector<std::string> settledDates();
    // Records a new revision of a day and queues it, replacing an older queued one (records
    // are absolute: only the newest counts). Call inside a transaction.
    void queueDay(const std::string& date, std::int64_t rev, const std::string& counters, bool final,
                  const std::string& record);

    [[nodiscard]] std::int64_t outboxSize();
    [[nodiscard]] std::vector<OutboxEntry> outbox(std::size_t limit);
    // After a 2xx: these revisions leave the outbox (a newer one queued since stays).
    void acknowledge(const std::vector<OutboxEntry>& sent);
    // The queued record of that date and revision, written again as entry.record says.
    void rewriteQueued(const OutboxEntry& entry);
    void deadLetter(const OutboxEntry& entry, long status, const std::string& why);
    [[nodiscard]] std::int64_t deadLetterCount();

    // The inventory outbox: one message at most, the newest (an older one is of no use).
    void queueInventory(const std::string& hash, const std::string& body);
    [[nodiscard]] std::optional<QueuedInventory> queuedInventory();
    // After a 2xx for that hash (a newer one queued meanwhile stays).
    void clearInventory(const std::string& hash);

    // Small facts: last_success, last_error, reenroll (why sending stopped), acknowledged_through.
    [[nodiscard]] std::optional<std::string> fact(const std::string& key);
    void setFact(const std::string& key, const std::string& value);
    void clearFact(const std::string& key);

private:
    explicit AgentDb(storage::Database db) : db_(std::move(db)) {}
    storage::Database db_;
};

} // namespace dps::agent
