// dps-eid-login-bench: the card side of tests/freeuse/eid-login.test.mjs, on the e-ID tests' real
// parts: a private pcscd (its own socket, made 0666 as Debian's pcscd.socket makes the system's)
// with vsmartcard's vpcd reader, and the virtual card of the e-ID tests (applet 1.7 RSA or 1.8 EC
// P-384, signing as the applet manuals say) with certificates of a test PKI made at start
// (EidTestPki: the canary name and national number in the subjects, as on real cards).
//   dps-eid-login-bench OUTDIR
// Writes OUTDIR/cas.pem (the test root and the Citizen CA, the CAs a site asking for an e-ID
// accepts) and prints "socket=PATH" then "canaries=NAME|GIVEN|NATIONAL-NUMBER|CARD-NUMBER". Then reads commands
// on standard input, one a line, and answers each with one line:
//   insert 17|18 PIN   a card of that applet with that PIN goes in (answered when pcscd sees it)
//   pull               the card leaves the reader
//   state              tries=N verifies=N signatures=N verified=0|1 logoffs=N (the card's witness)
//   quit
#include "EidTestPki.h"
#include "PrivatePcscd.h"
#include "VirtualCard.h"
#include "kiosk/adapters/eid/PcscService.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

using namespace std::chrono;
using namespace dps::test;

namespace {

bool cardSeen(bool wanted) {
    dps::kiosk::eid::PcscService service;
    const auto end = steady_clock::now() + seconds(10);
    while (steady_clock::now() < end) {
        dps::kiosk::eid::CardError error = dps::kiosk::eid::CardError::None;
        bool present = false;
        for (const auto& r : service.readers(error))
            present |= r.cardPresent && !r.mute;
        if (present == wanted) return true;
        std::this_thread::sleep_for(milliseconds(50));
    }
    return false;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: dps-eid-login-bench OUTDIR\n";
        return 2;
    }
    const std::filesystem::path out = argv[1];
    const int port = freePortPair();
    PrivatePcscd pcscd(port, true);
    pcscd.useInThisProcess();
    // The visitor's browser connects to it: anyone may, as to the system's (SocketMode=0666).
    std::filesystem::permissions(pcscd.socket(), std::filesystem::perms::all & ~std::filesystem::perms::owner_exec &
                                                     ~std::filesystem::perms::group_exec &
                                                     ~std::filesystem::perms::others_exec);
    EidTestPki pki;
    // Both cards are made now, so that no file of the PKI is written while the session runs (the
    // test's disk search looks at every file changed since the session began).
    std::map<int, FakeCardProfile> cards = {{0x17, pki.card({.applet = 0x17})}, {0x18, pki.card({.applet = 0x18})}};
    {
        // The CAs nginx accepts: the test root (PEM) and the Citizen CA as the card holds it (503A).
        const auto& ca = cards.at(0x18).files.at(0x503A);
        const auto der = out / "citizen-ca.der";
        std::ofstream(der, std::ios::binary)
            .write(reinterpret_cast<const char*>(ca.data()), static_cast<std::streamsize>(ca.size()));
        const std::string convert =
            "openssl x509 -inform DER -in '" + der.string() + "' -out '" + (out / "citizen-ca.pem").string() + "'";
        if (std::system(convert.c_str()) != 0) {
            std::cerr << "openssl could not read the Citizen CA\n";
            return 1;
        }
        std::ofstream cas(out / "cas.pem");
        cas << std::ifstream(pki.rootsDir() / "test-root.pem").rdbuf() << std::ifstream(out / "citizen-ca.pem").rdbuf();
    }
    std::cout << "socket=" << pcscd.socket() << "\ncanaries=" << kCanarySurname << "|" << kCanaryGivenNames << "|"
              << kCanaryNationalNumber << "|" << kCanaryCardNumber << std::endl;

    std::shared_ptr<FakeCardState> state;
    std::unique_ptr<VirtualCard> card;
    std::string line;
    while (std::getline(std::cin, line)) {
        std::istringstream words(line);
        std::string command;
        words >> command;
        if (command == "insert") {
            int applet = 0;
            std::string pin;
            words >> std::hex >> applet >> pin;
            card.reset();
            (void)cardSeen(false);
            if (!cards.contains(applet)) {
                std::cout << "error=no card of applet " << std::hex << applet << std::endl;
                continue;
            }
            auto profile = cards.at(applet);
            profile.pin = pin;
            state = std::make_shared<FakeCardState>(std::move(profile));
            VirtualCard::Options options;
            options.atr = atrOf(state->profile.applet);
            options.onReset = [s = state] { s->reset(); };
            card = std::make_unique<VirtualCard>(port, std::make_unique<FakeCard>(state), std::move(options));
            std::cout << (cardSeen(true) ? "inserted" : "error=pcscd never saw the card") << std::endl;
        } else if (command == "pull") {
            card.reset();
            std::cout << (cardSeen(false) ? "pulled" : "error=the card is still seen") << std::endl;
        } else if (command == "state" && state) {
            const std::lock_guard lock(state->mutex);
            std::cout << "tries=" << state->profile.pinTries << " verifies=" << state->verifies.load()
                      << " signatures=" << state->signing.signatures() << " verified=" << state->verifiedNow.load()
                      << " logoffs=" << state->logOffs.load() << std::endl;
        } else if (command == "quit") {
            break;
        } else {
            std::cout << "error=unknown command or no card yet" << std::endl;
        }
    }
    return 0;
}
