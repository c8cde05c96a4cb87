#include "agent/inventory/BatteryCollector.h"

#include "agent/inventory/TextFields.h"

namespace dps::agent::inventory {

namespace {

constexpr const char* kBatteryCollector = "battery";

} // namespace

void collectBatteries(const SysRoot& root, Inventory& into) {
    for (const auto& name : root.list("/sys/class/power_supply")) {
        const std::string dir = "/sys/class/power_supply/" + name;
        if (text::trim(root.text(dir + "/type", kBatteryCollector, into, false).value_or("")) != "Battery") continue;
        // A wireless mouse's or a UPS's battery (scope "Device") is not the machine's.
        if (text::trim(root.text(dir + "/scope", kBatteryCollector, into, false).value_or("")) == "Device") continue;
        // An empty battery bay keeps its entry but has nothing to tell.
        if (root.number(dir + "/present", kBatteryCollector, into, false) == 0) continue;
        auto field = [&](const char* file, bool required) {
            return text::trim(root.text(dir + "/" + file, kBatteryCollector, into, required).value_or(""));
        };
        Battery b;
        b.name = name;
        b.manufacturer = field("manufacturer", true);
        b.model = field("model_name", true);
        b.technology = field("technology", true);
        // Many firmwares give neither a serial nor a cycle count: their absence is no fault.
        b.serial = field("serial_number", false);
        if (const auto cycles = root.number(dir + "/cycle_count", kBatteryCollector, into, false))
            b.cycleCount = static_cast<int>(*cycles);
        const auto microvolts = root.number(dir + "/voltage_min_design", kBatteryCollector, into);
        if (microvolts) b.voltageMv = *microvolts / 1000;

        // Smart batteries report energy in µWh; others charge in µAh, which times the design
        // voltage (µV) is energy: µAh·µV = 1e-9 mWh.
        if (root.exists(dir + "/energy_full_design")) {
            if (const auto v = root.number(dir + "/energy_full_design", kBatteryCollector, into))
                b.designCapacityMwh = *v / 1000;
            if (const auto v = root.number(dir + "/energy_full", kBatteryCollector, into))
                b.fullCapacityMwh = *v / 1000;
        } else {
            const auto design = root.number(dir + "/charge_full_design", kBatteryCollector, into);
            const auto full = root.number(dir + "/charge_full", kBatteryCollector, into);
            if (microvolts && design) b.designCapacityMwh = *design * *microvolts / 1'000'000'000;
            if (microvolts && full) b.fullCapacityMwh = *full * *microvolts / 1'000'000'000;
        }
        into.batteries.push_back(b);
    }
}

} // namespace dps::agent::inventory
