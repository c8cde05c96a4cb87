#include "server/services/InventoryService.h"

#include "dps/core/Timestamp.h"
#include "dps/protocol/InventoryJson.h"
#include "dps/protocol/InventoryUsb.h"
#include "server/store/Secrets.h"

#include <fmt/core.h>

#include <algorithm>
#include <vector>

namespace dps::server {
namespace {

using nlohmann::json;

const json& section(const json& object, std::string_view key) {
    static const json kNone;
    if (!object.is_object()) return kNone;
    const auto it = object.find(key);
    return it == object.end() ? kNone : *it;
}

// What is in `now` and not (as many times) in `before`, and the other way round, in a fixed order.
std::vector<InventoryChange> difference(const InventoryItems& before, const InventoryItems& now) {
    std::vector<InventoryChange> out;
    for (const auto& [id, n] : before) {
        const auto it = now.find(id);
        for (int i = it == now.end() ? 0 : it->second; i < n; ++i)
            out.push_back({"disappeared", id.first, id.second});
    }
    for (const auto& [id, n] : now) {
        const auto it = before.find(id);
        for (int i = it == before.end() ? 0 : it->second; i < n; ++i)
            out.push_back({"appeared", id.first, id.second});
    }
    return out;
}

// The changes as written: the first kChangesListed one by one, the rest summed up in a row per
// direction, of kind "more", whose item says how many of each kind ("512 more not listed one by
// one: monitor 500, usb 12").
std::vector<InventoryChange> listed(const std::vector<InventoryChange>& changes) {
    if (changes.size() <= kChangesListed) return changes;
    std::vector<InventoryChange> out(changes.begin(), changes.begin() + static_cast<std::ptrdiff_t>(kChangesListed));
    for (const char* direction : {"disappeared", "appeared"}) {
        std::map<std::string, std::size_t> byKind;
        std::size_t n = 0;
        for (std::size_t i = kChangesListed; i < changes.size(); ++i)
            if (changes[i].change == direction) {
                ++byKind[changes[i].kind];
                ++n;
            }
        if (n == 0) continue;
        std::string item = fmt::format("{} more not listed one by one:", n);
        for (const auto& [kind, count] : byKind)
            item += fmt::format("{} {} {}", item.ends_with(':') ? "" : ",", kind, count);
        out.push_back({direction, "more", item});
    }
    return out;
}

// What the rows take in server.db, about: their text and each row's own cost (id, record header,
// its two index entries).
std::int64_t rowsCost(const std::vector<InventoryChange>& rows, const std::string& terminal, const std::string& at) {
    std::int64_t bytes = 0;
    for (const auto& c : rows)
        bytes += static_cast<std::int64_t>(c.change.size() + c.kind.size() + c.item.size() + 2 * terminal.size() +
                                           2 * at.size() + 32);
    return bytes;
}

} // namespace

InventoryService::InventoryService(InventoryStore& store, const Clock& clock, const InventoryLimits& limits)
    : store_(store), clock_(clock), limits_(limits),
      bytes_(clock, static_cast<double>(std::max(limits.bytesPerDay, limits.burstBytes)),
             static_cast<double>(limits.bytesPerDay) / 86400.0) {
    purgeHistory();
    lastPurge_ = clock_.steady();
}

void InventoryService::purgeHistory() {
    const std::string before = toIsoUtc(clock_.wall() - std::chrono::hours(24 * limits_.historyDays));
    store_.purgeChangesBefore(before);
}

void InventoryService::purgeHistoryHourly() {
    {
        std::lock_guard lock(purgeMutex_);
        if (clock_.steady() - lastPurge_ < std::chrono::hours(1)) return;
        lastPurge_ = clock_.steady();
    }
    purgeHistory();
}

Result<StoredAnswer> InventoryService::receive(const Terminal& terminal, std::string_view body,
                                               const std::optional<std::string>& key) {
    if (key) {
        auto replay = store_.keptAnswer(terminal, *key);
        if (replay) return *replay;
    }
    auto parsed = protocol::parseInventory(body);
    if (auto* e = std::get_if<protocol::BodyError>(&parsed)) return fromBodyError(*e);
    auto& message = std::get<protocol::InventoryMessage>(parsed);
    // An agent older than the USB rule still sends a visitor's devices: they are dropped and the
    // rest is stored. Refusing the whole message would gain nothing, since that agent would send
    // the same one again at each look.
    if (protocol::dropVisitorsDevices(message.glpi, message.dps).total() > 0)
        message.canonical =
            json{{"format", protocol::kInventoryFormat}, {"glpi", message.glpi}, {"dps", message.dps}}.dump(
                -1, ' ', false, json::error_handler_t::replace);
    const std::string hash = sha256Hex(message.canonical);
    const InventoryItems now = inventoryItems(message.glpi, message.dps);
    const std::string at = toIsoUtc(clock_.wall());
    purgeHistoryHourly();

    // The stored document is compared outside server.db's lock (parsing a large one takes time);
    // the write then checks that it is still the stored one, and compares again if another
    // request of this terminal replaced it meanwhile.
    for (;;) {
        const auto previous = store_.latest(terminal.id);
        const std::optional<std::string> previousHash =
            previous ? std::optional(previous->hash) : std::optional<std::string>();
        std::vector<InventoryChange> changes;
        std::int64_t cost = 0;
        if (previousHash != hash) {
            InventoryItems before;
            if (previous) {
                // Stored by this service, so it parses; a row that does not (edited by hand) counts as empty.
                const json old = json::parse(previous->document, nullptr, false);
                if (old.is_object()) before = inventoryItems(section(old, "glpi"), section(old, "dps"));
            }
            changes = difference(before, now);
            cost = static_cast<std::int64_t>(message.canonical.size()) + rowsCost(listed(changes), terminal.id, at);
            if (const auto rate = bytes_.take(terminal.id, static_cast<double>(cost)); !rate.allowed)
                return ApiError{429, "too_many_requests",
                                "this terminal's inventories changed more than the server keeps in a day: wait and "
                                "retry",
                                "", rate.retryAfter};
        }
        std::optional<StoredAnswer> written;
        store_.inTransaction([&](InventoryWriter& w) {
            if (key)
                if (auto replay = w.keptAnswer(terminal, *key)) {
                    written = *replay;
                    return false;
                }
            const std::optional<std::string> storedHash = w.latestHash(terminal.id);
            if (storedHash != previousHash && storedHash != hash) return false; // replaced meanwhile
            StoredAnswer answer{200, R"({"stored":false,"changes":0})", false};
            if (storedHash != hash) {
                w.replaceLatest(terminal.id, at, hash, message.canonical);
                w.addChanges(terminal.id, at, listed(changes));
                answer.body = fmt::format(R"({{"stored":true,"changes":{}}})", changes.size());
            }
            // An unchanged inventory writes nothing, unless it came with a key to answer again.
            if (key) w.keepAnswer(terminal, *key, answer, at);
            written = answer;
            return true;
        });
        if (written) return *written;
    }
}

} // namespace dps::server
