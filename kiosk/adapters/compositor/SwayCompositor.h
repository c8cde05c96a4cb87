#pragma once
#include "kiosk/core/Compositor.h"

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dps::kiosk::compositor {

// The kiosk's window under sway, through sway's IPC socket ($SWAYSOCK, which sway gives the
// programs it starts): the session bar is the kiosk's own window made floating and sticky at the
// top, full width, with the workspace's top gap as high as the bar so the browser's tiled
// windows start below it; full screen again after. The window is found by the kiosk's process id
// (criteria [pid=N]): an app_id could be copied by another client, a process id cannot.
// The socket is the compositor's user's only (sway makes it 0700 in XDG_RUNTIME_DIR): the
// visitor's browser, another user, cannot send sway commands.
//
// sway grants any window's request for full screen, and a full-screen window covers floating
// ones: a page's requestFullscreen() in a browser without the FullscreenAllowed policy covered
// the bar (tests/kiosksession). So a thread of the adapter follows sway's window events and
// takes full screen back from any window but the kiosk's at once (and gives it back to the
// kiosk when it is full screen). The bar does not rely on the browser's policy alone.
// Window events carry the window's title (a page's address or title): the adapter keeps none of
// it (each event's bytes are cleared once read), and after another window closes it subscribes
// anew and drops the old connection, so that sway frees what it buffered for it (the titles of
// the session; docs/free-use.md "The wipe").
class SwayCompositor final : public Compositor {
public:
    SwayCompositor(std::filesystem::path socket, int pid);
    SwayCompositor(const SwayCompositor&) = delete;
    SwayCompositor& operator=(const SwayCompositor&) = delete;
    ~SwayCompositor() override;
    [[nodiscard]] std::optional<std::string> place(const WindowLayout& layout) override;
    // How many times another window's full screen was taken back (for the tests and the log).
    [[nodiscard]] int fullscreensRefused() const { return refused_; }
    // The commands a layout takes (one RUN_COMMAND, separated by ';'), for the log and the tests.
    [[nodiscard]] static std::vector<std::string> commandsFor(const WindowLayout& layout, int pid);

private:
    // One RUN_COMMAND on a connection of its own; nullopt: every command succeeded.
    [[nodiscard]] std::optional<std::string> run(const std::string& commands) const;
    void guard();
    // Follows the window events on fd, which it may replace by a new subscription (fd then names
    // the one in use); returns when the connection ends or the adapter stops.
    void followEvents(int& fd);
    // Subscribes fd to window events; false when sway did not take it.
    [[nodiscard]] static bool subscribe(int fd);

    std::filesystem::path socket_;
    int pid_;
    std::atomic<bool> kioskFullScreen_{true};
    std::atomic<int> refused_{0};
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false; // under mutex_
    int eventFd_ = -1;      // under mutex_: shut down to stop the guard's read
    std::thread guard_;
};

} // namespace dps::kiosk::compositor
