#include "PrivatePcscd.h"

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdexcept>
#include <sys/file.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace dps::test {

PrivatePcscd::PrivatePcscd(int port, bool withReader) {
    std::filesystem::create_directories(dir_ / "conf");
    if (withReader) {
        writeFile(dir_ / "conf" / "vpcd",
                  "FRIENDLYNAME \"Kiosk Test Reader\"\nDEVICENAME /dev/null:" + std::to_string(port) +
                      "\nLIBPATH /usr/lib/pcsc/drivers/serial/libifdvpcd.so\nCHANNELID " + std::to_string(port) + "\n");
    }
    start();
}

PrivatePcscd::~PrivatePcscd() { stop(); }

void PrivatePcscd::start() {
    if (daemon_) return;
    std::filesystem::remove(socket());
    daemon_ =
        std::make_unique<Process>(std::vector<std::string>{"systemd-socket-activate", "-l", socket(), "/usr/sbin/pcscd",
                                                           "--foreground", "--config", (dir_ / "conf").string()},
                                  std::map<std::string, std::optional<std::string>>{}, dir_.path());
    for (int i = 0; i < 100 && !std::filesystem::exists(socket()); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (!std::filesystem::exists(socket())) throw std::runtime_error("private pcscd did not start");
}

void PrivatePcscd::stop() {
    if (!daemon_) return;
    daemon_->signal(SIGTERM);
    daemon_->wait(std::chrono::seconds(5));
    daemon_.reset();
    std::filesystem::remove(socket());
}

void PrivatePcscd::useInThisProcess() const { ::setenv("PCSCLITE_CSOCK_NAME", socket().c_str(), 1); }

int freePortPair() {
    for (int port = 36000 + (::getpid() % 500) * 2; port < 65000; port += 2) {
        // pcscd starts (and vpcd listens) only when the first client connects, so a free port says
        // little while tests start side by side: each pair is also claimed with a lock, held until
        // this test process ends.
        const std::string lock = "/tmp/dps-test-vpcd-" + std::to_string(port) + ".lock";
        const int fd = ::open(lock.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
        if (fd < 0) continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd);
            continue;
        }
        bool free = true;
        for (int p : {port, port + 1}) {
            const int s = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_port = htons(static_cast<std::uint16_t>(p));
            a.sin_addr.s_addr = htonl(INADDR_ANY);
            free &= ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
            ::close(s);
        }
        if (free) return port; // the lock's descriptor stays open on purpose
        ::close(fd);
    }
    throw std::runtime_error("no free port");
}

} // namespace dps::test
