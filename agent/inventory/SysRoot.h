#pragma once
// Where the inventory collectors read the OS: "/" on a terminal, a fixture tree in tests
// (tests/fixtures/inventory/<machine>/ holds sys/, proc/, etc/ as a real machine has them). Every
// read goes through here, so that a missing or unreadable file becomes an absent field and one
// CollectorError, never a crash.
#include "agent/core/inventory/Inventory.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dps::agent::inventory {

class SysRoot {
public:
    // `credentials`: the service's $CREDENTIALS_DIRECTORY, empty when there is none (see credential()).
    explicit SysRoot(std::filesystem::path root = "/", std::filesystem::path credentials = {})
        : root_(std::move(root)), credentials_(std::move(credentials)) {}

    // The whole file as text, trailing whitespace and newlines removed; nullopt if it cannot be
    // read (the error is noted when `required`, as collector's).
    std::optional<std::string> text(const std::string& path, const char* collector, Inventory& into,
                                    bool required = true) const;
    // The same for a number written in decimal.
    std::optional<std::int64_t> number(const std::string& path, const char* collector, Inventory& into,
                                       bool required = true) const;
    // Raw bytes (an EDID); nullopt if missing.
    std::optional<std::string> bytes(const std::string& path) const;
    // The entries of a directory (names only, sorted); empty if it is not there.
    std::vector<std::string> list(const std::string& path) const;
    [[nodiscard]] bool exists(const std::string& path) const;
    // Where a symbolic link points, as its last path component ("../../devices/…/usb1" → "usb1").
    std::optional<std::string> linkTarget(const std::string& path) const;
    // Where a path of sysfs really is, symbolic links followed, relative to the root
    // ("/sys/block/sdb" → "/sys/devices/pci0000:00/…/usb1/1-5/…/block/sdb"): which bus a device
    // hangs from. nullopt if it cannot be resolved or resolves outside the root.
    std::optional<std::string> devicePath(const std::string& path) const;
    [[nodiscard]] std::filesystem::path real(const std::string& path) const; // root + path
    // A systemd credential of that name, as text (trailing whitespace removed); nullopt when there is
    // no credentials directory, no such credential, or it is empty. The agent runs unprivileged, and
    // its unit has systemd, as root, hand it the root-only DMI files this way (docs/systemd.md).
    std::optional<std::string> credential(const std::string& name) const;

private:
    std::filesystem::path root_;
    std::filesystem::path credentials_;
};

} // namespace dps::agent::inventory
