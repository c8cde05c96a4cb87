#pragma once
#include "kiosk/core/facilitator/TerminalLog.h"

#include <string>
#include <utility>
#include <vector>

namespace dps::test {

// Keeps what facilitators changed, as kiosk.db does.
class MemoryTerminalLog final : public kiosk::TerminalLog {
public:
    std::vector<std::pair<std::string, std::string>> settings() override { return stored; }
    bool changeSetting(dps::WallTime, std::string_view who, std::string_view key, std::string_view value) override {
        changes.push_back(std::string(who) + ":" + std::string(key) + "=" + std::string(value));
        for (auto& [k, v] : stored) {
            if (k == key) {
                v = value;
                return true;
            }
        }
        stored.emplace_back(key, value);
        return true;
    }
    bool equipment(dps::WallTime, std::string_view who, kiosk::Equipment e, kiosk::EquipmentState s) override {
        reports.push_back(std::string(who) + ":" + std::string(kiosk::code(e)) + ":" + std::string(kiosk::code(s)));
        return true;
    }
    kiosk::GateState gate(kiosk::PinKind which) override {
        return which == kiosk::PinKind::Administrator ? savedAdmin : saved;
    }
    bool saveGate(kiosk::PinKind which, const kiosk::GateState& g) override {
        (which == kiosk::PinKind::Administrator ? savedAdmin : saved) = g;
        return true;
    }
    bool publishState(dps::WallTime, const kiosk::KioskState& state) override {
        states.push_back(state);
        return true;
    }
    std::vector<std::pair<std::string, std::string>> stored;
    std::vector<kiosk::KioskState> states; // as published, in order
    std::vector<std::string> changes, reports;
    kiosk::GateState saved, savedAdmin; // facilitators', the administrator's
};

} // namespace dps::test
