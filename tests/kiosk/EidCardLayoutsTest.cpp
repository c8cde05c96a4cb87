// The card-data parsers against byte strings written from the published layouts, not from our
// code: each case names the document and section its bytes come from. The documents are in
// Fedict's eid-mw repository, doc/sdk/documentation/:
//   [C2.8]  "Belgian Electronic Identity Card content" v2.8a (2004), applet 1.1 cards
//   [C4]    "Belgian Electronic Identity Card content" v4.01 (2014), applet 1.7 cards
//   [C5]    "Belgian Electronic Identity Card content" v5.4, applet 1.8 cards
//   [IDv5]  "ID and Address file contents" v5.0 (2023), applet 1.8 cards
//   [M1.7]  "Public_Belpic_Applet_v1 7_Ref_Manual - A01", [M1.8] "Public_Belpic_Applet_v1 8_Ref_Manual_v1"
// and eid-mw's own parsers where the documents are silent (cardcomm/pkcs11/src/common/tlvbuffer.cpp,
// cardcomm/pkcs11/src/cal.cpp, plugins_tools/eid-viewer/conversions/doctypeconv.cpp).
//
// Notation of the byte strings: hex pairs, 'ASCII text', and N*HH for the byte HH N times.
#include "EidCards.h"
#include "kiosk/core/eid/Apdu.h"
#include "kiosk/core/eid/CardData.h"
#include "kiosk/core/eid/CertificateFile.h"
#include "kiosk/core/eid/IdentityFacts.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <optional>
#include <string>
#include <string_view>

using dps::kiosk::eid::Bytes;
using dps::kiosk::eid::CardData;
using dps::kiosk::eid::CertificateFileStart;
using dps::kiosk::eid::classify;
using dps::kiosk::eid::givesPinTriesInCardData;
using dps::kiosk::eid::inspectCertificateFile;
using dps::kiosk::eid::isForeignerCard;
using dps::kiosk::eid::isKidsId;
using dps::kiosk::eid::parseResponse;
using dps::kiosk::eid::readCardData;
using dps::kiosk::eid::readIdentityFacts;
using dps::kiosk::eid::Status;
using std::chrono::year;
using std::chrono::year_month_day;

