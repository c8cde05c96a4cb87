#pragma once
#include "kiosk/core/Compositor.h"

#include <memory>
#include <string>

namespace dps::kiosk::compositor {

// The compositor the kiosk runs in: sway when it gave the kiosk its IPC socket ($SWAYSOCK),
// none otherwise. name: "sway (SOCKET)" or "none", for the log.
std::unique_ptr<Compositor> openCompositor(std::string& name);

} // namespace dps::kiosk::compositor
