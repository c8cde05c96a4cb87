#include "EidTestPki.h"

namespace dps::test {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;
using std::chrono::system_clock;
using std::chrono::year_month_day;

sys_seconds now() { return floor<seconds>(system_clock::now()); }

Validity years(int before, int after) { return {now() - days{365 * before}, now() + days{365 * after}}; }

} // namespace

EidTestPki::EidTestPki()
    : rootsDir_(dir_ / "roots"), root_(TestCertificate::root({"Test Belgium Root CA"}, years(10, 20))),
      citizenCa_(root_.issue(Role::CertificationAuthority, {"Test Citizen CA"}, years(5, 15))),
      rrn_(root_.issue(Role::Signing, {"Test RRN"}, years(5, 15))),
      strangerRoot_(TestCertificate::root({"Somebody Else Root"}, years(10, 20))),
      strangerCa_(strangerRoot_.issue(Role::CertificationAuthority, {"Test Citizen CA"}, years(5, 15))) {
    std::filesystem::create_directories(rootsDir_);
    root_.writePem(rootsDir_ / "test-root.pem");
}

FakeCardProfile EidTestPki::card(const CardSpec& spec) const {
    FakeCardProfile p;
    p.applet = spec.applet;
    const auto today = year_month_day{floor<days>(system_clock::now())};
    const auto from = year_month_day{sys_days{today} - spec.validSince};
    const auto until = year_month_day{sys_days{today} + spec.validFor};
    putIdentityFiles(p, {.validFrom = cardDate(from),
                         .validUntil = cardDate(until),
                         .documentType = spec.documentType,
                         .layout = spec.layout.value_or(layoutOf(spec.applet)),
                         .givenNamesLength = spec.givenNamesLength,
                         .paddedTo = spec.identityPaddedTo});
    const TestCertificate& ca = spec.strangerCa ? strangerCa_ : citizenCa_;
    // The holder's name and national number, as real card certificates carry them.
    const std::string auth = std::string(kCanarySurname) + " " + kCanaryGivenNames + " (Authentication)";
    const std::string sign = std::string(kCanarySurname) + " " + kCanaryGivenNames + " (Signature)";
    const Validity certs{now() - spec.validSince, now() + spec.certificatesFor};
    const auto file = [&](const Der& der) { return certificateFile(der, spec.applet); };
    // [M1.7] 4.1 "All private RSA keys are 2048 bit-long"; [M1.8] 4.1 ECDSA (384 bits on the cards
    // in use, [C5]).
    const KeyType keys = spec.applet >= 0x18 ? KeyType::EcP384 : KeyType::Rsa2048;
    const auto put = [&](std::uint16_t fid, std::uint8_t reference, Role role, const std::string& name) {
        const TestCertificate leaf = ca.issue(role, {name, kCanaryNationalNumber}, certs, keys);
        p.files[fid] = file(leaf.der());
        const Der key = leaf.privateKey();
        p.privateKeys[reference] = kiosk::eid::Bytes(key.begin(), key.end());
    };
    if (spec.authentication)
        put(0x5038, 0x82, Role::Authentication, auth);
    else
        p.files[0x5038] = noCertificateFile(spec.applet);
    if (spec.signing)
        put(0x5039, 0x83, Role::Signing, sign);
    else
        p.files[0x5039] = noCertificateFile(spec.applet);
    p.files[0x503A] = file(ca.der());
    p.files[0x503B] = file(spec.strangerCa ? strangerRoot_.der() : root_.der());
    p.files[0x503C] = file(rrn_.der()); // the National Register's, which signs the identity files
    return p;
}

const EidTestPki& sharedEidTestPki() {
    static const EidTestPki pki;
    return pki;
}

} // namespace dps::test
