#include "VirtualCard.h"

#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace dps::test {
namespace {

// The ATR of an applet 1.8 card (cards since 2020).
const std::vector<std::uint8_t> kAtr{0x3B, 0x7F, 0x96, 0x00, 0x00, 0x80, 0x31, 0x80, 0x65, 0xB0,
                                     0x85, 0x04, 0x01, 0x20, 0x12, 0x0F, 0xFF, 0x82, 0x90, 0x00};

bool readAll(int fd, std::uint8_t* p, std::size_t n, const std::atomic<bool>& stop) {
    while (n > 0) {
        pollfd pfd{fd, POLLIN, 0};
        if (stop) return false;
        const int ready = ::poll(&pfd, 1, 100);
        if (ready == 0) continue;
        const ssize_t got = ::read(fd, p, n);
        if (got <= 0) return false;
        p += got;
        n -= static_cast<std::size_t>(got);
    }
    return true;
}

bool send(int fd, const std::vector<std::uint8_t>& payload) {
    std::vector<std::uint8_t> frame{static_cast<std::uint8_t>(payload.size() >> 8),
                                    static_cast<std::uint8_t>(payload.size() & 0xFF)};
    frame.insert(frame.end(), payload.begin(), payload.end());
    return ::write(fd, frame.data(), frame.size()) == static_cast<ssize_t>(frame.size());
}

} // namespace

VirtualCard::VirtualCard(int port, std::unique_ptr<kiosk::eid::SmartCard> behaviour, bool mute)
    : port_(port), behaviour_(std::move(behaviour)), mute_(mute), thread_([this] { serve(); }) {}

VirtualCard::~VirtualCard() {
    stop_ = true;
    thread_.join();
}

void VirtualCard::serve() {
    // vpcd listens inside pcscd; the card connects to it (and again if pcscd restarts).
    while (!stop_) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port_));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(fd);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        bool powered = false;
        for (;;) {
            std::uint8_t head[2];
            if (!readAll(fd, head, 2, stop_)) break;
            std::vector<std::uint8_t> msg(static_cast<std::size_t>((head[0] << 8) | head[1]));
            if (!msg.empty() && !readAll(fd, msg.data(), msg.size(), stop_)) break;
            if (msg.size() == 1) {
                // A mute card is seen (pcscd's presence poll gets an ATR) but gives no ATR once powered.
                if (msg[0] == 0x01 || msg[0] == 0x02) powered = true;
                if (msg[0] == 0x00) powered = false;
                if (msg[0] == 0x04 && !send(fd, mute_ && powered ? std::vector<std::uint8_t>{} : kAtr)) break;
                continue; // power off, on, reset: nothing to answer
            }
            const auto answer = behaviour_->transmit(msg);
            if (!send(fd, answer.value_or(std::vector<std::uint8_t>{0x6F, 0x00}))) break;
        }
        ::close(fd);
    }
}

} // namespace dps::test
