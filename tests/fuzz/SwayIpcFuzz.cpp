// libFuzzer target: whatever bytes come back on sway's IPC socket (a reply's 14-byte header, then
// its payload), the kiosk's compositor adapter reads a header or an error and a command's outcome
// or an error, never a crash, an out-of-bounds read or a payload longer than its limit (issue 20).
//   tests/fuzz/run-sway-ipc-fuzz.sh [SECONDS]
#include "kiosk/adapters/compositor/SwayIpc.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dps::kiosk::compositor;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const IpcHeaderRead h = readIpcHeader(bytes);
    if (h.header && h.header->length > kMaxIpcPayload) std::abort();
    if (!h.header && h.error.empty()) std::abort();
    const std::string_view payload = bytes.size() > kIpcHeaderSize ? bytes.substr(kIpcHeaderSize) : bytes;
    const CommandOutcome outcome = commandOutcome(payload);
    if (!outcome.ok && outcome.error.empty()) std::abort();
    if (outcome.ok && payload.size() > kMaxIpcPayload) std::abort();
    const WindowEventRead event = windowEvent(payload);
    if (!event.event && event.error.empty()) std::abort();
    if (event.event && (event.event->fullscreenMode < 0 || event.event->fullscreenMode > 2)) std::abort();
    if (event.event) (void)mustRefuseFullscreen(*event.event, 1);
    return 0;
}
