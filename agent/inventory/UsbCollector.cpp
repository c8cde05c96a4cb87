#include "agent/inventory/UsbCollector.h"

#include "agent/inventory/UsbSysfs.h"

#include <cstdio>
#include <utility>

namespace dps::agent::inventory {

namespace {

// The device class by which a device says "see my interfaces"; 0xEF/02/01 (miscellaneous, with
// interface association descriptors) is what webcams and other composite devices say instead.
constexpr int kClassPerInterface = 0x00, kClassMiscellaneous = 0xEF;

std::string lowerHex4(unsigned v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04x", v & 0xFFFF);
    return buf;
}

} // namespace

void collectUsb(const SysRoot& root, Inventory& into) {
    const auto entries = root.list(kUsbDevices);
    for (const auto& name : entries) {
        const std::string dir = kUsbDevices + name;
        // Interfaces ("1-1:1.0") have no idVendor; they are read for their device.
        if (name.find(':') != std::string::npos || !root.exists(dir + "/idVendor")) continue;
        // What could not be read of a device is said only if the device is sent: a visitor's
        // device leaves no trace, not even an error.
        Inventory read;
        const auto device = readUsbFacts(root, entries, name, read);
        if (!device) {
            into.errors.push_back({kUsbCollector, dir + "/bDeviceClass", "cannot be read: the device is left out"});
            continue;
        }
        const dps::UsbFacts& facts = device->facts;
        const auto kind = dps::usbEquipmentKind(facts);
        if (!kind) continue;

        UsbDevice d;
        if (device->vendorRead) d.vendorId = lowerHex4(facts.vendor);
        if (device->productRead) d.productId = lowerHex4(facts.product);
        d.kind = std::string(dps::usbKindName(*kind));
        // GLPI's class is the device's, or its first interface's when the device defers to them.
        const bool deferred = facts.usbClass == kClassPerInterface || facts.usbClass == kClassMiscellaneous;
        if (deferred && !facts.interfaces.empty()) {
            d.deviceClass = facts.interfaces.front().usbClass;
            d.subclass = facts.interfaces.front().subclass;
        } else if (!deferred) {
            d.deviceClass = facts.usbClass;
            d.subclass = facts.subclass;
        }
        d.manufacturer = root.text(dir + "/manufacturer", kUsbCollector, read, false).value_or("");
        d.product = root.text(dir + "/product", kUsbCollector, read, false).value_or("");
        d.serial = root.text(dir + "/serial", kUsbCollector, read, false).value_or("");
        into.errors.insert(into.errors.end(), read.errors.begin(), read.errors.end());
        into.usb.push_back(std::move(d));
    }
}

} // namespace dps::agent::inventory
