#pragma once
#include <string>
#include <sys/types.h>
#include <vector>

namespace dps::kiosk::browser {

// A program the adapter runs (the free-use service without systemd, the input watch), its standard
// input and output on one descriptor of ours, its standard error the kiosk's (the journal).
class Child {
public:
    // argv[0] is looked up in PATH; env empty: the kiosk's own environment. io becomes the
    // child's descriptors 0 and 1 (-1: /dev/null for 0 and the kiosk's for 1). Throws on failure.
    Child(const std::vector<std::string>& argv, const std::vector<std::string>& env, int in, int out);
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    // Ends it (SIGTERM) if it still runs, and reaps it when it is already gone; never waits.
    ~Child();
    // True once it has ended (reaped, without waiting).
    bool ended();
    void terminate();
    [[nodiscard]] pid_t pid() const { return pid_; }

private:
    pid_t pid_ = -1;
    bool ended_ = false;
};

} // namespace dps::kiosk::browser
