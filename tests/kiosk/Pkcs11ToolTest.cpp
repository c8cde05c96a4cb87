// libdps-eid-pkcs11.so on real parts, judged by outside tools: OpenSC's pkcs11-tool (package
// opensc) loads the module in its own process and lists, logs in and signs; NSS's modutil and
// certutil (libnss3-tools) register it in a fresh NSS database and list the card's certificate;
// OpenSSL checks every signature against the certificate pkcs11-tool read from the token. Under
// them: a private pcscd with vsmartcard's vpcd reader (two readers: the card's and an empty one)
// and our virtual card (applet 1.7 RSA 2048, 1.8 EC P-384, signing as the applet manuals say),
// whose PIN counter is the witness of what a login cost. Expected texts are pkcs11-tool's and
// certutil's own output (opensc 0.23.0, nss 3.87 on Debian 12).
#include "PcscCardBench.h"
#include "Process.h"
#include "SignatureCheck.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono;
using dps::test::bytesOf;
using dps::test::digestOf;
using dps::test::FakeCardProfile;
using dps::test::FakeCardState;
using dps::test::Process;
using dps::test::signatureVerifies;
using dps::test::TempDir;

namespace {

const std::string kMessage = "TLS 1.3, client CertificateVerify: the transcript hash so far";

std::vector<std::uint8_t> readFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void writeBytes(const std::filesystem::path& p, std::span<const std::uint8_t> data) {
    std::ofstream out(p, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

struct ToolRun {
    int exit = -1;
    std::string out, err;
};

struct Bench : dps::test::PcscCardBench {
    std::shared_ptr<FakeCardState> insert(FakeCardProfile profile) {
        auto state = PcscCardBench::insert(std::move(profile));
        if (reader.empty()) ADD_FAILURE() << "the virtual card never showed up in pcscd";
        return state;
    }

    // A tool run with the private pcscd's socket, as the browser would run with the system's.
    ToolRun run(std::vector<std::string> argv, std::map<std::string, std::optional<std::string>> env = {}) {
        const auto out = dir / ("run" + std::to_string(++runs));
        std::filesystem::create_directories(out);
        env["PCSCLITE_CSOCK_NAME"] = pcscd.socket();
        Process p(std::move(argv), env, out);
        ToolRun r;
        const auto rc = p.wait(seconds(60));
        r.exit = rc ? *rc : -1;
        r.out = p.stdoutText();
        r.err = p.stderrText();
        return r;
    }

    ToolRun tool(std::vector<std::string> args, std::map<std::string, std::optional<std::string>> env = {}) {
        args.insert(args.begin(), {"/usr/bin/pkcs11-tool", "--module", DPS_PKCS11_MODULE});
        return run(std::move(args), std::move(env));
    }

    // The authentication certificate as pkcs11-tool reads it from the token (CKA_VALUE).
    std::vector<std::uint8_t> certificate() {
        const auto file = dir / "auth.der";
        const ToolRun r = tool({"--read-object", "--type", "cert", "--id", "82", "--output-file", file.string()});
        EXPECT_EQ(r.exit, 0) << r.err;
        return readFile(file);
    }

    TempDir dir;
    int runs = 0;
};

int count(const std::string& text, const std::string& what) {
    int n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

// RFC 8017 9.2 note 1: the DER DigestInfo prefix of SHA-256, which CKM_RSA_PKCS signs as given.
const std::vector<std::uint8_t> kSha256Info = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                               0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};

} // namespace

TEST(Pkcs11Tool, ListsOneSlotPerReaderAndA18CardAsALoginToken) {
    Bench b;
    b.insert(b.pki.card({.applet = 0x18}));
    const ToolRun r = b.tool({"--list-slots"});
    ASSERT_EQ(r.exit, 0) << r.err;
    // vpcd gives pcscd two readers: the card's and an empty one.
    EXPECT_EQ(count(r.out, "Kiosk Test Reader"), 2) << r.out;
    EXPECT_EQ(count(r.out, "token label        : Belgian e-ID"), 1) << r.out;
    EXPECT_NE(r.out.find("(empty)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("token model        : applet 1.8"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("login required"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("PIN pad"), std::string::npos) << "the virtual reader has no keypad: " << r.out;
    EXPECT_NE(r.out.find("pin min/max        : 4/12"), std::string::npos) << r.out;
    // Nothing personal in what the token says of itself.
    EXPECT_EQ(r.out.find(dps::test::kCanarySurname), std::string::npos);
    EXPECT_EQ(r.out.find(dps::test::kCanaryCardNumber), std::string::npos);
}

TEST(Pkcs11Tool, ShowsTheAuthenticationCertificateAndPublicKeyAndThePrivateKeyOnlyAfterLogin) {
    Bench b;
    const auto state = b.insert(b.pki.card({.applet = 0x18}));
    const ToolRun before = b.tool({"--list-objects"});
    ASSERT_EQ(before.exit, 0) << before.err;
    EXPECT_EQ(count(before.out, "Certificate Object; type = X.509 cert"), 1) << before.out;
    EXPECT_EQ(count(before.out, "Public Key Object; EC  EC_POINT 384 bits"), 1) << before.out;
    EXPECT_EQ(count(before.out, "Private Key Object"), 0) << before.out;
    EXPECT_EQ(count(before.out, "  ID:         82"), 2) << before.out;
    EXPECT_EQ(state->verifies.load(), 0);

    const ToolRun after = b.tool({"--login", "--pin", "1234", "--list-objects"});
    ASSERT_EQ(after.exit, 0) << after.err;
    EXPECT_EQ(count(after.out, "Private Key Object; EC"), 1) << after.out;
    EXPECT_EQ(count(after.out, "  ID:         82"), 3) << "one key, the authentication key: " << after.out;
    EXPECT_EQ(count(after.out, "Certificate Object"), 1) << "never the signing certificate: " << after.out;
    EXPECT_EQ(state->verifies.load(), 1);

    // The certificate is the card's (DF00/5038), byte for byte: the file starts with it.
    const auto der = b.certificate();
    const auto& file = state->profile.files.at(0x5038);
    ASSERT_GT(der.size(), 300U);
    ASSERT_LE(der.size(), file.size());
    EXPECT_TRUE(std::equal(der.begin(), der.end(), file.begin()));
}

TEST(Pkcs11Tool, A18CardSignsASha384DigestWithEcdsaThatOpenSslVerifies) {
    Bench b;
    const auto state = b.insert(b.pki.card({.applet = 0x18}));
    const auto certificate = b.certificate();
    const auto digest = digestOf("SHA384", bytesOf(kMessage));
    writeBytes(b.dir / "digest", digest);
    const ToolRun r =
        b.tool({"--login", "--pin", "1234", "--sign", "--mechanism", "ECDSA", "--id", "82", "--input-file",
                (b.dir / "digest").string(), "--output-file", (b.dir / "signature").string()});
    ASSERT_EQ(r.exit, 0) << r.err;
    const auto signature = readFile(b.dir / "signature");
    EXPECT_EQ(signature.size(), 96U) << "r || s of P-384";
    EXPECT_TRUE(signatureVerifies(certificate, "SHA384", bytesOf(kMessage), signature));
    EXPECT_FALSE(signatureVerifies(certificate, "SHA384", bytesOf("another message"), signature));
    EXPECT_EQ(state->signing.signatures(), 1);
    EXPECT_EQ(state->profile.pinTries, 3);
}

TEST(Pkcs11Tool, A17CardSignsADigestInfoWithRsaPkcs1ThatOpenSslVerifies) {
    Bench b;
    const auto state = b.insert(b.pki.card({.applet = 0x17}));
    const ToolRun slots = b.tool({"--list-objects"});
    EXPECT_NE(slots.out.find("Public Key Object; RSA 2048 bits"), std::string::npos) << slots.out;
    const auto certificate = b.certificate();
    auto info = kSha256Info;
    const auto digest = digestOf("SHA256", bytesOf(kMessage));
    info.insert(info.end(), digest.begin(), digest.end());
    writeBytes(b.dir / "digestinfo", info);
    const ToolRun r =
        b.tool({"--login", "--pin", "1234", "--sign", "--mechanism", "RSA-PKCS", "--id", "82", "--input-file",
                (b.dir / "digestinfo").string(), "--output-file", (b.dir / "signature").string()});
    ASSERT_EQ(r.exit, 0) << r.err;
    const auto signature = readFile(b.dir / "signature");
    EXPECT_EQ(signature.size(), 256U);
    EXPECT_TRUE(signatureVerifies(certificate, "SHA256", bytesOf(kMessage), signature));
    EXPECT_EQ(state->signing.signatures(), 1);
}

// The mechanisms each token offers: the card's own, nothing it cannot do.
TEST(Pkcs11Tool, EachTokenOffersTheOneMechanismOfItsKey) {
    Bench b;
    b.insert(b.pki.card({.applet = 0x18}));
    const ToolRun r = b.tool({"--list-mechanisms"});
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("ECDSA, keySize={384,384}, hw, sign"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("RSA"), std::string::npos) << r.out;
}

void wrongPinCostsOneTry(std::uint8_t applet) {
    Bench b;
    const auto state = b.insert(b.pki.card({.applet = applet}));
    const ToolRun r = b.tool({"--login", "--pin", "4321", "--list-objects"});
    EXPECT_NE(r.exit, 0);
    EXPECT_NE(r.err.find("CKR_PIN_INCORRECT"), std::string::npos) << r.err;
    EXPECT_EQ(state->profile.pinTries, 2) << "one try, no more";
    EXPECT_EQ(state->verifies.load(), 1);
    // A PIN of the wrong form never reaches the card.
    const ToolRun letters = b.tool({"--login", "--pin", "12a4", "--list-objects"});
    EXPECT_NE(letters.err.find("CKR_PIN_INVALID"), std::string::npos) << letters.err;
    const ToolRun shortPin = b.tool({"--login", "--pin", "123", "--list-objects"});
    EXPECT_NE(shortPin.err.find("CKR_PIN_LEN_RANGE"), std::string::npos) << shortPin.err;
    EXPECT_EQ(state->verifies.load(), 1);
    EXPECT_EQ(state->profile.pinTries, 2);
    // The token says the count is low; the right PIN gives the tries back.
    const ToolRun slots = b.tool({"--list-slots"});
    EXPECT_NE(slots.out.find("user PIN count low"), std::string::npos) << slots.out;
    EXPECT_EQ(b.tool({"--login", "--pin", "1234", "--list-objects"}).exit, 0);
    EXPECT_EQ(state->profile.pinTries, 3);
}

TEST(Pkcs11Tool, AWrongPinCostsOneTryOnA17Card) { wrongPinCostsOneTry(0x17); }

TEST(Pkcs11Tool, AWrongPinCostsOneTryOnA18Card) { wrongPinCostsOneTry(0x18); }

TEST(Pkcs11Tool, ABlockedCardSaysPinLockedAndCostsNothing) {
    Bench b;
    auto profile = b.pki.card({.applet = 0x18});
    profile.pinTries = 0;
    const auto state = b.insert(std::move(profile));
    const ToolRun r = b.tool({"--login", "--pin", "1234", "--list-objects"});
    EXPECT_NE(r.exit, 0);
    EXPECT_NE(r.err.find("CKR_PIN_LOCKED"), std::string::npos) << r.err;
    EXPECT_EQ(state->profile.pinTries, 0);
    EXPECT_FALSE(state->verifiedNow.load());
    const ToolRun slots = b.tool({"--list-slots"});
    EXPECT_NE(slots.out.find("user PIN locked"), std::string::npos) << slots.out;
}

// The session ends with LOG OFF: after pkcs11-tool is done, the card needs the PIN again.
TEST(Pkcs11Tool, EveryProcessLeavesTheCardLoggedOff) {
    Bench b;
    const auto state = b.insert(b.pki.card({.applet = 0x18}));
    ASSERT_EQ(b.tool({"--login", "--pin", "1234", "--list-objects"}).exit, 0);
    EXPECT_GE(state->logOffs.load(), 1);
    EXPECT_FALSE(state->verifiedNow.load());
}

// The free-use runner's eid_used (docs/eid-pkcs11.md "eid_used"): the module, loaded by another
// program, leaves its empty mark where DPS_EID_USED_MARK says at a login the card accepted, and
// none for a wrong PIN or without a login.
TEST(Pkcs11Tool, ALoginTheCardAcceptedLeavesTheMarkTheRunnerReads) {
    Bench b;
    b.insert(b.pki.card({.applet = 0x18}));
    const auto mark = b.dir / "eid-used";
    const std::map<std::string, std::optional<std::string>> env = {{"DPS_EID_USED_MARK", mark.string()}};
    EXPECT_EQ(b.tool({"--list-objects"}, env).exit, 0);
    EXPECT_FALSE(std::filesystem::exists(mark)) << "looking at the token is no use of the e-ID";
    EXPECT_NE(b.tool({"--login", "--pin", "4321", "--list-objects"}, env).exit, 0);
    EXPECT_FALSE(std::filesystem::exists(mark)) << "a refused PIN is no use either";
    EXPECT_EQ(b.tool({"--login", "--pin", "1234", "--list-objects"}, env).exit, 0);
    ASSERT_TRUE(std::filesystem::exists(mark));
    EXPECT_EQ(std::filesystem::file_size(mark), 0U);
}

TEST(Pkcs11Nss, ModutilRegistersTheModuleAndCertutilListsTheCardsCertificate) {
    Bench b;
    b.insert(b.pki.card({.applet = 0x18}));
    const auto db = b.dir / "nssdb";
    std::filesystem::create_directories(db);
    const std::string dbArg = "sql:" + db.string();
    const ToolRun create = b.run({"/usr/bin/certutil", "-N", "-d", dbArg, "--empty-password"});
    ASSERT_EQ(create.exit, 0) << create.err;
    const ToolRun add =
        b.run({"/usr/bin/modutil", "-dbdir", dbArg, "-add", "Belgian e-ID", "-libfile", DPS_PKCS11_MODULE, "-force"});
    ASSERT_EQ(add.exit, 0) << add.out << add.err;
    const ToolRun list = b.run({"/usr/bin/modutil", "-dbdir", dbArg, "-list"});
    EXPECT_NE(list.out.find("Belgian e-ID"), std::string::npos) << list.out;
    EXPECT_NE(list.out.find("token: Belgian e-ID"), std::string::npos) << list.out;
    const ToolRun certs = b.run({"/usr/bin/certutil", "-L", "-d", dbArg, "-h", "all"});
    ASSERT_EQ(certs.exit, 0) << certs.err;
    EXPECT_NE(certs.out.find("Belgian e-ID:Authentication"), std::string::npos) << certs.out;
    // NSS sees a user certificate (its key on the token): "u" in the trust flags.
    EXPECT_NE(certs.out.find("u,u,u"), std::string::npos) << certs.out;
}

// A TLS client authentication end to end without a browser: NSS's own TLS client (tstclnt, the
// library Chromium reads the card through) logs in to the token with the PIN and signs the
// handshake; OpenSSL's s_server requires a client certificate from the test PKI (root and
// Citizen CA, verification errors fatal) and shows the one it got. TLS 1.3 signs with ECDSA on
// a 1.8 card; a 1.7 card (PKCS#1 v1.5 only) logs in with TLS 1.2.
struct TlsBench : Bench {
    explicit TlsBench(std::uint8_t applet) {
        state = insert(pki.card({.applet = applet}));
        const auto db = dir / "nssdb";
        std::filesystem::create_directories(db);
        dbArg = "sql:" + db.string();
        EXPECT_EQ(run({"/usr/bin/certutil", "-N", "-d", dbArg, "--empty-password"}).exit, 0);
        EXPECT_EQ(
            run({"/usr/bin/modutil", "-dbdir", dbArg, "-add", "Belgian e-ID", "-libfile", DPS_PKCS11_MODULE, "-force"})
                .exit,
            0);
        // The CAs the server accepts: the test root (PEM) and the Citizen CA from the card (503A).
        const auto& caFile = state->profile.files.at(0x503A);
        writeBytes(dir / "ca.der", caFile);
        EXPECT_EQ(run({"/usr/bin/openssl", "x509", "-inform", "DER", "-in", (dir / "ca.der").string(), "-out",
                       (dir / "ca.pem").string()})
                      .exit,
                  0);
        std::ofstream cas(dir / "cas.pem");
        cas << std::ifstream(pki.rootsDir() / "test-root.pem").rdbuf() << std::ifstream(dir / "ca.pem").rdbuf();
        cas.close();
        EXPECT_EQ(run({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                       "-nodes", "-keyout", (dir / "server.key").string(), "-out", (dir / "server.pem").string(),
                       "-subj", "/CN=127.0.0.1", "-days", "1"})
                      .exit,
                  0);
        tlsPort = dps::test::freePortPair();
    }

    // One connection: s_server for one client at this TLS version, tstclnt with this PIN.
    ToolRun connect(const std::string& version, const std::string& pin) {
        const auto out = dir / ("server" + std::to_string(++runs));
        std::filesystem::create_directories(out);
        Process server({"/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(tlsPort), "-naccept",
                        "1", "-www", "-" + version, "-cert", (dir / "server.pem").string(), "-key",
                        (dir / "server.key").string(), "-Verify", "2", "-verify_return_error", "-CAfile",
                        (dir / "cas.pem").string()},
                       {}, out);
        const auto end = steady_clock::now() + seconds(10);
        while (server.stdoutText().find("ACCEPT") == std::string::npos && steady_clock::now() < end)
            std::this_thread::sleep_for(milliseconds(50));
        const std::string nssVersion = version == "tls1_3" ? "tls1.3:tls1.3" : "tls1.2:tls1.2";
        ToolRun client = run({"/bin/sh", "-c",
                              "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | timeout 8 /usr/bin/tstclnt -h 127.0.0.1 -p " +
                                  std::to_string(tlsPort) + " -d " + dbArg +
                                  " -n 'Belgian e-ID:Authentication' -o -V " + nssVersion + " -w " + pin});
        (void)server.wait(seconds(5));
        serverOut = server.stdoutText() + server.stderrText();
        return client;
    }

    std::shared_ptr<FakeCardState> state;
    std::string dbArg, serverOut;
    int tlsPort = 0;
};

TEST(Pkcs11Tls, A18CardLogsInWithTls13ThroughNss) {
    TlsBench b(0x18);
    const ToolRun r = b.connect("tls1_3", "1234");
    EXPECT_NE(r.out.find("Client certificate"), std::string::npos) << r.out << r.err << b.serverOut;
    EXPECT_NE(r.out.find("TLSv1.3"), std::string::npos) << r.out;
    EXPECT_EQ(b.state->signing.signatures(), 1) << "the card signed the CertificateVerify";
    EXPECT_EQ(b.state->profile.pinTries, 3);
}

TEST(Pkcs11Tls, A17CardLogsInWithTls12ThroughNss) {
    TlsBench b(0x17);
    const ToolRun r = b.connect("tls1_2", "1234");
    EXPECT_NE(r.out.find("Client certificate"), std::string::npos) << r.out << r.err << b.serverOut;
    EXPECT_EQ(b.state->signing.signatures(), 1);
}

// What TLS 1.3 does with a card that signs PKCS#1 v1.5 only (docs/eid-pkcs11.md "TLS 1.2 and 1.3").
TEST(Pkcs11Tls, A17CardCannotLogInWhereTheServerDemandsTls13) {
    TlsBench b(0x17);
    const ToolRun r = b.connect("tls1_3", "1234");
    EXPECT_EQ(r.out.find("Client certificate"), std::string::npos) << r.out;
    EXPECT_EQ(b.state->signing.signatures(), 0) << r.out << r.err << b.serverOut;
}

TEST(Pkcs11Tls, AWrongPinFailsTheLoginAndCostsOneTry) {
    TlsBench b(0x18);
    const ToolRun r = b.connect("tls1_3", "4321");
    EXPECT_EQ(r.out.find("Client certificate"), std::string::npos) << r.out;
    // NSS asks for the PIN again at each key lookup and tstclnt -w gives the same one each time:
    // the card sees it once (EidModule refuses a PIN it just refused without sending it).
    EXPECT_EQ(b.state->profile.pinTries, 2) << r.err;
    EXPECT_EQ(b.state->verifies.load(), 1);
    EXPECT_EQ(b.state->signing.signatures(), 0);
}
