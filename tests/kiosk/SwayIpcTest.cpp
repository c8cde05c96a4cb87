// sway's IPC messages (sway-ipc(7)) as the kiosk's compositor adapter writes and reads them. The
// replies are real sway 1.7 replies (tests/fixtures/sway-ipc/README.md says to which command).
#include "kiosk/adapters/compositor/SwayIpc.h"
#include "kiosk/adapters/compositor/SwayCompositor.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

using dps::kiosk::WindowLayout;
using dps::kiosk::compositor::CommandOutcome;
using dps::kiosk::compositor::commandOutcome;
using dps::kiosk::compositor::IpcHeaderRead;
using dps::kiosk::compositor::ipcMessage;
using dps::kiosk::compositor::kIpcHeaderSize;
using dps::kiosk::compositor::kIpcRunCommand;
using dps::kiosk::compositor::kIpcWindowEvent;
using dps::kiosk::compositor::kMaxIpcEventPayload;
using dps::kiosk::compositor::kMaxIpcPayload;
using dps::kiosk::compositor::mustRefuseFullscreen;
using dps::kiosk::compositor::readIpcHeader;
using dps::kiosk::compositor::SwayCompositor;
using dps::kiosk::compositor::WindowEvent;
using dps::kiosk::compositor::windowEvent;
using dps::kiosk::compositor::WindowEventRead;

namespace {

std::string fixture(const std::string& name) {
    const auto path = std::filesystem::path(DPS_SOURCE_DIR) / "tests" / "fixtures" / "sway-ipc" / name;
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << path;
    return {std::istreambuf_iterator<char>(in), {}};
}

std::string header(std::string_view magic, std::uint32_t length, std::uint32_t type) {
    std::string h(magic);
    char word[4];
    std::memcpy(word, &length, 4);
    h.append(word, 4);
    std::memcpy(word, &type, 4);
    h.append(word, 4);
    return h;
}

} // namespace

TEST(SwayIpc, AMessageIsTheMagicTheLengthTheTypeThenThePayload) {
    const std::string m = ipcMessage(kIpcRunCommand, "gaps top all set 56");
    ASSERT_EQ(m.size(), kIpcHeaderSize + 19);
    EXPECT_EQ(m.substr(0, 6), "i3-ipc");
    EXPECT_EQ(m.substr(0, kIpcHeaderSize), header("i3-ipc", 19, 0));
    EXPECT_EQ(m.substr(kIpcHeaderSize), "gaps top all set 56");
}

TEST(SwayIpc, ReadsSwaysRealRepliesSuccessAndRefusals) {
    const std::string ok = fixture("run-command-success.bin");
    const IpcHeaderRead h = readIpcHeader(ok);
    ASSERT_TRUE(h.header) << h.error;
    EXPECT_EQ(h.header->type, kIpcRunCommand);
    EXPECT_EQ(h.header->length, ok.size() - kIpcHeaderSize);
    EXPECT_TRUE(commandOutcome(ok.substr(kIpcHeaderSize)).ok);

    const std::string none = fixture("run-command-no-matching-node.bin");
    const CommandOutcome missing = commandOutcome(none.substr(kIpcHeaderSize));
    EXPECT_FALSE(missing.ok);
    EXPECT_EQ(missing.error, "sway refused command 1: No matching node.");

    const std::string unknown = fixture("run-command-unknown.bin");
    const CommandOutcome refused = commandOutcome(unknown.substr(kIpcHeaderSize));
    EXPECT_FALSE(refused.ok);
    EXPECT_EQ(refused.error, "sway refused command 1: Unknown/invalid command 'nosuchcommand'");
}

TEST(SwayIpc, BadRepliesSayWhatIsWrong) {
    EXPECT_EQ(readIpcHeader("i3-ipc").error, "sway's reply ended after 6 of its 14 header bytes");
    EXPECT_EQ(readIpcHeader(header("i4-ipc", 2, 0)).error,
              "sway's reply does not start with \"i3-ipc\": not sway's IPC socket");
    EXPECT_EQ(readIpcHeader(header("i3-ipc", 0xFFFFFFFFU, 0)).error,
              "sway's reply announces 4294967295 bytes, more than the 65536 it may have");
    EXPECT_TRUE(readIpcHeader(header("i3-ipc", kMaxIpcPayload, 0)).header);

    EXPECT_EQ(commandOutcome("{\"success\": true}").error,
              "sway's reply is not a list of results (sway-ipc(7), RUN_COMMAND)");
    EXPECT_EQ(commandOutcome("[]").error, "sway's reply is not a list of results (sway-ipc(7), RUN_COMMAND)");
    EXPECT_EQ(commandOutcome("[ { \"success\": true }, { \"error\": \"x\" } ]").error,
              "sway's result 2 has no \"success\"");
    EXPECT_EQ(commandOutcome("[ { \"success\": false } ]").error, "sway refused command 1: no reason");
    EXPECT_EQ(commandOutcome(std::string(20, '[') + std::string(20, ']')).error,
              "sway's reply nests deeper than 8 levels");
    EXPECT_FALSE(commandOutcome("[ { \"success\": tru").ok);
    EXPECT_EQ(commandOutcome(std::string(kMaxIpcPayload + 1, ' ')).error,
              "sway's reply is longer than a command's reply may be");
}

