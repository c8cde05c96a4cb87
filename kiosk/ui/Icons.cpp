#include "kiosk/ui/Icons.h"

#include <array>
#include <utility>

namespace dps::kiosk::icon {

const char* pictogram(const std::string& name) {
    static constexpr std::array<std::pair<const char*, const char*>, 16> kByName{{
        {"mouse", Mouse},
        {"keyboard", Keyboard},
        {"hand", Hand},
        {"key", Key},
        {"shield", Shield},
        {"bank", Bank},
        {"envelope", Envelope},
        {"search", Search},
        {"id-card", IdCard},
        {"form", Form},
        {"video", Video},
        {"briefcase", Briefcase},
        {"mobile", Mobile},
        {"globe", Globe},
        {"lock", Lock},
        {"users", Users},
    }};
    for (const auto& [n, glyph] : kByName) {
        if (name == n) return glyph;
    }
    return Learn;
}

} // namespace dps::kiosk::icon
