// The e-ID check end to end on real parts: pcsc-lite's client library, a private pcscd with a
// vsmartcard virtual reader, and a card of ours speaking the vpcd protocol.
#include "EidCards.h"
#include "PrivatePcscd.h"
#include "VirtualCard.h"
#include "core/eid/CardCheck.h"
#include "eid/PcscService.h"

#include <gtest/gtest.h>
#include <thread>

using namespace dps::kiosk::eid;
using namespace std::chrono;
using dps::test::validCard;

namespace {

const year_month_day kToday = year{2026} / 11 / 23;

// pcscd polls the virtual reader every 400 ms: run the check until it sees the expected state.
CheckReport checkUntil(Outcome wanted, milliseconds timeout = seconds(5)) {
    PcscService service;
    CheckReport r;
    const auto end = steady_clock::now() + timeout;
    do {
        r = runCardCheck(service, kToday);
        if (r.verdict == wanted) break;
        std::this_thread::sleep_for(milliseconds(100));
    } while (steady_clock::now() < end);
    return r;
}

} // namespace

TEST(EidCheckPcsc, AValidCardInAVirtualReaderWorks) {
    const int port = dps::test::freePortPair();
    dps::test::PrivatePcscd pcscd(port, true);
    pcscd.useInThisProcess();
    int emptyVerifies = 0;
    dps::test::VirtualCard card(port, std::make_unique<dps::test::FakeCard>(validCard(), &emptyVerifies));
    const auto r = checkUntil(Outcome::CardValid);
    EXPECT_EQ(r.verdict, Outcome::CardValid);
    EXPECT_TRUE(r.cardWorks());
    EXPECT_EQ(r.readerName.rfind("Kiosk Test Reader", 0), 0U) << r.readerName;
    EXPECT_EQ(r.validUntil, year{2032} / 2 / 1);
    EXPECT_EQ(r.pinTriesLeft, 3);
}

// pcsc-lite reads PCSCLITE_CSOCK_NAME once per process: one private pcscd per test (ctest runs
// each test in its own process).
TEST(EidCheckPcsc, NoReaderIsReported) {
    dps::test::PrivatePcscd empty(dps::test::freePortPair(), false);
    empty.useInThisProcess();
    EXPECT_EQ(checkUntil(Outcome::ReaderMissing).verdict, Outcome::ReaderMissing);
}

TEST(EidCheckPcsc, AReaderWithoutACardAsksForTheCard) {
    dps::test::PrivatePcscd pcscd(dps::test::freePortPair(), true);
    pcscd.useInThisProcess();
    EXPECT_EQ(checkUntil(Outcome::CardMissing).verdict, Outcome::CardMissing);
}

TEST(EidCheckPcsc, WithoutPcscdTheServiceIsUnavailable) {
    ::setenv("PCSCLITE_CSOCK_NAME", "/nonexistent/pcscd.comm", 1);
    PcscService service;
    EXPECT_EQ(runCardCheck(service, kToday).verdict, Outcome::ServiceUnavailable);
}