TEST(SwayIpc, TheBarIsTheKiosksOwnWindowByProcessIdAndTheGapFollowsItsHeight) {
    const auto bar = SwayCompositor::commandsFor(WindowLayout::bar(96), 4242);
    ASSERT_EQ(bar.size(), 2U);
    EXPECT_EQ(bar[0], "[pid=4242] fullscreen disable, floating enable, sticky enable, border none, resize set width "
                      "100 ppt height 96 px, move absolute position 0 0");
    EXPECT_EQ(bar[1], "gaps top all set 96");
    const auto full = SwayCompositor::commandsFor(WindowLayout::fullScreen(), 4242);
    ASSERT_EQ(full.size(), 1U);
    EXPECT_EQ(full[0], "[pid=4242] sticky disable, floating disable, fullscreen enable, focus");
}

TEST(SwayIpc, NoSocketIsAClearErrorNotAHang) {
    SwayCompositor sway("/nonexistent/sway-ipc.sock", 1);
    const auto error = sway.place(WindowLayout::bar(56));
    ASSERT_TRUE(error);
    EXPECT_EQ(*error, "sway's IPC socket /nonexistent/sway-ipc.sock: No such file or directory");
}

TEST(SwayIpc, WindowEventsFromSwayAndWhichWindowsLoseFullScreen) {
    const std::string on = fixture("window-event-fullscreen-on.bin");
    const IpcHeaderRead h = readIpcHeader(on, kMaxIpcEventPayload);
    ASSERT_TRUE(h.header) << h.error;
    EXPECT_EQ(h.header->type, kIpcWindowEvent);
    const WindowEventRead read = windowEvent(on.substr(kIpcHeaderSize));
    ASSERT_TRUE(read.event) << read.error;
    EXPECT_EQ(read.event->change, "fullscreen_mode");
    EXPECT_EQ(read.event->conId, 7);
    EXPECT_EQ(read.event->pid, 14402); // Chromium's browser process, when the fixture was taken
    EXPECT_EQ(read.event->fullscreenMode, 1);
    EXPECT_TRUE(mustRefuseFullscreen(*read.event, 4242));
    EXPECT_FALSE(mustRefuseFullscreen(*read.event, 14402)); // the kiosk's own window may be

    const std::string off = fixture("window-event-fullscreen-off.bin");
    const WindowEventRead left = windowEvent(off.substr(kIpcHeaderSize));
    ASSERT_TRUE(left.event) << left.error;
    EXPECT_EQ(left.event->fullscreenMode, 0);
    EXPECT_FALSE(mustRefuseFullscreen(*left.event, 4242));

    WindowEvent focus = *read.event;
    focus.change = "focus"; // a full-screen window's other events: it was dealt with already
    EXPECT_FALSE(mustRefuseFullscreen(focus, 4242));
}

TEST(SwayIpc, BadWindowEventsSayWhatIsWrong) {
    EXPECT_EQ(windowEvent("[]").error, "sway's window event is not an object");
    EXPECT_EQ(windowEvent(R"({"change": "new"})").error, "sway's window event has no \"change\" or no \"container\"");
    EXPECT_EQ(windowEvent(R"({"change": "fullscreen_mode", "container": {"id": "7"}})").error,
              "sway's window event has an id, pid or fullscreen_mode that is not a whole number");
    EXPECT_EQ(windowEvent(std::string(40, '[') + std::string(40, ']')).error,
              "sway's window event nests deeper than 8 levels");
    EXPECT_EQ(windowEvent(std::string(kMaxIpcEventPayload + 1, ' ')).error,
              "sway's window event is longer than its limit");
    // A node without a process (sway leaves pid out): read, pid 0.
    const WindowEventRead noPid =
        windowEvent(R"({"change": "fullscreen_mode", "container": {"id": 9, "fullscreen_mode": 1}})");
    ASSERT_TRUE(noPid.event) << noPid.error;
    EXPECT_EQ(noPid.event->pid, 0);
}