namespace {

Bytes bytes(std::string_view notation) {
    Bytes out;
    std::size_t i = 0;
    const auto hexDigit = [&](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        ADD_FAILURE() << "not a hex digit: " << c << " in " << notation;
        return 0;
    };
    while (i < notation.size()) {
        const char c = notation[i];
        if (c == ' ') {
            ++i;
        } else if (c == '\'') {
            const auto end = notation.find('\'', i + 1);
            for (std::size_t k = i + 1; k < end; ++k)
                out.push_back(static_cast<std::uint8_t>(notation[k]));
            i = end + 1;
        } else if (const auto star = notation.find('*', i);
                   star != std::string_view::npos && notation.find(' ', i) > star) {
            const auto count = std::stoul(std::string(notation.substr(i, star - i)));
            const auto value =
                static_cast<std::uint8_t>(hexDigit(notation[star + 1]) * 16 + hexDigit(notation[star + 2]));
            out.insert(out.end(), count, value);
            i = star + 3;
        } else {
            out.push_back(static_cast<std::uint8_t>(hexDigit(c) * 16 + hexDigit(notation[i + 1])));
            i += 2;
        }
    }
    return out;
}

struct IdentityCase {
    const char* source; // what the bytes follow
    const char* file;
    std::optional<year_month_day> from, until;
    std::optional<int> type;
};

// Files the check must read: validity from tag 03, until tag 04, document type tag 0F.
const IdentityCase kReadable[] = {
    {"[C5] 6.2.2, [IDv5] 1: an applet 1.8 file starts with tag 00, the file structure version "
     "(2 bytes, binary; version 2), then the fields in tag order; tag 11 the SHA-384 photo hash, "
     "tag 1A the basic key hash, tag 0E empty (default \"\")",
     "00 02 00 02"
     " 01 0C '592830017465'"
     " 02 10 9C 41 00 FF 3E 07 D2 FF 00 18 6B 5A 00 C4 FF 21"
     " 03 0A '12.03.2021' 04 0A '12.03.2031'"
     " 05 0A 'Schaerbeek' 06 0B '85073003328' 07 07 'PEETERS' 08 0A 'Marie Anne' 09 00"
     " 0A 04 'Belg' 0B 07 'Ixelles' 0C 0C '30 JUIL 1985' 0D 01 'F' 0E 00 0F 01 '1' 10 01 '0'"
     " 11 30 48*A7 1A 30 48*00",
     year{2021} / 3 / 12, year{2031} / 3 / 12, 1},
    {"[C4] 9: the applet 1.7 layout, tag 00 first too; tag 11 a SHA-1 photo hash (20 bytes); "
     "document type written 01 ([IDv5] 1: 2 bytes; eid-mw doctypeconv.cpp: \"in the field, both 1 "
     "and 01 are present\")",
     "00 02 00 01 01 0C '592830017465' 02 10 16*FF 03 0A '01.02.2016' 04 0A '01.02.2026'"
     " 05 05 'Namur' 06 0B '85073003328' 07 03 'DOE' 08 04 'Jane' 09 01 'K' 0A 04 'Belg' 0B 05 'Namur'"
     " 0C 0B '1 MARS 1985' 0D 01 'V' 0E 00 0F 02 '01' 10 01 '0' 11 14 20*00",
     year{2016} / 2 / 1, year{2026} / 2 / 1, 1},
    {"[C2.8] 6.3.2: a version 0 file has no tag 00 (\"does not appear in the file\") and the exact "
     "size (6.1: files never modified)",
     "01 0C '000001234567' 02 10 16*11 03 0A '08.08.2005' 04 0A '08.08.2010' 05 04 'Mons' 06 0B '60010100173'"
     " 07 05 'JANSS' 08 03 'Eva' 09 00 0A 04 'Belg' 0B 04 'Mons' 0C 0B '01 JAN 1960' 0D 01 'V'"
     " 0E 00 0F 01 '1' 10 01 '0' 11 14 20*5A",
     year{2005} / 8 / 8, year{2010} / 8 / 8, 1},
    {"[C5] 6.1: \"The actual data may be followed by padding bytes ('0'). They have to be ignored.\"",
     "00 02 00 02 03 0A '12.03.2021' 04 0A '12.03.2031' 0F 01 '6' 10 01 '0' 40*00", year{2021} / 3 / 12,
     year{2031} / 3 / 12, 6},
    {"[C2.8] 6.3.2: padding after a version 0 file", "03 0A '12.03.2021' 04 0A '12.03.2031' 0F 01 '1' 1*00",
     year{2021} / 3 / 12, year{2031} / 3 / 12, 1},
    {"[IDv5] 1, tag 14 (20): member of family, a boolean of length 0; foreigner card E+ (16)",
     "00 02 00 02 03 0A '06.01.2019' 04 0A '06.01.2029' 0F 02 '16' 12 02 '00' 13 00 14 00 15 00", year{2019} / 1 / 6,
     year{2029} / 1 / 6, 16},
    {"[IDv5] 1, tag 0F: 61, kids foreigner card EU (added in v5.0)",
     "00 02 00 02 03 0A '15.11.2023' 04 0A '15.11.2028' 0F 02 '61'", year{2023} / 11 / 15, year{2028} / 11 / 15, 61},
    {"[C5] 6.1: a length of 255 is FF 00 (< 255: one byte; >= 255: FF x-255)",
     "00 02 00 02 07 FF 00 255*43 04 0A '12.03.2031' 03 0A '12.03.2021'", year{2021} / 3 / 12, year{2031} / 3 / 12,
     std::nullopt},
    {"[C5] 6.1: a length of 300 is FF 2D (x-255)", "00 02 00 02 08 FF 2D 300*61 03 0A '12.03.2021' 04 0A '12.03.2031'",
     year{2021} / 3 / 12, year{2031} / 3 / 12, std::nullopt},
    {"[C5] 6.1: a length of 600 is FF FF 5A (x-510)",
     "03 0A '12.03.2021' 0B FF FF 5A 600*62 04 0A '12.03.2031' 0F 01 '1'", year{2021} / 3 / 12, year{2031} / 3 / 12, 1},
    {"eid-mw tlvbuffer.cpp ParseTLV: a 00 tag after the first TLV ends the fields; what follows "
     "the padding is not read (the document type after it is ignored, not refused)",
     "00 02 00 02 03 0A '12.03.2021' 04 0A '12.03.2031' 00 00 0F 01 '6'", year{2021} / 3 / 12, year{2031} / 3 / 12,
     std::nullopt},
};

// Files the check must refuse (card_read_error), wiping them all the same.
const std::pair<const char*, const char*> kRefused[] = {
    {"eid-mw tlvbuffer.cpp: tag 00 \"may only be used as first TLV\": a second version field is "
     "padding, and the dates after it are not read",
     "00 02 00 02 00 02 00 02 03 0A '12.03.2021' 04 0A '12.03.2031'"},
    {"padding only: no end date", "64*00"},
    {"a version field and nothing else", "00 02 00 02 20*00"},
    {"a length running past the end of the file", "00 02 00 02 04 40 '12.03.2031'"},
    {"the FF length extension cut off by the end of the file", "00 02 00 02 04 0A '12.03.2031' 07 FF"},
    {"a tag without its length at the end", "00 02 00 02 04 0A '12.03.2031' 0F"},
    {"a version field cut short", "00 02 00"},
    {"an end date not in DD.MM.YYYY ([IDv5] 1, tag 04)", "00 02 00 02 03 0A '12.03.2021' 04 0A '2031-03-12'"},
    {"an end date that does not exist", "00 02 00 02 03 0A '12.03.2021' 04 0A '31.02.2031'"},
    {"a document type that is not a number ([IDv5] 1, tag 0F: ASCII digits)",
     "00 02 00 02 03 0A '12.03.2021' 04 0A '12.03.2031' 0F 01 'X'"},
    {"no end date (tag 04 is mandatory, [IDv5] 1)", "00 02 00 02 03 0A '12.03.2021' 0F 01 '1'"},
    {"an empty file", ""},
};

} // namespace

