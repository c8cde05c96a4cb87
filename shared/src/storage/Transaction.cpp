#include "dps/storage/Transaction.h"
#include "dps/storage/Database.h"

namespace dps::storage {

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
            // SQLite already rolled back on its own (e.g. after SQLITE_FULL); nothing is left to undo.
        }
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

} // namespace dps::storage
