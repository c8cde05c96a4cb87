#pragma once
// What the e-ID tests on real pcsc-lite share: a private pcscd with vsmartcard's virtual reader,
// the test PKI, our virtual card put in the reader, and the reader's name once pcscd sees it.
#include "EidCards.h"
#include "EidTestPki.h"
#include "FakeSmartCard.h"
#include "PrivatePcscd.h"
#include "VirtualCard.h"
#include "kiosk/adapters/eid/PcscService.h"

#include <memory>
#include <string>

namespace dps::test {

struct PcscCardBench {
    PcscCardBench();

    // The card goes in the reader; waits (5 s at most) until pcscd, which polls the reader every
    // 400 ms, sees it present and not mute. Its state (PIN counter, commands seen) is shared with
    // the card. reader stays empty if it never showed up.
    std::shared_ptr<FakeCardState> insert(FakeCardProfile profile);

    int port;
    PrivatePcscd pcscd;
    EidTestPki pki;
    dps::kiosk::eid::PcscService service;
    std::unique_ptr<VirtualCard> card;
    std::string reader;
};

} // namespace dps::test
