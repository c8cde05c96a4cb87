#pragma once
#include "dps/core/Clock.h"
#include "kiosk/core/KioskState.h"
#include "kiosk/core/facilitator/UnlockGate.h"
#include "kiosk/core/visit/VisitFacts.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dps::kiosk {

// What facilitators do at the terminal, kept in kiosk.db beside the visits: the settings they
// changed (who, what, when), the equipment problems they reported, and the PINs' lock-outs; and
// what the terminal is doing now, for dps-agent's heartbeat. About staff and machines, never about
// visitors.
class TerminalLog {
public:
    virtual ~TerminalLog() = default;
    // The settings changed at the terminal, as key and text value.
    virtual std::vector<std::pair<std::string, std::string>> settings() = 0;
    virtual bool changeSetting(WallTime at, std::string_view facilitator, std::string_view key,
                               std::string_view value) = 0;
    virtual bool equipment(WallTime at, std::string_view facilitator, Equipment item, EquipmentState state) = 0;
    // The lock-out of one kind of PIN.
    virtual GateState gate(PinKind which) = 0;
    virtual bool saveGate(PinKind which, const GateState& state) = 0;
    // What the kiosk is doing now, in place of what it said before (written when it changes).
    virtual bool publishState(WallTime at, const KioskState& state) = 0;
};

} // namespace dps::kiosk
