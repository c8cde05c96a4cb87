#include "agent/core/inventory/HidReport.h"

#include <cstdint>

namespace dps::agent::inventory {
namespace {

// Item types and tags of short items (HID 1.11, 6.2.2.2, 6.2.2.4, 6.2.2.7, 6.2.2.8).
constexpr int kMain = 0, kGlobal = 1, kLocal = 2;
constexpr int kCollection = 0xA, kEndCollection = 0xC;
constexpr int kUsagePage = 0x0, kPush = 0xA, kPop = 0xB;
constexpr int kUsage = 0x0;
constexpr std::uint32_t kApplication = 0x01;
constexpr unsigned char kLongItem = 0xFE;

HidApplications fail(HidApplications out, std::string why) {
    out.error = std::move(why);
    return out;
}

} // namespace

HidApplications hidApplications(std::string_view d) {
    HidApplications out;
    if (d.size() > kMaxHidDescriptor)
        return fail(out, "is longer than " + std::to_string(kMaxHidDescriptor) + " bytes");
    std::uint16_t usagePage = 0;
    std::vector<std::uint16_t> pushed; // Push and Pop save and restore the global state (its page here)
    // The first Usage before a Main item: 32 bits when it names its own page (bSize 3), else 16
    // bits that take the page in force at the Main item (6.2.2.8).
    std::uint32_t usage = 0;
    bool haveUsage = false, usageHasPage = false;
    int depth = 0;
    std::size_t i = 0;
    while (i < d.size()) {
        const auto prefix = static_cast<unsigned char>(d[i]);
        if (prefix == kLongItem) {
            // 0xFE, its data's size, its tag, its data: nothing the rule needs.
            if (d.size() - i < 3) return fail(out, "ends inside a long item");
            const std::size_t size = static_cast<unsigned char>(d[i + 1]);
            if (d.size() - i < 3 + size) return fail(out, "ends inside a long item");
            i += 3 + size;
            continue;
        }
        const std::size_t size = (prefix & 3) == 3 ? 4 : (prefix & 3);
        const int type = (prefix >> 2) & 3, tag = prefix >> 4;
        if (d.size() - i - 1 < size) return fail(out, "ends inside an item at byte " + std::to_string(i));
        std::uint32_t data = 0;
        for (std::size_t b = 0; b < size; ++b)
            data |= static_cast<std::uint32_t>(static_cast<unsigned char>(d[i + 1 + b])) << (8 * b);
        i += 1 + size;

        if (type == kGlobal && tag == kUsagePage) {
            usagePage = static_cast<std::uint16_t>(data);
        } else if (type == kGlobal && tag == kPush) {
            if (pushed.size() >= static_cast<std::size_t>(kMaxHidCollectionDepth))
                return fail(out, "pushes more than " + std::to_string(kMaxHidCollectionDepth) + " states");
            pushed.push_back(usagePage);
        } else if (type == kGlobal && tag == kPop) {
            if (pushed.empty()) return fail(out, "pops a state it never pushed");
            usagePage = pushed.back();
            pushed.pop_back();
        } else if (type == kLocal && tag == kUsage) {
            if (!haveUsage) {
                usage = data;
                haveUsage = true;
                usageHasPage = size == 4;
            }
        } else if (type == kMain) {
            if (tag == kCollection) {
                if (depth == 0 && data == kApplication) {
                    if (out.applications.size() >= kMaxHidApplications)
                        return fail(out, "has more than " + std::to_string(kMaxHidApplications) +
                                             " application collections");
                    out.applications.push_back({usageHasPage ? static_cast<std::uint16_t>(usage >> 16) : usagePage,
                                                static_cast<std::uint16_t>(usage)});
                }
                if (++depth > kMaxHidCollectionDepth)
                    return fail(out, "nests collections deeper than " + std::to_string(kMaxHidCollectionDepth));
            } else if (tag == kEndCollection) {
                if (depth == 0) return fail(out, "ends a collection it never began");
                --depth;
            }
            // Every Main item ends the local state (6.2.2.8).
            usage = 0;
            haveUsage = usageHasPage = false;
        }
    }
    if (depth != 0) return fail(out, "leaves " + std::to_string(depth) + " collection(s) open");
    return out;
}

} // namespace dps::agent::inventory
