#include "kiosk/adapters/compositor/OpenCompositor.h"
#include "kiosk/adapters/compositor/NoCompositor.h"
#include "kiosk/adapters/compositor/SwayCompositor.h"

#include <cstdlib>
#include <unistd.h>

namespace dps::kiosk::compositor {

std::unique_ptr<Compositor> openCompositor(std::string& name) {
    const char* socket = std::getenv("SWAYSOCK");
    if (socket && *socket) {
        name = std::string("sway (") + socket + ")";
        return std::make_unique<SwayCompositor>(socket, static_cast<int>(::getpid()));
    }
    name = "none";
    return std::make_unique<NoCompositor>();
}

} // namespace dps::kiosk::compositor
