#include "agent/inventory/SysRoot.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>

namespace dps::agent::inventory {

std::filesystem::path SysRoot::real(const std::string& path) const {
    return root_ / std::filesystem::path(path).relative_path();
}

namespace {

std::optional<std::string> readAll(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) return std::nullopt;
    return data;
}

void trimEnd(std::string& data) {
    while (!data.empty() && (data.back() == '\n' || data.back() == ' ' || data.back() == '\t' || data.back() == '\r' ||
                             data.back() == '\0'))
        data.pop_back();
}

} // namespace

std::optional<std::string> SysRoot::bytes(const std::string& path) const { return readAll(real(path)); }

std::optional<std::string> SysRoot::text(const std::string& path, const char* collector, Inventory& into,
                                         bool required) const {
    auto data = bytes(path);
    if (!data) {
        if (required) into.errors.push_back({collector, path, "cannot be read"});
        return std::nullopt;
    }
    trimEnd(*data);
    return data;
}

std::optional<std::int64_t> SysRoot::number(const std::string& path, const char* collector, Inventory& into,
                                            bool required) const {
    const auto t = text(path, collector, into, required);
    if (!t) return std::nullopt;
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(t->data(), t->data() + t->size(), n);
    if (ec != std::errc() || end != t->data() + t->size()) {
        into.errors.push_back({collector, path, "is not a number: '" + t->substr(0, 40) + "'"});
        return std::nullopt;
    }
    return n;
}

std::optional<std::string> SysRoot::credential(const std::string& name) const {
    // A name with a slash would leave the directory; systemd's credential names never have one.
    if (credentials_.empty() || name.empty() || name.find('/') != std::string::npos) return std::nullopt;
    auto data = readAll(credentials_ / name);
    if (!data) return std::nullopt;
    trimEnd(*data);
    // The unit's SetCredential= default when the DMI file is missing (a board that has no such field).
    if (data->empty()) return std::nullopt;
    return data;
}

std::vector<std::string> SysRoot::list(const std::string& path) const {
    std::vector<std::string> names;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(real(path), ec), end; !ec && it != end; it.increment(ec))
        names.push_back(it->path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

bool SysRoot::exists(const std::string& path) const {
    std::error_code ec;
    return std::filesystem::exists(real(path), ec);
}

std::optional<std::string> SysRoot::linkTarget(const std::string& path) const {
    std::error_code ec;
    const auto target = std::filesystem::read_symlink(real(path), ec);
    if (ec) return std::nullopt;
    return target.filename().string();
}

std::optional<std::string> SysRoot::devicePath(const std::string& path) const {
    std::error_code ec;
    const auto root = std::filesystem::weakly_canonical(root_, ec);
    if (ec) return std::nullopt;
    const auto resolved = std::filesystem::canonical(real(path), ec);
    if (ec) return std::nullopt;
    const auto relative = resolved.lexically_relative(root);
    if (relative.empty() || *relative.begin() == "..") return std::nullopt;
    return "/" + relative.generic_string();
}

} // namespace dps::agent::inventory
