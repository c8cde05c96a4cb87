#include "dps/protocol/UsageJson.h"

#include "dps/protocol/BoundedJson.h"
#include "dps/protocol/SchemaViolation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <random>

namespace dps::protocol {
namespace {

using nlohmann::json;

constexpr std::int64_t kMaxCount = 1'000'000;
constexpr std::int64_t kMaxRev = 2'147'483'647;

// The closed code lists of the schema; an open list (languages, e-ID outcomes) only has to
// look like a code.
using Codes = std::initializer_list<std::string_view>;
const Codes kModes = {"free", "guided_individual", "guided_group"};
const Codes kLengths = {"lt5", "5-15", "15-30", "30-60", "ge60"};
const Codes kPurposes = {"learning", "administrative", "job_search", "banking", "eid_help", "other"};
const Codes kAudiences = {"job_seekers", "young_people", "seniors", "disabilities", "precarious", "women"};
const Codes kHelped = {"yes", "somewhat", "no"};
const Codes kAutonomy = {"full_help", "some_help", "alone"};
const Codes kReferral = {"municipality", "cpas", "employment_service", "association", "none"};
const Codes kEquipment = {"printer", "card_reader", "screen", "keyboard", "mouse", "network"};
const Codes kEndReasons = {"finished", "idle_timeout", "facilitator_ended", "closing_time", "shutdown", "interrupted"};

// A counts field of a day: its JSON name, where it lives in UsageDay, and its code list
// (empty: any code).
struct CountsField {
    std::string_view name;
    Counts UsageDay::*member;
    Codes codes;
};
const std::array<CountsField, 13> kCountsFields = {{
    {"by_mode", &UsageDay::byMode, kModes},
    {"length", &UsageDay::length, kLengths},
    {"by_language", &UsageDay::byLanguage, {}},
    {"by_purpose", &UsageDay::byPurpose, kPurposes},
    {"by_audience", &UsageDay::byAudience, kAudiences},
    {"eid_checks", &UsageDay::eidChecks, {}},
    {"pin_tests", &UsageDay::pinTests, {}},
    {"came_for", &UsageDay::cameFor, kPurposes},
    {"helped", &UsageDay::helped, kHelped},
    {"autonomy", &UsageDay::autonomy, kAutonomy},
    {"referral", &UsageDay::referral, kReferral},
    {"equipment_problems", &UsageDay::equipmentProblems, kEquipment},
    {"by_end_reason", &UsageDay::byEndReason, kEndReasons},
}};
constexpr std::array<std::string_view, 8> kScalarFields = {
    "date", "rev", "final", "visits", "group_participants", "minutes", "tutorials", "free_use"};
// free_use's counts (issue 20), all required when it is there.
constexpr std::array<std::pair<std::string_view, int FreeUseCounts::*>, 5> kFreeUseFields = {{
    {"visits", &FreeUseCounts::visits},
    {"minutes", &FreeUseCounts::minutes},
    {"pages", &FreeUseCounts::pages},
    {"eid", &FreeUseCounts::eid},
    {"usb", &FreeUseCounts::usb},
}};

json countersObject(const UsageDay& day) {
    json j = json::object();
    j["date"] = day.date;
    j["visits"] = day.visits;
    j["group_participants"] = day.groupParticipants;
    j["minutes"] = day.minutes();
    for (const auto& f : kCountsFields)
        j[std::string(f.name)] = json(day.*f.member);
    json tutorials = json::object();
    for (const auto& [id, t] : day.tutorials)
        tutorials[id] = {{"started", t.started}, {"completed", t.completed}, {"abandoned", t.abandoned}};
    j["tutorials"] = std::move(tutorials);
    // Only on a day with free use: every other day keeps the bytes it had before the field (the
    // agent does not send it again), and reaches a server older than the field as before.
    if (day.freeUse.visits > 0) {
        json freeUse = json::object();
        for (const auto& [name, member] : kFreeUseFields)
            freeUse[std::string(name)] = day.freeUse.*member;
        j["free_use"] = std::move(freeUse);
    }
    return j;
}

// Schema violations are thrown (throwSchemaViolation) and caught once in parseUsageBatch.

bool isCode(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    auto ok = [](char c, bool first) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!first && (c == '_' || c == '-'));
    };
    if (!ok(s[0], true)) return false;
    return std::all_of(s.begin() + 1, s.end(), [&](char c) { return ok(c, false); });
}

std::string rangeMessage(std::int64_t min, std::int64_t max) {
    return "must be between " + std::to_string(min) + " and " + std::to_string(max);
}