TEST(EidIdentityLayouts, EveryPublishedLayoutIsReadAndWiped) {
    for (const auto& c : kReadable) {
        Bytes file = bytes(c.file);
        const auto facts = readIdentityFacts(file);
        EXPECT_TRUE(facts) << c.source;
        if (!facts) continue;
        EXPECT_EQ(facts->validFrom, c.from) << c.source;
        EXPECT_EQ(facts->validUntil, c.until) << c.source;
        EXPECT_EQ(facts->documentType, c.type) << c.source;
        for (std::size_t i = 0; i < file.size(); ++i)
            ASSERT_EQ(file[i], 0) << "byte " << i << " not wiped: " << c.source;
    }
}

TEST(EidIdentityLayouts, MalformedFilesAreRefusedAndWiped) {
    for (const auto& [what, notation] : kRefused) {
        Bytes file = bytes(notation);
        EXPECT_FALSE(readIdentityFacts(file)) << what;
        for (std::size_t i = 0; i < file.size(); ++i)
            ASSERT_EQ(file[i], 0) << "byte " << i << " not wiped: " << what;
    }
}

TEST(EidIdentityLayouts, KidsAndForeignerDocumentTypes) {
    // [IDv5] 1, tag 0F: 1 eID; 6 Kids-ID (< 12 years); 11-36 foreigner cards; 61-69 kids
    // foreigner cards (< 12 years).
    EXPECT_FALSE(isKidsId(1));
    EXPECT_FALSE(isForeignerCard(1));
    EXPECT_TRUE(isKidsId(6));
    EXPECT_FALSE(isForeignerCard(6));
    for (int t : {11, 12, 16, 19, 23, 27, 31, 32, 36}) {
        EXPECT_TRUE(isForeignerCard(t)) << t;
        EXPECT_FALSE(isKidsId(t)) << t;
    }
    for (int t = 61; t <= 69; ++t) {
        EXPECT_TRUE(isKidsId(t)) << t << ": a child's card, which may have no certificate yet";
        EXPECT_TRUE(isForeignerCard(t)) << t;
    }
    EXPECT_FALSE(isKidsId(7));
    EXPECT_FALSE(isForeignerCard(7)) << "a bootstrap card";
}

// [SECTION] GET CARD DATA: [M1.8] 6.14 Tables 46-47, [M1.7] 6.9 Table 32; applet 1.1 as eid-mw
// cal.cpp reads it (no manual published). Serial number (16), component code, OS number, OS
// version, softmask number, softmask version (platform specific: any bytes), applet version,
// global OS version (2), applet interface version, PKCS#1 support, key exchange version, life
// cycle (07 SELECTABLE, 0F PERSONALIZED); with P2=01, the PIN tries, then FF FF.

