#include "agent/core/inventory/Ipp.h"

#include <cstdint>

namespace dps::agent::inventory {
namespace {

// Value tags and delimiters of RFC 8010 §3.5.
constexpr std::uint8_t kOperationAttributes = 0x01, kEndOfAttributes = 0x03, kPrinterAttributes = 0x04;
constexpr std::uint8_t kEnum = 0x23, kKeyword = 0x44, kCharset = 0x47, kNaturalLanguage = 0x48;

void u16(std::string& out, std::size_t v) {
    out += static_cast<char>((v >> 8) & 0xff);
    out += static_cast<char>(v & 0xff);
}

void attribute(std::string& out, std::uint8_t tag, std::string_view name, std::string_view value) {
    out += static_cast<char>(tag);
    u16(out, name.size());
    out += name;
    u16(out, value.size());
    out += value;
}

std::string stateWord(std::int32_t s) {
    switch (s) {
    case 3: return "idle";
    case 4: return "printing";
    case 5: return "stopped";
    default: return "";
    }
}

} // namespace

std::string cupsGetPrintersRequest() {
    std::string r;
    r += '\x02';
    r += '\x00';             // IPP 2.0
    u16(r, 0x4002);          // CUPS-Get-Printers
    r.append("\0\0\0\1", 4); // request-id 1
    r += static_cast<char>(kOperationAttributes);
    attribute(r, kCharset, "attributes-charset", "utf-8");
    attribute(r, kNaturalLanguage, "attributes-natural-language", "en");
    attribute(r, kKeyword, "requested-attributes", "printer-name");
    // Further values of the same attribute have an empty name.
    attribute(r, kKeyword, "", "printer-make-and-model");
    attribute(r, kKeyword, "", "printer-state");
    attribute(r, kKeyword, "", "device-uri");
    r += static_cast<char>(kEndOfAttributes);
    return r;
}

std::string httpPostIpp(const std::string& ippBody) {
    return "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/ipp\r\nContent-Length: " +
           std::to_string(ippBody.size()) + "\r\nConnection: close\r\n\r\n" + ippBody;
}

std::variant<std::string, std::string> httpAnswerBody(std::string_view raw) {
    using Result = std::variant<std::string, std::string>;
    const auto fail = [](std::string why) { return Result(std::in_place_index<1>, std::move(why)); };
    const auto headEnd = raw.find("\r\n\r\n");
    if (headEnd == std::string_view::npos || raw.substr(0, 5) != "HTTP/") return fail("cupsd's answer is not HTTP");
    const std::string_view head = raw.substr(0, headEnd);
    const auto space = head.find(' ');
    if (space == std::string_view::npos || head.substr(space + 1, 3) != "200")
        return fail("cupsd answered " + std::string(head.substr(0, head.find('\r'))));
    std::string lower(head);
    for (char& c : lower)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    std::string_view rest = raw.substr(headEnd + 4);
    if (lower.find("transfer-encoding: chunked") == std::string::npos) return Result(std::in_place_index<0>, rest);
    std::string body;
    while (true) {
        const auto lineEnd = rest.find("\r\n");
        if (lineEnd == std::string_view::npos) return fail("cupsd's answer is cut short");
        std::size_t size = 0;
        for (const char c : rest.substr(0, lineEnd)) {
            const int d = c >= '0' && c <= '9'   ? c - '0'
                          : c >= 'a' && c <= 'f' ? c - 'a' + 10
                          : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                 : -1;
            if (d < 0) break; // chunk extensions follow a ';'
            size = size * 16 + static_cast<std::size_t>(d);
            if (size > (64u << 20)) return fail("cupsd's answer has an impossible chunk");
        }
        rest.remove_prefix(lineEnd + 2);
        if (size == 0) return Result(std::in_place_index<0>, std::move(body));
        if (rest.size() < size + 2) return fail("cupsd's answer is cut short");
        body.append(rest.substr(0, size));
        rest.remove_prefix(size + 2);
    }
}

std::variant<std::vector<Printer>, std::string> parseCupsGetPrinters(std::string_view a) {
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(a[i]); };
    if (a.size() < 9) return std::string("the answer is too short to be IPP");
    const int status = byte(2) << 8 | byte(3);
    // 0x0000–0x00FF are successes; "not found" (0x0406) is CUPS's way of saying "no printers".
    if (status == 0x0406) return std::vector<Printer>{};
    if (status > 0x00ff) return "cupsd answered IPP status 0x" + std::to_string(status);
    std::vector<Printer> printers;
    Printer* current = nullptr;
    std::size_t i = 8;
    while (i < a.size()) {
        const std::uint8_t tag = byte(i++);
        if (tag == kEndOfAttributes) return printers;
        if (tag < 0x10) { // a new group
            current = nullptr;
            if (tag == kPrinterAttributes) current = &printers.emplace_back();
            continue;
        }
        if (i + 2 > a.size()) break;
        const std::size_t nameLength = static_cast<std::size_t>(byte(i) << 8 | byte(i + 1));
        i += 2;
        if (i + nameLength + 2 > a.size()) break;
        const std::string name(a.substr(i, nameLength));
        i += nameLength;
        const std::size_t valueLength = static_cast<std::size_t>(byte(i) << 8 | byte(i + 1));
        i += 2;
        if (i + valueLength > a.size()) break;
        const std::string_view value = a.substr(i, valueLength);
        i += valueLength;
        if (!current || name.empty()) continue; // further values: none of ours has several
        if (name == "printer-name")
            current->name = value;
        else if (name == "printer-make-and-model")
            current->makeModel = value;
        else if (name == "device-uri")
            current->uri = value;
        else if (name == "printer-state" && tag == kEnum && valueLength == 4)
            current->state = stateWord(static_cast<std::int32_t>(
                static_cast<std::uint32_t>(byte(i - 4)) << 24 | static_cast<std::uint32_t>(byte(i - 3)) << 16 |
                static_cast<std::uint32_t>(byte(i - 2)) << 8 | byte(i - 1)));
    }
    return std::string("the answer is cut short");
}

} // namespace dps::agent::inventory
