#pragma once
#include "Process.h"

#include <filesystem>
#include <memory>
#include <string>

namespace dps::test {

// A private Xvfb server: it picks a free display number itself (-displayfd), so tests can run
// in parallel.
class VirtualDisplay {
public:
    VirtualDisplay(int width, int height, const std::filesystem::path& workDir);
    [[nodiscard]] const std::string& name() const { return name_; } // ":N"
    // Real pointer input, as a person's mouse or finger would give it.
    void click(int x, int y) const;
    // The whole screen, as X has it, written as an XWD file.
    void capture(const std::filesystem::path& xwdFile) const;

private:
    std::filesystem::path workDir_;
    std::unique_ptr<Process> server_;
    std::string name_;
};

} // namespace dps::test
