#pragma once
#include "kiosk/core/Compositor.h"

#include <filesystem>
#include <string>
#include <vector>

namespace dps::kiosk::compositor {

// The kiosk's window under sway, through sway's IPC socket ($SWAYSOCK, which sway gives the
// programs it starts): the session bar is the kiosk's own window made floating and sticky at the
// top, full width, with the workspace's top gap as high as the bar so the browser's tiled
// windows start below it; full screen again after. The window is found by the kiosk's process id
// (criteria [pid=N]): an app_id could be copied by another client, a process id cannot.
// The socket is the compositor's user's only (sway makes it 0700 in XDG_RUNTIME_DIR): the
// visitor's browser, another user, cannot send sway commands.
class SwayCompositor final : public Compositor {
public:
    SwayCompositor(std::filesystem::path socket, int pid);
    [[nodiscard]] std::optional<std::string> place(const WindowLayout& layout) override;
    // The commands a layout takes (one RUN_COMMAND, separated by ';'), for the log and the tests.
    [[nodiscard]] static std::vector<std::string> commandsFor(const WindowLayout& layout, int pid);

private:
    std::filesystem::path socket_;
    int pid_;
};

} // namespace dps::kiosk::compositor
