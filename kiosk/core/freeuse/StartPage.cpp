#include "kiosk/core/freeuse/StartPage.h"

namespace dps::kiosk {
namespace {

// RFC 3986 section 2.3: the characters a URI may carry as they are in any component.
bool unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

// The page knows these three; any other language gets its English texts (as the kiosk's screens).
std::string pageLanguage(const std::string& language) { return language == "fr" || language == "nl" ? language : "en"; }

} // namespace

std::string percentEncoded(std::string_view value) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (unreserved(c)) {
            out += c;
            continue;
        }
        const auto u = static_cast<unsigned char>(c);
        out += '%';
        out += hex[u >> 4];
        out += hex[u & 0x0F];
    }
    return out;
}

StartAddress startAddress(const StartPage& page, std::string_view file, std::size_t limit) {
    StartAddress address;
    address.url = std::string(file) + "#lang=" + pageLanguage(page.language);
    for (std::size_t i = 0; i < page.tiles.size(); ++i) {
        const std::string field =
            "&t=" + percentEncoded(page.tiles[i].name) + "&u=" + percentEncoded(page.tiles[i].url);
        // A tile cut in two would open a wrong address: whole tiles only, in their order.
        if (address.url.size() + field.size() > limit) {
            address.tilesLeftOut = page.tiles.size() - i;
            break;
        }
        address.url += field;
    }
    return address;
}

} // namespace dps::kiosk
