// The e-ID check in the real dps-kiosk, on a virtual display, clicked with a real pointer, with a
// real pcscd, our virtual card in its virtual reader and certificates made at test time. And the
// hard privacy rule, proven: after a whole check and PIN test with a card whose identity file,
// address file and certificates hold canary values (laid out as on a real applet 1.8 card), none
// of them (nor the PIN) is in any file the kiosk wrote, in what it printed, or left in its memory.
#include "EidTestPki.h"
#include "KioskHarness.h"
#include "PrivatePcscd.h"
#include "ProcessMemory.h"
#include "SpeechPipe.h"
#include "VirtualCard.h"
#include "kiosk/adapters/eid/PcscService.h"

#include <csignal>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace std::chrono_literals;
using dps::test::FakeCard;
using dps::test::FakeCardState;
using dps::test::KioskHarness;
using dps::test::UiMapFile;
using dps::test::VirtualCard;
using testing::ElementsAre;
using testing::HasSubstr;

namespace {

// A kiosk wired to a private pcscd and the test PKI, its temporary files and home in its own folder.
struct EidKiosk {
    EidKiosk()
        : port(dps::test::freePortPair()), pcscd(port, true),
          kiosk("[kiosk]\nlanguages = [\"fr\", \"nl\", \"en\"]\nsite_name = \"Test DPS\"\n"
                "[visit]\nthank_you_seconds = 3\n[log]\nlevel = \"debug\"\n[eid]\nroots_dir = \"" +
                pki.rootsDir().string() + "\"\n") {
        for (const char* sub : {"tmp", "home", "run"})
            std::filesystem::create_directories(kiosk.dir() / sub);
        std::filesystem::permissions(kiosk.dir() / "run", std::filesystem::perms::owner_all);
        kiosk.setEnv("PCSCLITE_CSOCK_NAME", pcscd.socket());
        kiosk.setEnv("TMPDIR", (kiosk.dir() / "tmp").string());
        kiosk.setEnv("HOME", (kiosk.dir() / "home").string());
        kiosk.setEnv("XDG_RUNTIME_DIR", (kiosk.dir() / "run").string());
    }

    UiMapFile openCheck() {
        kiosk.start();
        auto map = kiosk.waitFor("welcome");
        kiosk.click(map, "welcome.start");
        map = kiosk.waitFor("home");
        kiosk.click(map, "home.eid");
        return kiosk.waitFor("eid-check");
    }
    UiMapFile waitState(const std::string& key, const std::string& value, std::chrono::milliseconds t = 10s) {
        return kiosk.waitUntil([&](const UiMapFile& m) { return m.state.count(key) && m.state.at(key) == value; },
                               key + " " + value, t);
    }
    // Clicks a button that may only appear a frame later.
    UiMapFile press(const std::string& button, const std::string& key, const std::string& value) {
        auto map = kiosk.waitUntil([&](const UiMapFile& m) { return m.buttons.count(button) != 0; }, button);
        kiosk.click(map, button);
        return waitState(key, value);
    }

    // Our virtual card, with this PIN, in the private reader; its state says what it was asked.
    std::shared_ptr<FakeCardState> insertCard(const std::string& pin) {
        auto profile = pki.card();
        profile.pin = pin;
        cardState = std::make_shared<FakeCardState>(profile);
        card = std::make_unique<VirtualCard>(port, std::make_unique<FakeCard>(cardState));
        return cardState;
    }

    const dps::test::EidTestPki pki;
    int port;
    dps::test::PrivatePcscd pcscd;
    KioskHarness kiosk;
    std::shared_ptr<FakeCardState> cardState;
    std::unique_ptr<VirtualCard> card; // taken out before the kiosk and pcscd end
};

// Every occurrence of each needle in every regular file under dir, with the files looked at.
struct FileSearch {
    std::size_t found = 0;
    std::vector<std::string> files, where;
};
FileSearch searchFiles(const std::filesystem::path& dir, const std::vector<std::string>& needles) {
    FileSearch r;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        const std::string bytes = dps::test::readFile(entry.path());
        r.files.push_back(entry.path().filename().string());
        for (const auto& n : needles) {
            for (auto at = bytes.find(n); at != std::string::npos; at = bytes.find(n, at + 1)) {
                ++r.found;
                r.where.push_back(entry.path().string());
            }
        }
    }
    return r;
}

