// The PIN in pcscd's memory (issue 20, docs/eid-pkcs11.md "pcscd and the PIN"): the positive control
// the wipe's memory search lacked, on real parts (pcsc-lite's client library and a private pcscd
// 1.9.9 with vsmartcard's vpcd reader and our virtual card). pcscd serves each client connection
// (each SCardEstablishContext) on a thread of its own and reads every command the client sends into
// a buffer on that thread's stack (winscard_svc.c, SCARD_TRANSMIT: pbSendBuffer), where it stays
// until the next command; when the client goes, the thread ends and glibc hands its stack back to
// the kernel (MADV_DONTNEED: the pages read as zeros). The search reads pcscd's writable memory,
// thread stacks included, through /proc/PID/mem.
#include "PcscCardBench.h"
#include "ProcessMemory.h"
#include "kiosk/core/eid/CardSession.h"

#include <gtest/gtest.h>
#include <random>
#include <string>
#include <thread>

using dps::kiosk::eid::CardSession;
using dps::kiosk::eid::PcscService;
using dps::kiosk::eid::PinBlock;
using dps::kiosk::eid::SignError;
using std::chrono::milliseconds;

namespace {

// 12 random digits: no memory holds their PIN block by chance.
std::string randomPin() {
    std::random_device r;
    std::string pin;
    for (int i = 0; i < 12; ++i)
        pin += static_cast<char>('0' + r() % 10);
    return pin;
}

struct PinBench : dps::test::PcscCardBench {
    // How many times pcscd's memory holds the PIN block of `digits`.
    std::size_t inPcscd(const std::string& digits) const {
        const auto block = PinBlock::fromDigits(digits);
        const std::string_view needle(reinterpret_cast<const char*>(block->bytes().data()), block->bytes().size());
        const auto found = dps::test::searchMemory(pcscd.pid(), {needle});
        EXPECT_GT(found.bytesRead, 0U) << "pcscd's memory could not be read";
        return found.found;
    }
};

} // namespace

// The e-ID module in the browser is such a client: its connection lives as long as the browser,
// which the wipe ends.
TEST(PinInPcscd, AVerifysPinBlockIsInPcscdWhileItsClientIsConnectedAndGoneWithTheClient) {
    PinBench b;
    const std::string pin = randomPin();
    std::string wrong = randomPin();
    while (wrong == pin)
        wrong = randomPin();
    auto state = b.insert(b.pki.card({.applet = 0x18}));
    state->profile.pin = pin;
    ASSERT_FALSE(b.reader.empty());
    EXPECT_EQ(b.inPcscd(wrong), 0U) << "before any VERIFY";
    {
        PcscService client; // the module's connection to pcscd
        SignError error = SignError::CardError;
        auto session = CardSession::open(client, b.reader, error);
        ASSERT_TRUE(session);
        const auto block = PinBlock::fromDigits(wrong);
        EXPECT_EQ(session->verifyPin({.typed = &*block}).error, SignError::WrongPin);
        EXPECT_GT(b.inPcscd(wrong), 0U) << "the search cannot find a VERIFY's PIN block in pcscd";
        session.reset(); // LOG OFF, the card disconnected; the context (pcscd's thread) still there
        EXPECT_GT(b.inPcscd(wrong), 0U) << "the PIN block went with the card's connection already";
    }
    // The client's context released: pcscd sees its socket close and ends the thread.
    std::size_t left = 1;
    for (int i = 0; i < 50 && left > 0; ++i) {
        std::this_thread::sleep_for(milliseconds(100));
        left = b.inPcscd(wrong);
    }
    EXPECT_EQ(left, 0U) << "pcscd keeps the PIN block after its client is gone";
    EXPECT_EQ(state->profile.pinTries, 2) << "one try used, the right PIN never sent";
}