std::int64_t integerAt(const json& v, const std::string& path, std::int64_t min, std::int64_t max) {
    if (!v.is_number_integer()) throwSchemaViolation(path, "must be a whole number");
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max))
        throwSchemaViolation(path, rangeMessage(min, max));
    const auto n = v.get<std::int64_t>();
    if (n < min || n > max) throwSchemaViolation(path, rangeMessage(min, max));
    return n;
}

Counts countsAt(const json& v, const std::string& path, Codes codes, std::size_t maxKeys) {
    objectAt(v, path);
    if (v.size() > maxKeys) throwSchemaViolation(path, "has too many codes");
    Counts out;
    for (const auto& [key, n] : v.items()) {
        const std::string at = path + "/" + jsonPointerToken(key);
        const bool known = codes.size() == 0 ? isCode(key) : std::find(codes.begin(), codes.end(), key) != codes.end();
        if (!known) throwSchemaViolation(at, "is not a known code");
        out[key] = static_cast<int>(integerAt(n, at, 0, kMaxCount));
    }
    return out;
}

bool validDate(const std::string& s) {
    // YYYY-MM-DD, year 20xx, and a day that exists (no 2026-02-30).
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || s[0] != '2' || s[1] != '0') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return false;
    const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    return std::chrono::year_month_day{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                       std::chrono::day(static_cast<unsigned>(d))}
        .ok();
}

UsageRecord recordAt(const json& v, const std::string& path) {
    objectAt(v, path);
    for (const auto& item : v.items()) {
        // A named key rather than a structured binding: clang 14 (the fuzz build) cannot
        // capture a binding in the lambda below.
        const std::string& key = item.key();
        const bool listed =
            std::find(kScalarFields.begin(), kScalarFields.end(), key) != kScalarFields.end() ||
            std::any_of(kCountsFields.begin(), kCountsFields.end(), [&](const auto& f) { return f.name == key; });
        if (!listed) throwSchemaViolation(path + "/" + jsonPointerToken(key), "is not a field of dps-usage/1");
    }
    auto field = [&](std::string_view name) -> const json& {
        const auto it = v.find(name);
        if (it == v.end()) throwSchemaViolation(path + "/" + std::string(name), "is missing");
        return *it;
    };
    auto at = [&](std::string_view name) { return path + "/" + std::string(name); };

    UsageRecord r;
    const json& date = field("date");
    if (!date.is_string() || !validDate(date.get<std::string>()))
        throwSchemaViolation(at("date"), "must be a date written YYYY-MM-DD");
    r.day.date = date.get<std::string>();
    r.rev = integerAt(field("rev"), at("rev"), 1, kMaxRev);
    if (!field("final").is_boolean()) throwSchemaViolation(at("final"), "must be true or false");
    r.final = field("final").get<bool>();
    r.day.visits = static_cast<int>(integerAt(field("visits"), at("visits"), 0, kMaxCount));
    r.day.groupParticipants =
        static_cast<int>(integerAt(field("group_participants"), at("group_participants"), 0, kMaxCount));
    // Stored as seconds so that minutes() gives back exactly the number sent.
    r.day.used = std::chrono::minutes(integerAt(field("minutes"), at("minutes"), 0, kMaxCount));
    for (const auto& f : kCountsFields)
        r.day.*f.member = countsAt(field(f.name), at(f.name), f.codes, 200);

    const json& tutorials = objectAt(field("tutorials"), at("tutorials"));
    if (tutorials.size() > 500) throwSchemaViolation(at("tutorials"), "has too many tutorials");
    for (const auto& item : tutorials.items()) {
        const std::string& id = item.key();
        const json& t = item.value();
        const std::string tp = at("tutorials") + "/" + jsonPointerToken(id);
        if (!isCode(id)) throwSchemaViolation(tp, "is not a tutorial id");
        objectAt(t, tp);
        TutorialCounts c;
        for (const auto& [key, _] : t.items())
            if (key != "started" && key != "completed" && key != "abandoned")
                throwSchemaViolation(tp + "/" + jsonPointerToken(key), "is not a field of a tutorial");
        auto count = [&](const char* name) {
            const auto it = t.find(name);
            if (it == t.end()) throwSchemaViolation(tp + "/" + name, "is missing");
            return static_cast<int>(integerAt(*it, tp + "/" + name, 0, kMaxCount));
        };
        c.started = count("started");
        c.completed = count("completed");
        c.abandoned = count("abandoned");
        r.day.tutorials[id] = c;
    }

    // Optional: agents before issue 20 do not send it (a day of theirs has no free use).
    if (const auto it = v.find("free_use"); it != v.end()) {
        const std::string fp = at("free_use");
        objectAt(*it, fp);
        for (const auto& item : it->items()) {
            const std::string& key = item.key();
            if (std::none_of(kFreeUseFields.begin(), kFreeUseFields.end(),
                             [&](const auto& f) { return f.first == key; }))
                throwSchemaViolation(fp + "/" + jsonPointerToken(key), "is not a field of free_use");
        }
        for (const auto& [name, member] : kFreeUseFields) {
            const auto f = it->find(name);
            if (f == it->end()) throwSchemaViolation(fp + "/" + std::string(name), "is missing");
            // Sent only on a day that had a free-use session: a day with none leaves the field out
            // (a record with visits 0 would not write back to the same bytes).
            const std::int64_t least = name == "visits" ? 1 : 0;
            r.day.freeUse.*member = static_cast<int>(integerAt(*f, fp + "/" + std::string(name), least, kMaxCount));
        }
    }
    return r;
}

} // namespace