std::string bcdBlock(const std::string& pin) {
    const auto block = dps::kiosk::eid::PinBlock::fromDigits(pin);
    return {block->bytes().begin(), block->bytes().end()};
}

} // namespace

TEST(EidProcess, InsertingTheCardTurnsInsertYourCardIntoYourCardWorks) {
    EidKiosk e;
    auto state = std::make_shared<FakeCardState>(e.pki.card());
    VirtualCard card(e.port, std::make_unique<FakeCard>(state), {.insertedAtStart = false});
    e.openCheck();
    auto map = e.waitState("verdict", "card_missing");
    const auto insert = e.kiosk.capture("eid-insert");
    card.insert();
    map = e.waitState("verdict", "card_valid");
    EXPECT_EQ(map.state["card-works"], "yes");
    const auto works = e.kiosk.capture("eid-works");
    EXPECT_GT(dps::test::differingShare(insert, works), 0.02) << "the screen must change visibly";
    EXPECT_TRUE(map.buttons.count("eid.pin-test"));
    EXPECT_THAT(e.kiosk.eidEvents(), ElementsAre("eid_check:card_missing", "eid_check:card_valid"))
        << "each new verdict is one event, its code only";
    // The way on: the tutorial on logging in with the e-ID.
    e.kiosk.click(map, "eid.tutorial");
    map = e.kiosk.waitFor("player");
    EXPECT_EQ(map.state["step"], "1");
    EXPECT_THAT(e.kiosk.process().stderrText(), HasSubstr("on screen")) << "the benchmark's figure is logged";
}

