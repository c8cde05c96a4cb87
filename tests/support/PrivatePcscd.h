#pragma once
#include "Process.h"
#include "TempDir.h"

#include <memory>
#include <string>

namespace dps::test {

// A pcscd of the test's own, on its own socket, with one virtual reader (vpcd on `port`) or none.
// Clients find it through PCSCLITE_CSOCK_NAME, which useInThisProcess() sets.
class PrivatePcscd {
public:
    PrivatePcscd(int port, bool withReader);
    ~PrivatePcscd();
    [[nodiscard]] std::string socket() const { return (dir_ / "pcscd.comm").string(); }
    void useInThisProcess() const;

private:
    TempDir dir_;
    std::unique_ptr<Process> daemon_;
};

// A TCP port nobody listens on, for a vpcd reader (it takes port and port+1).
int freePortPair();

} // namespace dps::test