namespace {

struct CardDataCase {
    const char* source;
    const char* answer;
    CardData::Applet applet;
    bool personalised;
    std::optional<int> tries;
};

const CardDataCase kCardData[] = {
    {"[M1.8] P2=00: applet 18, global OS 0001, interface 00, PKCS#1 00, key exchange 02, personalised",
     "16*5C A5 03 01 01 01 18 00 01 00 00 02 0F", CardData::Applet::V18, true, std::nullopt},
    {"[M1.8] P2=01: the same, then 3 tries left and FF FF", "16*5C A5 03 01 01 01 18 00 01 00 00 02 0F 03 FF FF",
     CardData::Applet::V18, true, 3},
    {"[M1.8] P2=01: one try left", "16*00 A5 03 01 01 01 18 00 01 00 00 02 0F 01 FF FF", CardData::Applet::V18, true,
     1},
    {"[M1.8] P2=01: blocked", "16*FF A5 03 01 01 01 18 00 01 00 00 02 0F 00 FF FF", CardData::Applet::V18, true, 0},
    {"[M1.8]: \"If P2 equals '01' and PIN is not found, the # attempts returned for this PIN is set to 'FF'\"",
     "16*5C A5 03 01 01 01 18 00 01 00 00 02 0F FF FF FF", CardData::Applet::V18, true, std::nullopt},
    {"[M1.8]: SELECTABLE (07), not personalised yet", "16*5C A5 03 01 01 01 18 00 01 00 00 02 07",
     CardData::Applet::V18, false, std::nullopt},
    {"[M1.7]: applet 17, global OS 0003, interface 00, PKCS#1 21, key exchange 01, personalised",
     "16*31 A5 03 01 01 01 17 00 03 00 21 01 0F", CardData::Applet::V17, true, std::nullopt},
    {"[M1.7]: the bytes after the life cycle of a 1.7 card are not PIN tries",
     "16*31 A5 03 01 01 01 17 00 03 00 21 01 0F 02 FF FF", CardData::Applet::V17, true, std::nullopt},
    {"eid-mw cal.cpp, applet 1.1: version 11 00, interface version (2), PKCS#15 version (2), life cycle",
     "16*31 A5 03 01 01 01 11 00 01 01 01 01 0F", CardData::Applet::V11, true, std::nullopt},
    {"a later applet (19): unknown to the check, PIN tries through P2=01 as eid-mw asks them from 18 on",
     "16*31 A5 03 01 01 01 19 00 02 00 00 02 0F 02 FF FF", CardData::Applet::Unknown, true, 2},
};

} // namespace

TEST(EidCardDataLayouts, AppletLifeCycleAndTriesAreWhereTheManualsSay) {
    for (const auto& c : kCardData) {
        const Bytes answer = bytes(c.answer);
        const auto data = readCardData(answer);
        ASSERT_TRUE(data) << c.source;
        EXPECT_EQ(data->applet, c.applet) << c.source;
        EXPECT_EQ(data->personalised, c.personalised) << c.source;
        EXPECT_EQ(data->pinTriesLeft, c.tries) << c.source;
    }
    EXPECT_FALSE(readCardData(bytes("16*5C A5 03 01 01 01 18 00 01 00 00 02"))) << "27 bytes: no life cycle";
    EXPECT_FALSE(readCardData(Bytes{})) << "nothing";
}

TEST(EidCardDataLayouts, OnlyApplet18AndLaterAreAskedP2Equals01) {
    EXPECT_TRUE(givesPinTriesInCardData(*readCardData(bytes("16*5C A5 03 01 01 01 18 00 01 00 00 02 0F"))));
    EXPECT_FALSE(givesPinTriesInCardData(*readCardData(bytes("16*5C A5 03 01 01 01 17 00 03 00 21 01 0F"))))
        << "[M1.7] \"Applet V1.7h only supports backward compatible mode (P2='00')\"";
    EXPECT_FALSE(givesPinTriesInCardData(*readCardData(bytes("16*5C A5 03 01 01 01 11 00 01 01 01 01 0F"))));
}

// [SECTION] Status words: [M1.8] Tables 10, 20, 23, 29, 48; [M1.7] Tables 14, 17, 33.