TEST(EidProcess, NothingFromTheCardNorThePinIsKeptWrittenOrPrinted) {
    EidKiosk e;
    const std::string pin = "918273";
    const auto state = e.insertCard(pin);
    e.openCheck();
    e.waitState("verdict", "card_valid");

    // A wrong PIN, then the right one, typed on the screen's keypad with the pointer.
    const auto typePin = [&](const std::string& typed) {
        e.press("eid.pin-test", "phase", "pin-explain");
        e.press("eid.pin-confirm", "phase", "pin-entry");
        for (std::size_t i = 0; i < typed.size(); ++i)
            e.press("eid.key." + typed.substr(i, 1), "pin-digits", std::to_string(i + 1));
    };
    typePin("918274");
    auto map = e.press("eid.key.ok", "phase", "pin-result");
    EXPECT_EQ(map.state["pin-result"], "pin_wrong");
    e.press("eid.again", "verdict", "card_valid");
    e.waitState("phase", "checking");
    typePin("918273");
    map = e.press("eid.key.ok", "phase", "pin-result");
    EXPECT_EQ(map.state["pin-result"], "pin_right");
    EXPECT_EQ(state->verifies.load(), 2);
    EXPECT_EQ(state->logOffs.load(), 2) << "logged off after each test";
    EXPECT_FALSE(state->verifiedNow.load()) << "and reset";
    const auto result = e.kiosk.capture("eid-pin-right");

    // The visit ends; the card is taken out.
    e.kiosk.click(map, "eid.home");
    map = e.kiosk.waitFor("home");
    finishFromHome(e.kiosk, map);
    e.kiosk.waitFor("finish");
    e.kiosk.waitFor("welcome", 8s);
    e.card->pull();
    std::this_thread::sleep_for(800ms);

    const std::vector<std::string> canaries{dps::test::kCanarySurname,
                                            dps::test::kCanaryGivenNames,
                                            dps::test::kCanaryNationalNumber,
                                            dps::test::kCanaryCardNumber,
                                            dps::test::kCanaryBirthPlace,
                                            dps::test::kCanaryStreet,
                                            "918273",
                                            "918274",
                                            bcdBlock("918273"),
                                            bcdBlock("918274")};
    // In its memory, while it still runs: nothing was kept.
    const std::vector<std::string_view> needles(canaries.begin(), canaries.end());
    const auto memory = dps::test::searchMemory(e.kiosk.process().pid(), needles);
    EXPECT_GT(memory.bytesRead, 1'000'000U) << "the kiosk's memory must have been read";
    EXPECT_EQ(memory.found, 0U) << "something of the card or the PIN is still in the kiosk's memory";

    // In every file it wrote (visit log and its WAL, temporary files, home) and all it printed.
    e.kiosk.process().signal(SIGTERM);
    ASSERT_EQ(e.kiosk.process().wait(10s), 0);
    const auto files = searchFiles(e.kiosk.dir().path(), canaries);
    EXPECT_EQ(files.found, 0U) << testing::PrintToString(files.where);
    EXPECT_THAT(files.files, testing::Contains("kiosk.db"));
    EXPECT_THAT(files.files, testing::Contains(testing::EndsWith(".err"))) << "the kiosk's log was searched too";
    EXPECT_THAT(e.kiosk.eidEvents(), testing::Contains("eid_pin_test:pin_right"));

    // The searches find what they look for where it is: in a file planted with it, and in this
    // process, where the virtual card keeps its identity file and certificates.
    const dps::test::TempDir control;
    dps::test::writeFile(control / "planted", std::string("x") + dps::test::kCanaryNationalNumber + bcdBlock("918273"));
    EXPECT_EQ(searchFiles(control.path(), canaries).found, 2U);
    EXPECT_GT(dps::test::searchMemory(::getpid(), needles).found, 0U);
    EXPECT_GT(state->commands.load(), 30) << "the card, canaries included, was really read";
    (void)result;
}

TEST(EidProcess, TheTerminalCommandTestsThePinAndPrintsNothingPersonal) {
    EidKiosk e;
    const std::string pin = "918273";
    const auto state = e.insertCard(pin);
    // pcscd starts at its first client and sees the card at its next poll: wait for both here.
    e.pcscd.useInThisProcess();
    dps::kiosk::eid::PcscService service;
    for (int i = 0; i < 100; ++i) {
        dps::kiosk::eid::CardError error{};
        const auto readers = service.readers(error);
        if (!readers.empty() && readers.front().cardPresent) break;
        std::this_thread::sleep_for(50ms);
    }
    const dps::test::TempDir input, output;
    dps::test::writeFile(input / "pin", "918273\n");
    const std::string command = std::string(DPS_KIOSK_BIN) + " --config " + (e.kiosk.dir() / "kiosk.toml").string() +
                                " eid-check --json --pin-test < " + (input / "pin").string();
    const int rc =
        dps::test::runCommand({"sh", "-c", command}, {{"PCSCLITE_CSOCK_NAME", e.pcscd.socket()}}, output.path());
    std::string out, err;
    for (const auto& f : std::filesystem::directory_iterator(output.path()))
        (f.path().extension() == ".out" ? out : err) += dps::test::readFile(f.path());
    EXPECT_EQ(rc, 0) << out << err;
    EXPECT_THAT(out, HasSubstr("\"verdict\":\"card_valid\""));
    EXPECT_THAT(out, HasSubstr("\"pin_test\":\"pin_right\""));
    EXPECT_THAT(out, HasSubstr("\"reader\":\"Kiosk Test Reader"));
    EXPECT_EQ(state->verifies.load(), 1);
    for (const std::string canary :
         {dps::test::kCanarySurname, dps::test::kCanaryGivenNames, dps::test::kCanaryNationalNumber,
          dps::test::kCanaryCardNumber, dps::test::kCanaryBirthPlace, dps::test::kCanaryStreet, "918273"}) {
        EXPECT_THAT(out + err, testing::Not(HasSubstr(canary)));
    }
}

