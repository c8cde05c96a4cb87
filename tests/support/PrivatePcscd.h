#pragma once
#include "Process.h"
#include "TempDir.h"

#include <memory>
#include <string>

namespace dps::test {

// A pcscd of the test's own, on its own socket, with one virtual reader (vpcd on `port`) or none.
// Clients find it through PCSCLITE_CSOCK_NAME, which useInThisProcess() sets (pcsc-lite reads it
// once per process). It can be stopped and started again on the same socket, as a pcscd restart.
class PrivatePcscd {
public:
    PrivatePcscd(int port, bool withReader);
    ~PrivatePcscd();
    [[nodiscard]] std::string socket() const { return (dir_ / "pcscd.comm").string(); }
    void useInThisProcess() const;
    void stop();
    void start();
    [[nodiscard]] bool running() const { return daemon_ != nullptr; }
    // pcscd's own process id (systemd-socket-activate execs it), -1 when stopped.
    [[nodiscard]] pid_t pid() const { return daemon_ ? daemon_->pid() : -1; }

private:
    TempDir dir_;
    std::unique_ptr<Process> daemon_;
};

// A TCP port pair nobody listens on or has claimed, for a vpcd reader (it takes port and port+1).
// Claimed for the rest of this process.
int freePortPair();

} // namespace dps::test