TEST(EidStatusWordLayouts, MeanWhatTheManualsSay) {
    struct Case {
        const char* source;
        const char* answer;
        Status::Kind kind;
        int triesLeft, correctLength;
    };
    const Case cases[] = {
        {"90 00 normal ending", "90 00", Status::Kind::Ok, -1, -1},
        {"VERIFY with Lc=0 on a PIN not verified: 63 Cx, x tries left", "63 C3", Status::Kind::WrongPin, 3, -1},
        {"VERIFY: \"63 Cx Verification failed, 'x' retries remaining\"", "63 C1", Status::Kind::WrongPin, 1, -1},
        {"VERIFY: the last try gone", "63 C0", Status::Kind::PinBlocked, 0, -1},
        {"VERIFY: \"69 83 Authentication method blocked (PIN counter null)\"", "69 83", Status::Kind::PinBlocked, 0,
         -1},
        {"READ BINARY: \"6C XX Le incorrect, XX indicates the expected length\"", "6C 60", Status::Kind::WrongLength,
         -1, 0x60},
        {"READ BINARY: \"6B 00 Wrong parameter P1-P2 (offset outside the EF)\"", "6B 00", Status::Kind::PastEnd, -1,
         -1},
        {"SELECT FILE: \"6A 82 File not found\"", "6A 82", Status::Kind::NotFound, -1, -1},
        {"SELECT FILE: \"6A 86 Wrong parameter P1-P2\"", "6A 86", Status::Kind::Other, -1, -1},
        {"READ BINARY: \"69 86 Command not allowed (no current EF)\"", "69 86", Status::Kind::Other, -1, -1},
        {"\"6D 00 Command not available within the current life cycle\"", "6D 00", Status::Kind::Other, -1, -1},
        {"VERIFY: \"6A 88 Referenced PIN not found\"", "6A 88", Status::Kind::Other, -1, -1},
        {"\"65 81 EEPROM corrupted\"", "65 81", Status::Kind::Other, -1, -1},
    };
    for (const auto& c : cases) {
        const auto r = parseResponse(bytes(c.answer));
        ASSERT_TRUE(r) << c.source;
        const Status s = classify(r->sw);
        EXPECT_EQ(s.kind, c.kind) << c.source;
        if (c.triesLeft >= 0) {
            EXPECT_EQ(s.triesLeft, c.triesLeft) << c.source;
        }
        if (c.correctLength >= 0) {
            EXPECT_EQ(s.correctLength, c.correctLength) << c.source;
        }
    }
    const auto withData = parseResponse(bytes("'12.03.2031' 90 00"));
    ASSERT_TRUE(withData);
    EXPECT_EQ(withData->data, bytes("'12.03.2031'"));
    EXPECT_TRUE(withData->ok());
}

// [SECTION] Certificate files: [C5] 8, [C4] 8; DER lengths by X.690 8.1.3.

TEST(EidCertificateFileLayouts, ACertificateAndItsPaddingOrZeroBytesOnly) {
    using Kind = CertificateFileStart::Kind;
    struct Case {
        const char* source;
        const char* start; // the first READ BINARY chunk (252 bytes), or the whole file when shorter
        Kind kind;
        std::size_t length;
    };
    const Case cases[] = {
        {"[C5] 8.1: \"If no authentication certificate is issued for this person, this file consists of 2500 zero "
         "bytes\" (first chunk)",
         "252*00", Kind::NoCertificate, 0},
        {"[C4] 8.1: 1300 zero bytes (first chunk)", "252*00", Kind::NoCertificate, 0},
        {"an empty file", "", Kind::NoCertificate, 0},
        {"a certificate of 1238 bytes: SEQUENCE, long form length 82 04 D2", "30 82 04 D2 30 82 03 BA 248*11",
         Kind::Certificate, 1238},
        {"a certificate of 500 bytes whose DER ends inside the first chunk, then [C5] 8.1's 1100 zero bytes",
         "30 82 01 F0 246*22 2*00", Kind::Certificate, 500},
        {"length in one byte after 81", "30 81 F0 243*33 6*00", Kind::Certificate, 243},
        {"short form length", "30 7F 127*44 123*00", Kind::Certificate, 129},
        {"not a SEQUENCE", "252*EE", Kind::Malformed, 0},
        {"zero bytes, then something: neither a certificate nor an empty file", "2*00 30 82 250*00", Kind::Malformed,
         0},
        {"an indefinite length (80), which DER does not allow", "30 80 250*55", Kind::Malformed, 0},
        {"a length in three bytes: over 64 KB", "30 83 01 00 00 247*55", Kind::Malformed, 0},
        {"a length beyond any e-ID certificate (8 KB)", "30 82 20 00 248*55", Kind::Malformed, 0},
        {"a header cut short", "30 82 04", Kind::Malformed, 0},
        {"one byte", "30", Kind::Malformed, 0},
    };
    for (const auto& c : cases) {
        const auto start = inspectCertificateFile(bytes(c.start));
        EXPECT_EQ(start.kind, c.kind) << c.source;
        EXPECT_EQ(start.length, c.length) << c.source;
    }
}

