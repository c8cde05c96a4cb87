#include "kiosk/adapters/store/SqliteTerminalLog.h"

#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"
#include "dps/storage/StorageError.h"
#include "dps/storage/Transaction.h"

namespace dps::kiosk {

std::vector<std::pair<std::string, std::string>> SqliteTerminalLog::settings() {
    std::vector<std::pair<std::string, std::string>> out;
    try {
        auto st = db_.prepare("SELECT key, value FROM terminal_settings ORDER BY key");
        while (st.step())
            out.emplace_back(st.text(0), st.text(1));
    } catch (const storage::StorageError& e) {
        log::error("could not read the settings changed at the terminal: {}", e.what());
    }
    return out;
}

bool SqliteTerminalLog::changeSetting(WallTime at, std::string_view facilitator, std::string_view key,
                                      std::string_view value) {
    try {
        const std::string when = toIsoUtc(at);
        storage::Transaction tx(db_);
        db_.prepare("INSERT INTO terminal_settings (key, value, changed_at, changed_by) VALUES (?1, ?2, ?3, ?4) "
                    "ON CONFLICT (key) DO UPDATE SET value = ?2, changed_at = ?3, changed_by = ?4")
            .bind(1, key)
            .bind(2, value)
            .bind(3, std::string_view(when))
            .bind(4, facilitator)
            .run();
        db_.prepare("INSERT INTO settings_changes (at, facilitator, key, value) VALUES (?1, ?2, ?3, ?4)")
            .bind(1, std::string_view(when))
            .bind(2, facilitator)
            .bind(3, key)
            .bind(4, value)
            .run();
        tx.commit();
        log::info("setting {} changed to {} by a facilitator", key, value);
        return true;
    } catch (const storage::StorageError& e) {
        log::error("could not record the change of {}: {}", key, e.what());
        return false;
    }
}

bool SqliteTerminalLog::equipment(WallTime at, std::string_view facilitator, Equipment item, EquipmentState state) {
    try {
        db_.prepare("INSERT INTO equipment_reports (at, facilitator, item, state) VALUES (?1, ?2, ?3, ?4)")
            .bind(1, std::string_view(toIsoUtc(at)))
            .bind(2, facilitator)
            .bind(3, code(item))
            .bind(4, code(state))
            .run();
        log::info("equipment problem reported: {} {}", code(item), code(state));
        return true;
    } catch (const storage::StorageError& e) {
        log::error("could not record an equipment problem: {}", e.what());
        return false;
    }
}

namespace {

// Each kind of PIN keeps its lock-out in a table of its own (one row).
const char* lockTable(PinKind which) { return which == PinKind::Administrator ? "admin_pin_lock" : "facilitator_lock"; }

const char* whose(PinKind which) { return which == PinKind::Administrator ? "administrator" : "facilitator"; }

} // namespace

GateState SqliteTerminalLog::gate(PinKind which) {
    GateState g;
    try {
        auto st = db_.prepare(std::string("SELECT failures, lockouts, locked_until FROM ") + lockTable(which) +
                              " WHERE id = 1");
        if (st.step()) {
            g.failures = static_cast<int>(st.integer(0));
            g.lockouts = static_cast<int>(st.integer(1));
            if (!st.isNull(2)) g.lockedUntil = fromIsoUtc(st.text(2));
        }
    } catch (const storage::StorageError& e) {
        log::error("could not read the {} PIN's lock-out: {}", whose(which), e.what());
    }
    return g;
}

bool SqliteTerminalLog::saveGate(PinKind which, const GateState& g) {
    try {
        db_.prepare(std::string("INSERT INTO ") + lockTable(which) +
                    " (id, failures, lockouts, locked_until) VALUES (1, ?1, ?2, ?3) "
                    "ON CONFLICT (id) DO UPDATE SET failures = ?1, lockouts = ?2, locked_until = ?3")
            .bind(1, std::int64_t{g.failures})
            .bind(2, std::int64_t{g.lockouts})
            .bind(3, g.lockedUntil ? std::optional<std::string>(toIsoUtc(*g.lockedUntil)) : std::nullopt)
            .run();
        return true;
    } catch (const storage::StorageError& e) {
        log::error("could not record the {} PIN's lock-out: {}", whose(which), e.what());
        return false;
    }
}

bool SqliteTerminalLog::publishState(WallTime at, const KioskState& state) {
    try {
        const bool freeUse = state.activity == KioskActivity::FreeUse;
        auto st = db_.prepare(
            "INSERT INTO kiosk_state (id, activity, minutes_left, help_asked_minutes, free_use_stopped, at) "
            "VALUES (1, ?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET activity = ?1, minutes_left = ?2, "
            "help_asked_minutes = ?3, free_use_stopped = ?4, at = ?5");
        st.bind(1, code(state.activity));
        if (freeUse)
            st.bind(2, std::int64_t{state.minutesLeft});
        else
            st.bindNull(2);
        if (freeUse && state.helpAskedMinutes)
            st.bind(3, std::int64_t{*state.helpAskedMinutes});
        else
            st.bindNull(3);
        st.bind(4, std::int64_t{state.freeUseStopped ? 1 : 0});
        const std::string when = toIsoUtc(at);
        st.bind(5, std::string_view(when));
        st.run();
        return true;
    } catch (const storage::StorageError& e) {
        // The kiosk serves visitors all the same; staff see the state of the heartbeat before.
        log::error("could not publish the kiosk's state for the Region: {}", e.what());
        return false;
    }
}

} // namespace dps::kiosk