std::string jsonPointerToken(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string countersJson(const UsageDay& day) { return countersObject(day).dump(); }

std::string recordJson(const UsageRecord& record) {
    json j = countersObject(record.day);
    j["rev"] = record.rev;
    j["final"] = record.final;
    return j.dump();
}

std::string withoutFreeUse(std::string_view record) {
    json j = json::parse(record);
    j.erase("free_use");
    return j.dump();
}

std::string batchJson(std::string_view batchId, std::span<const std::string> records) {
    // Records are spliced in as the text the outbox holds: no parse and re-dump per send.
    std::string out = R"({"format":")" + std::string(kUsageFormat) + R"(","batch_id":)" +
                      json(std::string(batchId)).dump() + R"(,"records":[)";
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (i) out += ',';
        out += records[i];
    }
    out += "]}";
    return out;
}

BodyError malformedJson(const std::exception& e) {
    std::string message = "the body is not JSON";
    if (const auto* p = dynamic_cast<const json::parse_error*>(&e); p != nullptr && p->byte > 0)
        message += " (it stops being JSON at byte " + std::to_string(p->byte) + ")";
    else if (dynamic_cast<const json::out_of_range*>(&e) != nullptr)
        message += " that this server can read: a number in it is too large for a double";
    return BodyError{400, "malformed_json", message, ""};
}

std::variant<UsageBatch, BodyError> parseUsageBatch(std::string_view body) {
    json doc;
    try {
        doc = parseBoundedJson(body);
    } catch (const JsonTooDeep& e) {
        return BodyError{422, "schema_violation", "is nested deeper than " + std::to_string(e.limit) + " levels", ""};
    } catch (const json::exception& e) { // parse_error, and out_of_range for 1e999
        return malformedJson(e);
    }
    try {
        objectAt(doc, "");
        for (const auto& [key, _] : doc.items())
            if (key != "format" && key != "batch_id" && key != "records")
                throwSchemaViolation("/" + jsonPointerToken(key), "is not a field of dps-usage/1");
        const auto format = doc.find("format");
        if (format == doc.end()) throwSchemaViolation("/format", "is missing");
        if (!format->is_string() || format->get<std::string>() != kUsageFormat)
            throwSchemaViolation("/format", "must be \"dps-usage/1\"");
        const auto id = doc.find("batch_id");
        if (id == doc.end()) throwSchemaViolation("/batch_id", "is missing");
        if (!id->is_string() || !isUuidV4(id->get<std::string>()))
            throwSchemaViolation("/batch_id", "must be a UUID version 4 in lower case");
        const auto records = doc.find("records");
        if (records == doc.end()) throwSchemaViolation("/records", "is missing");
        if (!records->is_array()) throwSchemaViolation("/records", "must be an array");
        if (records->empty() || records->size() > kMaxRecordsPerBatch)
            throwSchemaViolation("/records", "must hold 1 to 400 records");
        UsageBatch batch;
        batch.batchId = id->get<std::string>();
        for (std::size_t i = 0; i < records->size(); ++i)
            batch.records.push_back(recordAt((*records)[i], "/records/" + std::to_string(i)));
        return batch;
    } catch (BodyError& e) {
        return std::move(e);
    }
}

bool isUuidV4(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

std::string newBatchId() {
    std::array<unsigned char, 16> b{};
    std::ifstream urandom("/dev/urandom", std::ios::binary);
    urandom.read(reinterpret_cast<char*>(b.data()), b.size());
    if (!urandom) {
        std::random_device rd;
        for (auto& c : b)
            c = static_cast<unsigned char>(rd());
    }
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += hex[b[i] >> 4];
        out += hex[b[i] & 0x0f];
    }
    return out;
}

} // namespace dps::protocol
