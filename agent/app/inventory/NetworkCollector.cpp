#include "NetworkCollector.h"

#include "TextFields.h"

namespace dps::agent::inventory {

namespace {

constexpr const char* kCollector = "network";

// ARPHRD_* from <linux/if_arp.h>.
constexpr std::int64_t kArphrdEther = 1;
constexpr std::int64_t kArphrdLoopback = 772;

} // namespace

// Only what identifies the hardware: no addresses, no SSIDs, nothing that says who uses it.
void collectNetwork(const SysRoot& root, Inventory& into) {
    for (const auto& name : root.list("/sys/class/net")) {
        const std::string dir = "/sys/class/net/" + name;
        if (!root.exists(dir + "/type")) continue; // bonding_masters and other plain files
        NetworkInterface n;
        n.name = name;
        n.mac = text::trim(root.text(dir + "/address", kCollector, into).value_or(""));
        if (const auto type = root.number(dir + "/type", kCollector, into)) {
            // Wi-Fi says ARPHRD_ETHER too; only cfg80211's entries tell it apart.
            if (*type == kArphrdEther)
                n.type = root.exists(dir + "/wireless") || root.exists(dir + "/phy80211") ? "wifi" : "ethernet";
            else if (*type == kArphrdLoopback)
                n.type = "loopback";
            else
                n.type = "other";
        }
        n.up = text::trim(root.text(dir + "/operstate", kCollector, into).value_or("")) == "up";
        into.networks.push_back(n);
    }
}

} // namespace dps::agent::inventory