// [SECTION] The test cards themselves (tests/support/EidCards.cpp) hold what the documents say.

TEST(EidTestCards, FollowThePublishedLayouts) {
    using dps::test::IdentityLayout;
    const auto starts = [](const Bytes& file, const Bytes& head) {
        return file.size() >= head.size() && std::equal(head.begin(), head.end(), file.begin());
    };
    // [C5] 6.2.2, [IDv5] 1: the file structure version first, then the card number.
    const Bytes v18 = dps::test::identityFile({.layout = IdentityLayout::Applet18});
    EXPECT_TRUE(starts(v18, bytes("00 02 00 02 01 0C '592830017465' 02 10")));
    // [C2.8] 6.3.2: no version field in a version 0 file.
    EXPECT_TRUE(starts(dps::test::identityFile({.layout = IdentityLayout::Version0}), bytes("01 0C '592830017465'")));
    // [C5] 6.1: 300 bytes of given names take FF 2D.
    const Bytes longNames = dps::test::identityFile({.givenNamesLength = 300});
    const Bytes tag08 = bytes("08 FF 2D 'Canarina Testa Canarina'");
    EXPECT_NE(std::search(longNames.begin(), longNames.end(), tag08.begin(), tag08.end()), longNames.end());
    // [C5] 6.1: zero bytes after the last field.
    const Bytes padded = dps::test::identityFile({.paddedTo = 1000});
    EXPECT_EQ(padded.size(), 1000U);
    EXPECT_TRUE(std::all_of(padded.begin() + static_cast<std::ptrdiff_t>(v18.size()), padded.end(),
                            [](std::uint8_t b) { return b == 0; }));
    // [IDv5] 2, [C2.8] 6.3.4: the address file, 117 bytes, version first on 1.8 only.
    const Bytes address = dps::test::addressFile(IdentityLayout::Applet18);
    EXPECT_EQ(address.size(), 117U);
    EXPECT_TRUE(starts(address, bytes("00 02 00 02 01 15 'Canarystraat 17 bus 3' 02 04 '1030'")));
    EXPECT_TRUE(starts(dps::test::addressFile(IdentityLayout::Applet17), bytes("01 15 'Canarystraat 17 bus 3'")));
    // [C5] 6.2.6: the photo is a JPEG (SOI FF D8 ... EOI FF D9).
    for (const auto layout : {IdentityLayout::Applet17, IdentityLayout::Applet18}) {
        const Bytes& photo = dps::test::photoFile(layout);
        ASSERT_GT(photo.size(), 1000U);
        EXPECT_TRUE(starts(photo, bytes("FF D8 FF")));
        EXPECT_EQ(photo[photo.size() - 2], 0xFF);
        EXPECT_EQ(photo.back(), 0xD9);
    }
    // [C5] 6.2.7: the basic public key, an EC P-384 SubjectPublicKeyInfo.
    EXPECT_TRUE(starts(dps::test::basicKeyFile(), bytes("30 76 30 10 06 07 2A 86 48 CE 3D 02 01 06 05 2B 81 04 00 22 "
                                                        "03 62 00 04")));
    EXPECT_EQ(dps::test::basicKeyFile().size(), 120U);
    // [C5] 8.1, [C4] 8.1: certificates followed by 1100 (1.8) or 50 zero bytes; none: 2500 or 1300.
    const Bytes der = dps::test::fakeCertificate(0xA1, 700);
    EXPECT_EQ(dps::test::certificateFile(der, 0x18).size(), 1800U);
    EXPECT_EQ(dps::test::certificateFile(der, 0x17).size(), 750U);
    EXPECT_EQ(dps::test::noCertificateFile(0x18), Bytes(2500, 0x00));
    EXPECT_EQ(dps::test::noCertificateFile(0x17), Bytes(1300, 0x00));
}
