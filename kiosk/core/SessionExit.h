#pragma once

namespace dps::kiosk {

// How the kiosk process may end. A visitor must find no way out: a window close request
// (Alt+F4 through a compositor or window manager, a close button, Ctrl+Q in some toolkits)
// reaches the program as SDL_WINDOWEVENT_CLOSE and is refused in full-screen kiosk mode. Only a
// stop signal (systemd stopping the session: SIGTERM, or SIGINT) and the administrator's
// maintenance exit end it. A window on a developer's desktop stays closable.
enum class CloseRequest {
    StopSignal,  // SIGTERM or SIGINT (SDL turns them into SDL_QUIT)
    WindowClose, // the window system asks the window to close
};

[[nodiscard]] constexpr bool closeAllowed(CloseRequest request, bool lockedDown) {
    return request == CloseRequest::StopSignal || !lockedDown;
}

// The exit code of the administrator's maintenance exit: the session unit counts it as a clean
// stop (SuccessExitStatus=, RestartPreventExitStatus=), so it neither restarts the kiosk nor
// shows the out-of-order screen. 64 is free in systemd's and the kiosk's own codes (0 stopped,
// 1 failed, 2 bad configuration or command line).
inline constexpr int kMaintenanceExitCode = 64;

} // namespace dps::kiosk
