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
// sway-ipc(7): RUN_COMMAND is type 0 and its reply comes with the same type.
inline constexpr std::uint32_t kIpcRunCommand = 0;
// The longest reply the kiosk reads: a RUN_COMMAND's reply is one small object per command; a
// longer one is not what was asked for, and reading it would let a stuck peer fill our memory.
inline constexpr std::size_t kMaxIpcPayload = 64 * 1024;
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
IpcHeaderRead readIpcHeader(std::string_view bytes);

// What a RUN_COMMAND reply says: every command succeeded, or the first failure's words (sway's
// own "error" text, such as "No matching node." when the kiosk's window is not there, or what is
// wrong with the reply).
struct CommandOutcome {
    bool ok = false;
    std::string error;
};
CommandOutcome commandOutcome(std::string_view payload);

} // namespace dps::kiosk::compositor
