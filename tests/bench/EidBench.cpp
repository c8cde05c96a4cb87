// Benchmark (not part of ctest): the e-ID check's speed on real parts, with figures and ratios.
//  1. The whole check of a valid applet 1.8 card (certificates made with OpenSSL, verified against
//     the test root), through pcsc-lite and a private pcscd with our virtual card, beside its peer:
//     the same APDUs the check sent, replayed raw through SCardTransmit with nothing else done.
//     Target: under 300 ms for the check itself.
//  2. The real kiosk on a virtual display: from pcscd reporting the card (excluding pcscd's own
//     400 ms presence polling) to the verdict on screen, as the kiosk logs it, card taken out and
//     put back ROUNDS times; beside the check's own duration in the same runs.
//  3. The kiosk resting on the e-ID screen with the card in: its CPU, and commands sent to the card.
//   build/ci/bin/dps-eid-bench [CHECKS] [ROUNDS]
#include "EidTestPki.h"
#include "KioskHarness.h"
#include "PrivatePcscd.h"
#include "VirtualCard.h"
#include "kiosk/adapters/eid/OpenSslCertificates.h"
#include "kiosk/adapters/eid/PcscService.h"
#include "kiosk/core/eid/CardCheck.h"

#include <PCSC/winscard.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>
#include <unistd.h>

using namespace std::chrono;
using namespace dps::kiosk::eid;
using dps::test::FakeCard;
using dps::test::FakeCardState;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double p95(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<std::size_t>(0.95 * static_cast<double>(v.size())))];
}

template <class F> double timeMs(F f) {
    const auto t0 = steady_clock::now();
    f();
    return duration<double, std::milli>(steady_clock::now() - t0).count();
}

// User + system CPU time of a process so far, from /proc/PID/stat (fields 14 and 15, in ticks).
double cpuSeconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string f;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> f; ++i) {
        if (i >= 14) ticks += std::stod(f);
    }
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// Writes down every command the check sends, so the peer can send exactly the same.
class RecordingService final : public SmartCardService {
public:
    explicit RecordingService(SmartCardService& inner) : inner_(inner) {}
    std::vector<ReaderInfo> readers(CardError& e) override { return inner_.readers(e); }
    bool waitForChange(milliseconds t) override { return inner_.waitForChange(t); }
    std::unique_ptr<SmartCard> connect(const std::string& reader, CardError& e) override {
        class Card final : public SmartCard {
        public:
            Card(std::unique_ptr<SmartCard> c, std::vector<Bytes>& log) : c_(std::move(c)), log_(log) {}
            std::optional<Bytes> transmit(std::span<const std::uint8_t> command) override {
                log_.emplace_back(command.begin(), command.end());
                return c_->transmit(command);
            }
            [[nodiscard]] CardError lastError() const override { return c_->lastError(); }

        private:
            std::unique_ptr<SmartCard> c_;
            std::vector<Bytes>& log_;
        };
        auto c = inner_.connect(reader, e);
        return c ? std::make_unique<Card>(std::move(c), commands) : nullptr;
    }
    std::vector<Bytes> commands;

private:
    SmartCardService& inner_;
};

// The peer: connect, send the commands, disconnect with a reset, as the check does, and nothing else.
void replay(const std::string& reader, const std::vector<Bytes>& commands) {
    SCARDCONTEXT ctx = 0;
    SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx);
    SCARDHANDLE card = 0;
    DWORD protocol = 0;
    SCardConnect(ctx, reader.c_str(), SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &card, &protocol);
    std::uint8_t answer[260];
    for (const auto& c : commands) {
        DWORD length = sizeof answer;
        SCardTransmit(card, protocol == SCARD_PROTOCOL_T1 ? SCARD_PCI_T1 : SCARD_PCI_T0, c.data(),
                      static_cast<DWORD>(c.size()), nullptr, answer, &length);
    }
    SCardDisconnect(card, SCARD_RESET_CARD);
    SCardReleaseContext(ctx);
}

