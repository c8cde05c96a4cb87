#include "VirtualCard.h"

#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace dps::test {
namespace {

// The ATR of an applet 1.8 card (cards since 2020).
const std::vector<std::uint8_t> kAtr{0x3B, 0x7F, 0x96, 0x00, 0x00, 0x80, 0x31, 0x80, 0x65, 0xB0,
                                     0x85, 0x04, 0x01, 0x20, 0x12, 0x0F, 0xFF, 0x82, 0x90, 0x00};
// Longer than MAX_ATR_SIZE (33): vpcd's power-up fails ("not enough memory for ATR") without
// dropping the card, which pcscd shows as SCARD_STATE_MUTE.
const std::vector<std::uint8_t> kTooLongAtr(40, 0x3B);

// Reads n bytes, giving up when `stop` is set or the peer closes.
bool readAll(int fd, std::uint8_t* p, std::size_t n, const std::function<bool()>& stop) {
    while (n > 0) {
        pollfd pfd{fd, POLLIN, 0};
        if (stop()) return false;
        const int ready = ::poll(&pfd, 1, 50);
        if (ready == 0) continue;
        const ssize_t got = ::read(fd, p, n);
        if (got <= 0) return false;
        // vpcd sends a command's length and its bytes in two writes: with Nagle on its side, the
        // second waits for our ACK, which Linux delays by ~40 ms unless told otherwise (per read).
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
        p += got;
        n -= static_cast<std::size_t>(got);
    }
    return true;
}

template <class Buffer> bool send(int fd, const Buffer& payload) {
    std::vector<std::uint8_t> frame{static_cast<std::uint8_t>(payload.size() >> 8),
                                    static_cast<std::uint8_t>(payload.size() & 0xFF)};
    frame.insert(frame.end(), payload.begin(), payload.end());
    return ::send(fd, frame.data(), frame.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(frame.size());
}

} // namespace

VirtualCard::VirtualCard(int port, std::unique_ptr<kiosk::eid::SmartCard> behaviour, Options options)
    : port_(port), behaviour_(std::move(behaviour)), options_(std::move(options)), inserted_(options_.insertedAtStart),
      thread_([this] { serve(); }) {}

VirtualCard::~VirtualCard() {
    stop_ = true;
    cv_.notify_all();
    thread_.join();
}

void VirtualCard::insert() {
    inserted_ = true;
    cv_.notify_all();
}

void VirtualCard::pull() { inserted_ = false; }

void VirtualCard::serve() {
    const auto out = [this] { return stop_ || !inserted_; };
    while (!stop_) {
        {
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, std::chrono::milliseconds(50), [this] { return stop_ || inserted_; });
        }
        if (out()) continue;
        // vpcd listens inside pcscd; the card connects to it (and again if pcscd restarts).
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
        // A card answers at once: no Nagle delay on its answers either.
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        for (;;) {
            std::uint8_t head[2];
            if (!readAll(fd, head, 2, out)) break;
            std::vector<std::uint8_t> msg(static_cast<std::size_t>((head[0] << 8) | head[1]));
            if (!msg.empty() && !readAll(fd, msg.data(), msg.size(), out)) break;
            if (msg.size() == 1) {
                const auto& atr = options_.mute ? kTooLongAtr : options_.atr.empty() ? kAtr : options_.atr;
                if (msg[0] == 0x04 && !send(fd, atr)) break;
                if ((msg[0] == 0x00 || msg[0] == 0x02) && options_.onReset) options_.onReset();
                continue; // power off, on, reset: nothing to answer
            }
            const int n = ++commands_;
            if (options_.onCommand) options_.onCommand(n);
            if (options_.pullAfter >= 0 && n == options_.pullAfter + 1) {
                inserted_ = false; // pulled out before it could answer (once)
                break;
            }
            const auto answer = behaviour_->transmit(msg);
            if (!answer) break; // the behaviour says the card is gone
            if (!send(fd, *answer)) break;
        }
        ::close(fd);
    }
}

} // namespace dps::test