namespace {

// Tab until the UI map says the focus is on `id` (at most `tries` presses); the map it was seen in.
UiMapFile tabTo(KioskHarness& k, const std::string& id, int tries = 16) {
    for (int i = 0; i < tries; ++i) {
        k.key("Tab");
        for (int wait = 0; wait < 14; ++wait) {
            std::this_thread::sleep_for(50ms);
            if (const UiMapFile map = k.current(); map.value("focus") == id) return map;
        }
    }
    ADD_FAILURE() << "Tab never reached " << id;
    return k.current();
}

} // namespace

// Issue 21: the e-ID check and the PIN test by keys alone with the voice guide on. The verdict and
// the PIN test's pages are said; while the PIN is typed (on the keyboard's digits, as on a cash
// machine) each digit is counted, never named; Escape goes back Home.
TEST(EidProcess, TheVoiceGuideSaysTheCheckAndCountsThePinsDigitsWithoutSayingThem) {
    EidKiosk e;
    const std::string pin = "918273";
    const auto state = e.insertCard(pin);
    dps::test::SpeechPipe heard(e.kiosk.dir() / "speech");
    KioskHarness& k = e.kiosk;
    k.start({"--speech-capture", heard.path().string()});
    k.waitFor("welcome");
    k.key("F1");
    heard.next(
        0, [](const std::string& l) { return l.find("Guide vocal activé") != std::string::npos; }, "the help");
    tabTo(k, "welcome.start");
    k.key("Return");
    k.waitFor("home");
    tabTo(k, "home.eid");
    std::size_t n = heard.count();
    k.key("Return");
    e.waitState("verdict", "card_valid");
    // The verdict, in words: the page said again once the check ends.
    const std::string verdict = heard.next(
        n,
        [](const std::string& l) {
            return l.find("Vérifier ma carte eID") != std::string::npos && l.find("fonctionne") != std::string::npos;
        },
        "the verdict");
    EXPECT_THAT(verdict, HasSubstr("say fr "));

    tabTo(k, "eid.pin-test");
    k.key("Return");
    e.waitState("phase", "pin-explain");
    tabTo(k, "eid.pin-confirm");
    n = heard.count();
    k.key("Return");
    e.waitState("phase", "pin-entry");
    const std::string entry = heard.next(
        n, [](const std::string& l) { return l.find("Aucun chiffre tapé") != std::string::npos; },
        "the PIN entry page");
    EXPECT_THAT(entry, HasSubstr("Tapez votre code PIN"));
    n = heard.count();
    for (std::size_t i = 0; i < pin.size(); ++i) {
        k.key(pin.substr(i, 1));
        e.waitState("pin-digits", std::to_string(i + 1));
    }
    heard.next(
        n, [](const std::string& l) { return l == "say fr 6 chiffres tapés."; }, "six digits counted");
    // What was said while the PIN was typed: counts only, never a digit of it.
    const auto all = heard.lines();
    std::vector<std::string> typing(all.begin() + static_cast<long>(n), all.end());
    const std::vector<std::string> counts{"say fr 1 chiffre tapé.",   "say fr 2 chiffres tapés.",
                                          "say fr 3 chiffres tapés.", "say fr 4 chiffres tapés.",
                                          "say fr 5 chiffres tapés.", "say fr 6 chiffres tapés."};
    EXPECT_EQ(typing, counts) << heard.joined();
    n = heard.count();
    k.key("Return");
    e.waitState("pin-result", "pin_right");
    heard.nextSaid(n, "the PIN test's result");
    for (const auto& line : heard.lines())
        EXPECT_THAT(line, testing::Not(HasSubstr(pin))) << "the PIN was said";

    // Escape: back Home, as the result's Home button does.
    k.key("Escape");
    k.waitFor("home");
}
