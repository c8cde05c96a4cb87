#include "VirtualDisplay.h"

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <unistd.h>

namespace dps::test {

VirtualDisplay::VirtualDisplay(int width, int height, const std::filesystem::path& workDir) : workDir_(workDir) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    // Xvfb writes the display number it chose to the inherited descriptor once it is ready.
    const std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
    server_ =
        std::make_unique<Process>(std::vector<std::string>{"Xvfb", "-displayfd", std::to_string(fds[1]), "-screen", "0",
                                                           screen, "-nolisten", "tcp", "-noreset"},
                                  std::map<std::string, std::optional<std::string>>{}, workDir);
    ::close(fds[1]);
    std::string number;
    pollfd p{fds[0], POLLIN, 0};
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < end) {
        if (::poll(&p, 1, 200) > 0) {
            char c = 0;
            const ssize_t n = ::read(fds[0], &c, 1);
            if (n <= 0 || c == '\n') break;
            number += c;
        }
    }
    ::close(fds[0]);
    if (number.empty()) throw std::runtime_error("Xvfb did not start: " + server_->stderrText());
    name_ = ":" + number;
}

void VirtualDisplay::click(int x, int y) const {
    const int rc =
        runCommand({"xdotool", "mousemove", std::to_string(x), std::to_string(y), "sleep", "0.15", "click", "1"},
                   {{"DISPLAY", name_}}, workDir_);
    if (rc != 0) throw std::runtime_error("xdotool failed");
}

void VirtualDisplay::capture(const std::filesystem::path& xwdFile) const {
    const int rc = runCommand({"xwd", "-root", "-silent", "-display", name_, "-out", xwdFile.string()}, {}, workDir_);
    if (rc != 0) throw std::runtime_error("xwd failed");
}

} // namespace dps::test