void checkAgainstRawApdus(int checks) {
    const int port = dps::test::freePortPair();
    dps::test::PrivatePcscd pcscd(port, true);
    pcscd.useInThisProcess();
    const dps::test::EidTestPki pki;
    const OpenSslCertificates roots(pki.rootsDir());
    auto state = std::make_shared<FakeCardState>(pki.card());
    dps::test::VirtualCard card(port, std::make_unique<FakeCard>(state));
    PcscService pcsc;
    RecordingService service(pcsc);
    CheckReport report;
    report.verdict = Outcome::CardMissing;
    for (int i = 0; i < 100 && report.verdict != Outcome::CardValid; ++i) {
        service.commands.clear();
        report = runCardCheck(service, {floor<seconds>(system_clock::now()), roots, {}});
        if (report.verdict != Outcome::CardValid) std::this_thread::sleep_for(milliseconds(50));
    }
    if (report.verdict != Outcome::CardValid) {
        std::printf("the virtual card was not seen: %s\n", std::string(outcomeCode(report.verdict)).c_str());
        return;
    }
    const std::vector<Bytes> commands = service.commands;
    // What the check read of the card's files: each READ BINARY's length, but for one the card
    // answered 6C XX, which is asked again at once with Le = XX.
    std::size_t bytesRead = 0;
    for (std::size_t i = 0; i < commands.size(); ++i) {
        const Bytes& c = commands[i];
        if (c.size() != 5 || c[1] != 0xB0) continue;
        const bool askedAgain = i + 1 < commands.size() && commands[i + 1].size() == 5 && commands[i + 1][1] == 0xB0 &&
                                commands[i + 1][2] == c[2] && commands[i + 1][3] == c[3];
        if (!askedAgain) bytesRead += c[4];
    }
    std::vector<double> check, raw;
    for (int i = 0; i < checks; ++i) {
        check.push_back(timeMs([&] { report = runCardCheck(pcsc, {floor<seconds>(system_clock::now()), roots, {}}); }));
        raw.push_back(timeMs([&] { replay(report.readerName, commands); }));
    }
    std::printf("1. The check of a valid 1.8 card on a real pcscd (%d runs; %zu APDUs, %zu bytes of files read)\n",
                checks, commands.size(), bytesRead);
    std::printf("   the check:              median %7.2f ms, p95 %7.2f ms  (target < 300 ms)\n", median(check),
                p95(check));
    std::printf("   peer, raw APDU replay:  median %7.2f ms, p95 %7.2f ms\n", median(raw), p95(raw));
    std::printf("   ratio check / peer:     %.2fx\n", median(check) / median(raw));
}

void cardToScreen(int rounds) {
    const int port = dps::test::freePortPair();
    dps::test::PrivatePcscd pcscd(port, true);
    const dps::test::EidTestPki pki;
    auto state = std::make_shared<FakeCardState>(pki.card());
    dps::test::VirtualCard card(port, std::make_unique<FakeCard>(state), {.insertedAtStart = false});
    dps::test::KioskHarness k("[eid]\nroots_dir = \"" + pki.rootsDir().string() + "\"\n");
    k.setEnv("PCSCLITE_CSOCK_NAME", pcscd.socket());
    k.start();
    auto map = k.waitFor("welcome");
    k.click(map, "welcome.start");
    map = k.waitFor("home");
    k.click(map, "home.eid");
    const auto verdict = [&](const char* code) {
        k.waitUntil(
            [&](const dps::test::UiMapFile& m) { return m.state.count("verdict") && m.state.at("verdict") == code; },
            code, seconds(10));
    };
    verdict("card_missing");
    for (int i = 0; i < rounds; ++i) {
        card.insert();
        verdict("card_valid");
        card.pull();
        verdict("card_missing");
    }
    // "e-ID check: card_valid after 41.2 ms, on screen 47.9 ms after pcscd reported the change"
    const std::regex line(R"(e-ID check: card_valid after ([0-9.]+) ms, on screen ([0-9.]+) ms)");
    std::vector<double> check, screen;
    const std::string log = k.process().stderrText();
    for (auto it = std::sregex_iterator(log.begin(), log.end(), line); it != std::sregex_iterator(); ++it) {
        check.push_back(std::stod((*it)[1]));
        screen.push_back(std::stod((*it)[2]));
    }
    std::printf("2. The real kiosk, card put in %d times (%zu verdicts logged)\n", rounds, screen.size());
    std::printf("   pcscd reports the card -> verdict on screen: median %7.2f ms, p95 %7.2f ms\n", median(screen),
                p95(screen));
    std::printf("   of which the check itself:                   median %7.2f ms, p95 %7.2f ms\n", median(check),
                p95(check));
    std::printf("   ratio on screen / check:                     %.2fx\n", median(screen) / median(check));

    // 3. Resting on the e-ID screen with the card in: the watcher waits on pcscd, it does not poll.
    card.insert();
    verdict("card_valid");
    const int commandsBefore = state->commands.load();
    const double kiosk0 = cpuSeconds(k.process().pid());
    std::this_thread::sleep_for(seconds(10));
    const double kiosk1 = cpuSeconds(k.process().pid());
    std::printf(
        "3. Resting 10 s on the e-ID screen, card in: kiosk CPU %.2f %% of a core, %d commands sent to the card\n",
        (kiosk1 - kiosk0) * 10.0, state->commands.load() - commandsBefore);
}

} // namespace

int main(int argc, char** argv) {
    const int checks = argc > 1 ? std::atoi(argv[1]) : 30;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 10;
    checkAgainstRawApdus(checks);
    cardToScreen(rounds);
    return 0;
}
