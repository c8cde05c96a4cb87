#pragma once
#include "FakeSmartCard.h"

#include <chrono>
#include <cstdio>
#include <string>

namespace dps::test {

// Identity files and card profiles shared by the e-ID tests (unit and end to end).
inline kiosk::eid::Bytes tlv(std::uint8_t tag, const std::string& v) {
    kiosk::eid::Bytes out;
    out.push_back(tag);
    out.push_back(static_cast<std::uint8_t>(v.size()));
    for (char c : v)
        out.push_back(static_cast<std::uint8_t>(c)); // (insert() trips a GCC 12 false warning)
    return out;
}

// The personal fields of the test cards' identity files: canaries that must never show up in
// anything the kiosk writes, prints or keeps.
inline constexpr const char* kCanaryCardNumber = "592830017465";
inline constexpr const char* kCanaryNationalNumber = "85073003328";
inline constexpr const char* kCanarySurname = "CANARYSURNAME";
inline constexpr const char* kCanaryGivenNames = "Canarina Testa";

// An identity file with the canary personal fields around the dates and type the check may read.
inline kiosk::eid::Bytes identityFile(const std::string& from, const std::string& until,
                                      const std::string& type = "1") {
    kiosk::eid::Bytes f;
    for (const auto& p :
         {tlv(0x01, kCanaryCardNumber), tlv(0x03, from), tlv(0x04, until), tlv(0x06, kCanaryNationalNumber),
          tlv(0x07, kCanarySurname), tlv(0x08, kCanaryGivenNames), tlv(0x0F, type)})
        f.insert(f.end(), p.begin(), p.end());
    f.resize(f.size() + 12, 0x00); // files are padded with zeroes
    return f;
}

// "DD.MM.YYYY", as the identity file writes a date.
inline std::string cardDate(std::chrono::year_month_day d) {
    char text[16];
    std::snprintf(text, sizeof text, "%02u.%02u.%04d", static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()),
                  static_cast<int>(d.year()));
    return text;
}

// A valid adult card until 1 February 2032, with both certificates and the Citizen CA. The
// certificate files' first bytes (0xA1 authentication, 0xB2 signing, 0xCA the CA) let
// FakeCertificates tell them apart; end-to-end tests put real certificates there instead.
inline FakeCardProfile validCard(std::uint8_t applet = 0x18) {
    FakeCardProfile p;
    p.applet = applet;
    p.files[0x4031] = identityFile("01.02.2022", "01.02.2032");
    p.files[0x5038] = kiosk::eid::Bytes(600, 0xA1);
    p.files[0x5039] = kiosk::eid::Bytes(600, 0xB2);
    p.files[0x503A] = kiosk::eid::Bytes(600, 0xCA);
    return p;
}

} // namespace dps::test
