#pragma once
#include "kiosk/core/freeuse/BrowserSession.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace dps::kiosk {

// Where the browser finds the start page (packaging/free-use/start/index.html): the session runner
// copies it into the session's read-only tmpfs at this path, the one file the URL filter allows
// (docs/free-use.md, "How the kiosk starts a session").
inline constexpr std::string_view kStartPageFile = "file:///etc/chromium/start/index.html";
// The session runner refuses longer addresses (dps-free-use-session's --url check).
inline constexpr std::size_t kStartAddressMax = 2048;

// The start page's address for one session: the page's file, then its language and tiles in the
// fragment, "#lang=fr&t=NAME&u=URL&t=NAME&u=URL", every value percent-encoded (all but RFC 3986's
// unreserved characters), so a name or address can neither end its value nor add a field, and the
// address holds no space, quote or backslash. The fragment never leaves the browser.
struct StartAddress {
    std::string url;
    // Tiles left out, from the last, because the address would have been longer than the limit.
    std::size_t tilesLeftOut = 0;
};
StartAddress startAddress(const StartPage& page, std::string_view file = kStartPageFile,
                          std::size_t limit = kStartAddressMax);

// A value as the fragment carries it: unreserved characters as they are, every other byte %XX.
std::string percentEncoded(std::string_view value);

} // namespace dps::kiosk
