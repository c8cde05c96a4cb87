#pragma once

namespace dps::storage {

class Database;

// BEGIN IMMEDIATE … COMMIT; rolled back if destroyed before commit(), so an exception half-way
// never leaves half a change.
class Transaction {
public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

} // namespace dps::storage
