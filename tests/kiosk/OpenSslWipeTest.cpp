// wipeOpenSslMemoryOnFree() and wipeCpuTraces(), proved in a process of their own (the first must
// run before OpenSSL's first allocation, which a GoogleTest binary cannot promise): a card
// certificate whose subject holds canary values is made, read and verified as the kiosk does,
// everything is freed, the registers are spilled to memory as a signal would, then every writable
// private mapping (heap, arenas, stacks) is searched for the canaries from the parent process
// (tests/support/ChildMemory). Run twice by ctest:
//   dps-openssl-wipe-test            the wipe installed: no canary may be left
//   dps-openssl-wipe-test --control  no wipe: the same search must find them, or it proves nothing
#include "kiosk/adapters/eid/OpenSslCertificates.h"

#include "ChildMemory.h"
#include "TempDir.h"
#include "TestPki.h"

#include <openssl/crypto.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

using namespace dps::kiosk::eid;
using namespace dps::test;
using namespace std::chrono;

namespace {

// Only ever held in read-only data and in OpenSSL's own memory: the search looks for OpenSSL's
// leftovers, not for the test's copies (TestCertificate wipes its DER when destroyed).
constexpr std::string_view kSurname = "QZCANARYSURNAME";
constexpr std::string_view kNationalNumber = "85073003328";

int failures = 0;
void check(bool ok, const std::string& what) {
    std::printf("%s: %s\n", ok ? "ok" : "FAILED", what.c_str());
    if (!ok) ++failures;
}

// What the kiosk does with a card's certificate, everything freed at the end of the scope.
void readAndVerifyACard() {
    const Validity validity{utc(2021y / March / 12), utc(2031y / March / 12)};
    const TestCertificate root = TestCertificate::root({"DPS Test Root CA"}, validity);
    const TestCertificate ca = root.issue(Role::CertificationAuthority, {"Citizen CA", "202101"}, validity);
    const TestCertificate leaf =
        ca.issue(Role::Authentication, {"QZCANARYSURNAME Canary (Authentication)", kNationalNumber}, validity);
    const TempDir roots;
    root.writePem(roots / "test-root.pem");
    const OpenSslCertificates verifier(roots.path());
    check(verifier.dates(leaf.der()).has_value(), "the leaf's dates are read");
    check(verifier.verify(leaf.der(), ca.der()) == ChainVerdict::Trusted, "the chain is trusted");
}

// The kiosk's side of the test, in the child: what it prints are its own checks.
int work(bool control) {
    if (!control) {
        check(wipeOpenSslMemoryOnFree(), "the wipe is installed before OpenSSL's first allocation");
        CRYPTO_malloc_fn m = nullptr;
        CRYPTO_realloc_fn r = nullptr;
        CRYPTO_free_fn f = nullptr;
        CRYPTO_get_mem_functions(&m, &r, &f);
        check(f != &CRYPTO_free && m != &CRYPTO_malloc && r != &CRYPTO_realloc,
              "OpenSSL reports other memory functions");
        // The wrapper's realloc always moves the block (so it can wipe the old one): what it
        // holds must come along, growing and shrinking.
        auto* block = static_cast<char*>(OPENSSL_malloc(16));
        std::memcpy(block, "0123456789abcdef", 16);
        block = static_cast<char*>(OPENSSL_realloc(block, 5000));
        check(block != nullptr && std::memcmp(block, "0123456789abcdef", 16) == 0, "realloc keeps the contents");
        block = static_cast<char*>(OPENSSL_realloc(block, 4));
        check(block != nullptr && std::memcmp(block, "0123", 4) == 0, "realloc keeps the contents when shrinking");
        OPENSSL_free(block);
    }
    readAndVerifyACard();
    if (control) check(!wipeOpenSslMemoryOnFree(), "once OpenSSL has allocated, the wipe is refused");
    // Registers still holding a certificate would reach the stack with the kiosk's next signal or
    // lazy symbol lookup: make that happen now, where the search looks.
    spillRegistersToMemory();
    return failures;
}

} // namespace

int main(int argc, char** argv) {
    const bool control = argc == 2 && std::string_view(argv[1]) == "--control";
    // The test's own copies of the canaries are in read-only data only, so the child's whole
    // writable private memory is searched: what is found there is what reading the card left.
    const ChildSearch child = runAndSearchChild([control] { return work(control); }, {kSurname, kNationalNumber});
    const std::size_t found = child.search.found, bytesRead = child.search.bytesRead;
    check(child.exitCode == 0, "the child's own checks passed (exit code " + std::to_string(child.exitCode) + ")");
    check(bytesRead > 0, "the child's memory was read (" + std::to_string(bytesRead) + " bytes)");
    if (control) {
        check(found > 0, "without the wipe, freed OpenSSL memory still holds the subject (" + std::to_string(found) +
                             " canaries found)");
    } else {
        check(found == 0, "with the wipe, no canary is left (" + std::to_string(found) + " found)");
    }
    return failures == 0 ? 0 : 1;
}
