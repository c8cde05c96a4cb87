#pragma once
#include "FakeSmartCard.h"

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

// An identity file with canary personal fields around the dates and type the check may read.
inline kiosk::eid::Bytes identityFile(const std::string& from, const std::string& until,
                                      const std::string& type = "1") {
    kiosk::eid::Bytes f;
    for (const auto& p :
         {tlv(0x01, "592000000001"), tlv(0x03, from), tlv(0x04, until), tlv(0x07, "CANARY"), tlv(0x0F, type)})
        f.insert(f.end(), p.begin(), p.end());
    return f;
}

// A valid adult card until 1 February 2032, with both certificates.
inline FakeCardProfile validCard(std::uint8_t applet = 0x18) {
    FakeCardProfile p;
    p.applet = applet;
    p.files[0x4031] = identityFile("01.02.2022", "01.02.2032");
    p.files[0x5038] = kiosk::eid::Bytes(600, 0x30); // certificates: present (their content is the adapter's business)
    p.files[0x5039] = kiosk::eid::Bytes(600, 0x30);
    return p;
}

} // namespace dps::test
