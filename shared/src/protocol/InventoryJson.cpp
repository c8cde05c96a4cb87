#include "dps/protocol/InventoryJson.h"
#include "dps/protocol/BoundedJson.h"
#include "dps/protocol/SchemaViolation.h"

#include <algorithm>
#include <array>

namespace dps::protocol {
namespace {

using nlohmann::json;

// GLPI's content sections (tests/protocol/glpi-inventory.schema.json): the lists of items, and
// the ones that are a single object.
constexpr std::array<std::string_view, 40> kListSections = {"antivirus",
                                                            "batteries",
                                                            "cameras",
                                                            "cartridges",
                                                            "consumables",
                                                            "controllers",
                                                            "cpus",
                                                            "databases_services",
                                                            "drives",
                                                            "envs",
                                                            "firewalls",
                                                            "firmwares",
                                                            "inputs",
                                                            "licenseinfos",
                                                            "local_groups",
                                                            "local_users",
                                                            "logical_volumes",
                                                            "memories",
                                                            "modems",
                                                            "monitors",
                                                            "network_components",
                                                            "network_ports",
                                                            "networks",
                                                            "physical_volumes",
                                                            "ports",
                                                            "powersupplies",
                                                            "printers",
                                                            "processes",
                                                            "remote_mgmt",
                                                            "sensors",
                                                            "simcards",
                                                            "slots",
                                                            "softwares",
                                                            "sounds",
                                                            "storages",
                                                            "usbdevices",
                                                            "users",
                                                            "videos",
                                                            "virtualmachines",
                                                            "volume_groups"};
constexpr std::array<std::string_view, 7> kObjectSections = {
    "accesslog", "bios", "hardware", "network_device", "operatingsystem", "pagecounters", "versionprovider"};
// Our own part's lists of objects.
constexpr std::array<std::string_view, 4> kDpsLists = {"usb_kinds", "disk_types", "battery_health", "collector_errors"};

std::string child(const std::string& path, std::string_view key) { return path + "/" + jsonPointerToken(key); }

// Every value of the message: strings (keys too) at most 64 KiB, arrays and objects at most 2000
// members, at most 32 levels deep. Iterative on purpose: a body is at most a few MB but could be
// one long run of '['.
void checkBounds(const json& root) {
    struct Frame {
        const json* value;
        std::string path;
        std::size_t depth;
    };
    std::vector<Frame> todo{{&root, "", 0}};
    while (!todo.empty()) {
        Frame f = std::move(todo.back());
        todo.pop_back();
        const json& v = *f.value;
        if (v.is_string()) {
            if (v.get_ref<const std::string&>().size() > kMaxInventoryString)
                throwSchemaViolation(f.path, "is longer than " + std::to_string(kMaxInventoryString) + " bytes");
            continue;
        }
        if (!v.is_array() && !v.is_object()) continue;
        if (f.depth >= kMaxInventoryDepth)
            throwSchemaViolation(f.path, "is nested deeper than " + std::to_string(kMaxInventoryDepth) + " levels");
        if (v.size() > kMaxInventoryItems)
            throwSchemaViolation(f.path, "has more than " + std::to_string(kMaxInventoryItems) + " items");
        if (v.is_array()) {
            for (std::size_t i = 0; i < v.size(); ++i)
                todo.push_back({&v[i], f.path + "/" + std::to_string(i), f.depth + 1});
        } else {
            for (const auto& item : v.items()) {
                if (item.key().size() > kMaxInventoryString)
                    throwSchemaViolation(f.path,
                                         "has a key longer than " + std::to_string(kMaxInventoryString) + " bytes");
                todo.push_back({&item.value(), child(f.path, item.key()), f.depth + 1});
            }
        }
    }
}

void arrayOfObjectsAt(const json& v, const std::string& path) {
    if (!v.is_array()) throwSchemaViolation(path, "must be an array");
    for (std::size_t i = 0; i < v.size(); ++i)
        objectAt(v[i], path + "/" + std::to_string(i));
}

const json& required(const json& object, std::string_view key, const std::string& path) {
    const auto it = object.find(key);
    if (it == object.end()) throwSchemaViolation(child(path, key), "is missing");
    return *it;
}

const json* optional(const json& object, std::string_view key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

void checkGlpi(const json& glpi) {
    const std::string path = "/glpi";
    objectAt(glpi, path);
    const json& itemtype = required(glpi, "itemtype", path);
    if (!itemtype.is_string() || itemtype.get_ref<const std::string&>() != "Computer")
        throwSchemaViolation(path + "/itemtype", "must be \"Computer\"");
    const json& deviceid = required(glpi, "deviceid", path);
    if (!deviceid.is_string() || deviceid.get_ref<const std::string&>().empty())
        throwSchemaViolation(path + "/deviceid", "must be a non-empty string");
    if (const json* action = optional(glpi, "action"); action && !action->is_string())
        throwSchemaViolation(path + "/action", "must be a string");
    const std::string contentPath = path + "/content";
    const json& content = objectAt(required(glpi, "content", path), contentPath);
    for (const auto& item : content.items()) {
        const std::string& key = item.key();
        const std::string at = child(contentPath, key);
        if (std::find(kListSections.begin(), kListSections.end(), key) != kListSections.end())
            arrayOfObjectsAt(item.value(), at);
        else if (std::find(kObjectSections.begin(), kObjectSections.end(), key) != kObjectSections.end())
            objectAt(item.value(), at);
    }
}

void checkDps(const json& dps) {
    const std::string path = "/dps";
    objectAt(dps, path);
    if (const json* version = optional(dps, "agent_version"); version && !version->is_string())
        throwSchemaViolation(path + "/agent_version", "must be a string");
    if (const json* readers = optional(dps, "card_readers")) {
        const std::string at = path + "/card_readers";
        objectAt(*readers, at);
        if (const json* answers = optional(*readers, "pcscd_answers"); answers && !answers->is_boolean())
            throwSchemaViolation(at + "/pcscd_answers", "must be true or false");
        if (const json* names = optional(*readers, "readers")) {
            if (!names->is_array()) throwSchemaViolation(at + "/readers", "must be an array");
            for (std::size_t i = 0; i < names->size(); ++i)
                if (!(*names)[i].is_string())
                    throwSchemaViolation(at + "/readers/" + std::to_string(i), "must be a string");
        }
    }
    for (const std::string_view list : kDpsLists)
        if (const json* v = optional(dps, list)) arrayOfObjectsAt(*v, child(path, list));
    for (const std::string_view object : {std::string_view("equipment_problems"), std::string_view("os")})
        if (const json* v = optional(dps, object)) objectAt(*v, child(path, object));
}

} // namespace

std::variant<InventoryMessage, BodyError> parseInventory(std::string_view body) {
    json doc;
    try {
        // Far too deep (twice the limit) is refused while parsing, without a path: a gzipped body
        // of 8 MB of '[' would otherwise become 8 million nested arrays before checkBounds could
        // say so.
        const json::parser_callback_t depthLimit = [](int depth, json::parse_event_t, json&) {
            if (depth > 2 * static_cast<int>(kMaxInventoryDepth))
                throw BodyError{422, "schema_violation",
                                "is nested deeper than " + std::to_string(kMaxInventoryDepth) + " levels", ""};
            return true;
        };
        refuseNulBytes(body);
        doc = json::parse(body.begin(), body.end(), depthLimit);
    } catch (const json::exception& e) { // parse_error, and out_of_range for 1e999
        return malformedJson(e);
    } catch (BodyError& e) {
        return std::move(e);
    }
    try {
        objectAt(doc, "");
        for (const auto& item : doc.items())
            if (item.key() != "format" && item.key() != "glpi" && item.key() != "dps")
                throwSchemaViolation(child("", item.key()), "is not a field of dps-inventory/1");
        const json& format = required(doc, "format", "");
        if (!format.is_string() || format.get_ref<const std::string&>() != kInventoryFormat)
            throwSchemaViolation("/format", "must be \"dps-inventory/1\"");
        checkBounds(doc);
        checkGlpi(required(doc, "glpi", ""));
        checkDps(required(doc, "dps", ""));
        InventoryMessage message;
        // nlohmann::json keeps an object's keys sorted: dump() is the same bytes for the same content.
        message.canonical = doc.dump(-1, ' ', false, json::error_handler_t::replace);
        message.glpi = std::move(doc["glpi"]);
        message.dps = std::move(doc["dps"]);
        return message;
    } catch (BodyError& e) {
        return std::move(e);
    }
}

} // namespace dps::protocol
