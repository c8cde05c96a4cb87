#pragma once
#include "dps/storage/Database.h"
#include "kiosk/core/facilitator/TerminalLog.h"

namespace dps::kiosk {

// The facilitators' settings, equipment reports and PIN lock-outs in kiosk.db, and the kiosk's
// state for dps-agent's heartbeat.
class SqliteTerminalLog final : public TerminalLog {
public:
    explicit SqliteTerminalLog(storage::Database& db) : db_(db) {}

    std::vector<std::pair<std::string, std::string>> settings() override;
    bool changeSetting(WallTime at, std::string_view facilitator, std::string_view key,
                       std::string_view value) override;
    bool equipment(WallTime at, std::string_view facilitator, Equipment item, EquipmentState state) override;
    GateState gate(PinKind which) override;
    bool saveGate(PinKind which, const GateState& state) override;
    bool publishState(WallTime at, const KioskState& state) override;

private:
    storage::Database& db_;
};

} // namespace dps::kiosk
