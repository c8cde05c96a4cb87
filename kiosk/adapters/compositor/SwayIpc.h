#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dps::kiosk::compositor {

// sway's IPC messages (sway-ipc(7), "MESSAGE AND REPLY FORMAT"): the magic string "i3-ipc", the
// payload's length and the message type as 32-bit integers in the host's byte order, then the
// payload (JSON in replies).
inline constexpr std::string_view kIpcMagic = "i3-ipc";
inline constexpr std::size_t kIpcHeaderSize = 14;
// sway-ipc(7): RUN_COMMAND is type 0 and SUBSCRIBE 2, their replies come with the same type;
// the window event is 0x80000003 (the high bit marks events).
inline constexpr std::uint32_t kIpcRunCommand = 0;
inline constexpr std::uint32_t kIpcSubscribe = 2;
inline constexpr std::uint32_t kIpcWindowEvent = 0x80000003;
// The longest reply the kiosk reads: a RUN_COMMAND's reply is one small object per command; a
// longer one is not what was asked for, and reading it would let a stuck peer fill our memory.
inline constexpr std::size_t kMaxIpcPayload = 64 * 1024;
// The longest window event the kiosk reads (one window's node: under 1 KB; a page's long title
// makes it longer). A longer one is skipped, not read, and the stream goes on.
inline constexpr std::size_t kMaxIpcEventPayload = 256 * 1024;
// How deep a reply's JSON may nest (sway's is an array of objects: 2).
inline constexpr std::size_t kMaxIpcJsonDepth = 8;

std::string ipcMessage(std::uint32_t type, std::string_view payload);

struct IpcHeader {
    std::uint32_t length = 0;
    std::uint32_t type = 0;
};
// The 14 bytes before a reply's payload; the error says what is wrong with them.
struct IpcHeaderRead {
    std::optional<IpcHeader> header;
    std::string error;
};
// maxPayload: a longer announced payload is an error (an event stream may skip it instead).
IpcHeaderRead readIpcHeader(std::string_view bytes, std::size_t maxPayload = kMaxIpcPayload);

// What a RUN_COMMAND reply says: every command succeeded, or the first failure's words (sway's
// own "error" text, such as "No matching node." when the kiosk's window is not there, or what is
// wrong with the reply).
struct CommandOutcome {
    bool ok = false;
    std::string error;
};
CommandOutcome commandOutcome(std::string_view payload);

// A window event's facts the kiosk acts on (sway-ipc(7), WINDOW event): what changed, and the
// window's node id, process id (0: none) and fullscreen_mode (0 none, 1 its workspace, 2 all).
struct WindowEvent {
    std::string change;
    long long conId = 0;
    long long pid = 0;
    int fullscreenMode = 0;
};
struct WindowEventRead {
    std::optional<WindowEvent> event;
    std::string error;
};
WindowEventRead windowEvent(std::string_view payload);
// Whether sway must be told to take full screen from this window: a window other than the
// kiosk's (a page's fullscreen request through the browser) went full screen. Only the kiosk's
// window may cover the screen; in free use not even the kiosk's, which is then the bar.
bool mustRefuseFullscreen(const WindowEvent& event, long long kioskPid);

} // namespace dps::kiosk::compositor
