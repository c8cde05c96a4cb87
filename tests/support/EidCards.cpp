// The test cards' files, laid out from the published documents, never from what our parser
// accepts. The documents are in Fedict's eid-mw repository, doc/sdk/documentation/ (PDFs, read
// with pdftotext; [C2.8] is a scan, read as page images):
//   [C2.8] "Belgian Electronic Identity Card content" v2.8a (2004), for applet 1.1 cards
//   [C4]   "Belgian Electronic Identity Card content" v4.01 (2014), for applet 1.7 cards
//   [C5]   "Belgian Electronic Identity Card content" v5.4, for applet 1.8 cards
//   [IDv5] "ID and Address file contents" v5.0 (2023), the applet 1.8 ID and address files
// How the card answers commands (SELECT, READ BINARY, GET CARD DATA…) is in FakeSmartCard.h.
#include "EidCards.h"

#include <SDL.h>
#include <SDL_image.h>
#include <cmath>
#include <cstdio>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <stdexcept>
#include <string_view>

namespace dps::test {
namespace {

using kiosk::eid::Bytes;

// [C5] 6.1, [C2.8] 6.2 ("simplified TLV"): the tag, 1 byte; the length, 1 byte when under 255,
// else FF for each 255 and then the rest (FF x-255, FF FF x-510…); the value.
void appendField(Bytes& out, std::uint8_t tag, std::span<const std::uint8_t> value) {
    out.push_back(tag);
    std::size_t n = value.size();
    for (; n >= 0xFF; n -= 0xFF)
        out.push_back(0xFF);
    out.push_back(static_cast<std::uint8_t>(n));
    for (const auto b : value) // (insert() trips a GCC 12 false warning)
        out.push_back(b);
}

void appendField(Bytes& out, std::uint8_t tag, std::string_view text) {
    appendField(out, tag, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

Bytes digest(const EVP_MD* md, std::span<const std::uint8_t> data) {
    Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md)));
    unsigned int n = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &n, md, nullptr) != 1)
        throw std::runtime_error("EVP_Digest failed");
    out.resize(n);
    return out;
}

// A holder's photo: grey levels only, a darker oval (a head) on a light background, as JPEG.
Bytes jpeg(int width, int height) {
    SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, width, height, 24, SDL_PIXELFORMAT_RGB24);
    if (s == nullptr) throw std::runtime_error(std::string("SDL_CreateRGBSurfaceWithFormat: ") + SDL_GetError());
    for (int y = 0; y < height; ++y) {
        auto* row = static_cast<std::uint8_t*>(s->pixels) + static_cast<std::ptrdiff_t>(y) * s->pitch;
        for (int x = 0; x < width; ++x) {
            const double dx = (x - width / 2.0) / (width * 0.33), dy = (y - height * 0.45) / (height * 0.36);
            const double r = std::sqrt(dx * dx + dy * dy);
            const auto grey = static_cast<std::uint8_t>(r < 1 ? 70 + 60 * r : 215 - y / 8);
            row[3 * x] = row[3 * x + 1] = row[3 * x + 2] = grey;
        }
    }
    std::vector<char> buffer(64 * 1024);
    SDL_RWops* rw = SDL_RWFromMem(buffer.data(), static_cast<int>(buffer.size()));
    const int rc = IMG_SaveJPG_RW(s, rw, 0, 60);
    const auto size = SDL_RWtell(rw);
    SDL_RWclose(rw);
    SDL_FreeSurface(s);
    if (rc != 0 || size <= 0) throw std::runtime_error(std::string("IMG_SaveJPG_RW: ") + IMG_GetError());
    return {buffer.begin(), buffer.begin() + size};
}

// Tag 02, the chip number: 16 bytes, binary ([IDv5] 1). Invented, with the 00 and FF bytes a
// binary value may hold (neither is padding nor a length extension inside a value).
constexpr std::uint8_t kChipNumber[16] = {0x9C, 0x41, 0x00, 0xFF, 0x3E, 0x07, 0xD2, 0xFF,
                                          0x00, 0x18, 0x6B, 0x5A, 0x00, 0xC4, 0xFF, 0x21};

bool foreigner(const std::string& type) {
    const int t = std::atoi(type.c_str());
    return (t >= 11 && t <= 36) || (t >= 61 && t <= 69);
}

} // namespace

IdentityLayout layoutOf(std::uint8_t applet) {
    return applet >= 0x18   ? IdentityLayout::Applet18
           : applet >= 0x17 ? IdentityLayout::Applet17
                            : IdentityLayout::Version0;
}

Bytes identityFile(const IdentitySpec& spec) {
    const bool v18 = spec.layout == IdentityLayout::Applet18;
    std::string given = kCanaryGivenNames;
    if (spec.givenNamesLength > 0) {
        given.clear();
        while (given.size() < spec.givenNamesLength)
            given += std::string(kCanaryGivenNames) + " ";
        given.resize(spec.givenNamesLength);
    }
    Bytes f;
    // Tag 00, the file structure version, 2 bytes binary: only in the first TLV ([C4] 9, [C5]
    // 6.2.2: version 2, [IDv5] 1). [C2.8] 6.3.2: version 0 "does not appear in the file". How
    // the number fills the 2 bytes is not published (big-endian here); the check does not read it.
    if (spec.layout != IdentityLayout::Version0) {
        const std::uint8_t version[2] = {0x00, static_cast<std::uint8_t>(v18 ? 2 : 1)};
        appendField(f, 0x00, version);
    }
    // Then every field in tag order, with the lengths of the tables ([C2.8] p. 29, [C4] 9, [IDv5] 1).
    appendField(f, 0x01, kCanaryCardNumber);                              // card number, 12 ASCII
    appendField(f, 0x02, kChipNumber);                                    // chip number, 16 binary
    appendField(f, 0x03, spec.validFrom);                                 // validity begin, DD.MM.YYYY
    appendField(f, 0x04, spec.validUntil);                                // validity end, DD.MM.YYYY
    appendField(f, 0x05, "Schaerbeek");                                   // delivery municipality, UTF-8
    appendField(f, 0x06, kCanaryNationalNumber);                          // national number, 11 ASCII
    appendField(f, 0x07, kCanarySurname);                                 // name, UTF-8
    appendField(f, 0x08, given);                                          // 2 first given names, UTF-8
    appendField(f, 0x09, "\xC3\x89");                                     // first letter of the 3rd: É, UTF-8
    appendField(f, 0x0A, "Belg");                                         // nationality, UTF-8
    appendField(f, 0x0B, kCanaryBirthPlace);                              // birth location, UTF-8
    appendField(f, 0x0C, "30 JUIL 1985");                                 // birth date, DD mmmm YYYY (12)
    appendField(f, 0x0D, "F");                                            // sex
    appendField(f, 0x0E, "");                                             // noble condition: default "", empty
    appendField(f, 0x0F, spec.documentType);                              // document type, ASCII (up to 2)
    appendField(f, 0x10, "0");                                            // special status: 0, none
    const Bytes& photo = photoFile(spec.layout);                          // hash of the photo file:
    appendField(f, 0x11, digest(v18 ? EVP_sha384() : EVP_sha1(), photo)); // SHA-384 on 1.8, else SHA-1
    if (spec.layout != IdentityLayout::Version0 && foreigner(spec.documentType)) {
        appendField(f, 0x12, "00"); // duplicate: default 0 ([C4] 9, [IDv5] 1: foreigner cards only)
        appendField(f, 0x13, "");   // special organisation: default ""
    }
    if (v18) appendField(f, 0x1A, digest(EVP_sha384(), basicKeyFile())); // [IDv5] 1: hash of EF(PuK#1 Basic)
    // [C5] 6.1: "The actual data may be followed by padding bytes ('0')."
    if (f.size() < spec.paddedTo) f.resize(spec.paddedTo, 0x00);
    return f;
}

Bytes identityFile(const std::string& from, const std::string& until, const std::string& type) {
    return identityFile(IdentitySpec{.validFrom = from, .validUntil = until, .documentType = type});
}

Bytes addressFile(IdentityLayout layout) {
    Bytes f;
    // [IDv5] 2 and [C5] 6.2.4: file structure version 2 first; [C2.8] 6.3.4: version 0, absent.
    if (layout == IdentityLayout::Applet18) {
        const std::uint8_t version[2] = {0x00, 0x02};
        appendField(f, 0x00, version);
    }
    appendField(f, 0x01, kCanaryStreet); // street + number, UTF-8
    appendField(f, 0x02, "1030");        // zip code, ASCII
    appendField(f, 0x03, "Schaerbeek");  // municipality, UTF-8
    // The address changes when the holder moves, so the file has a fixed size, zero-padded:
    // 117 bytes ([C2.8] 6.3.4 "Current file length: 117 bytes"; [C5] 2.3).
    f.resize(117, 0x00);
    return f;
}

const Bytes& photoFile(IdentityLayout layout) {
    // [C5] 6.2.6: JPEG, 8-bit grey; 140 x 200 pixels before 2021, 150 x 195 since.
    static const Bytes old = jpeg(140, 200), current = jpeg(150, 195);
    return layout == IdentityLayout::Applet18 ? current : old;
}

namespace {

// The basic key pair, made once: its public half is EF(PuK#1), its private half the card's.
struct BasicKey {
    Bytes publicDer, privateDer;
};

const BasicKey& basicKey() {
    static const BasicKey key = [] {
        EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
        unsigned char* der = nullptr;
        const int n = pkey ? i2d_PUBKEY(pkey, &der) : -1;
        PKCS8_PRIV_KEY_INFO* info = pkey ? EVP_PKEY2PKCS8(pkey) : nullptr;
        unsigned char* priv = nullptr;
        const int m = info ? i2d_PKCS8_PRIV_KEY_INFO(info, &priv) : -1;
        PKCS8_PRIV_KEY_INFO_free(info);
        EVP_PKEY_free(pkey);
        if (n <= 0 || m <= 0) throw std::runtime_error("no P-384 key pair from OpenSSL");
        BasicKey k{Bytes(der, der + n), Bytes(priv, priv + m)};
        OPENSSL_free(der);
        OPENSSL_clear_free(priv, static_cast<std::size_t>(m));
        return k;
    }();
    return key;
}

} // namespace

// [C5] 6.2.7: 30 76 30 10 06 07 (ecPublicKey) 06 05 (secp384r1) 03 62 00 04 X Y.
const Bytes& basicKeyFile() { return basicKey().publicDer; }

const Bytes& basicPrivateKey() { return basicKey().privateDer; }

void putIdentityFiles(FakeCardProfile& card, const IdentitySpec& spec) {
    card.files[0x4031] = identityFile(spec);
    card.files[0x4033] = addressFile(spec.layout);
    card.files[0x4035] = photoFile(spec.layout);
    if (spec.layout == IdentityLayout::Applet18) {
        card.files[0x4040] = basicKeyFile();
        card.privateKeys[0x81] = basicPrivateKey(); // PrK#1 ([M1.8] 4.1, 6.5 Table 16)
    }
}

Bytes certificateFile(std::span<const std::uint8_t> der, std::uint8_t applet) {
    // Zero bytes appended at personalisation: 1100 on applet 1.8 ([C5] 8.1-8.5), 50 before ([C4]
    // 8.1-8.3; [C2.8] 8 says nothing of padding, so 1.1 cards get 1.7's).
    Bytes f(der.begin(), der.end());
    f.resize(der.size() + (applet >= 0x18 ? 1100 : 50), 0x00);
    return f;
}

Bytes noCertificateFile(std::uint8_t applet) {
    // "If no authentication certificate is issued for this person, this file consists of 2500
    // zero bytes" ([C5] 8.1, 8.2; 1300 in [C4] 8.1, 8.2).
    return Bytes(applet >= 0x18 ? 2500 : 1300, 0x00);
}

Bytes fakeCertificate(std::uint8_t marker, std::size_t size) {
    Bytes f(size, marker);
    f[0] = 0x30; // SEQUENCE, its length in the two bytes after 82 (DER long form)
    f[1] = 0x82;
    f[2] = static_cast<std::uint8_t>((size - 4) >> 8);
    f[3] = static_cast<std::uint8_t>((size - 4) & 0xFF);
    return f;
}

std::vector<std::uint8_t> atrOf(std::uint8_t applet) {
    // [C5] 2.3: the ATRs of electrical personalisation versions 02 (2004) and 04 (2020, applet 1.8).
    if (applet >= 0x18)
        return {0x3B, 0x7F, 0x96, 0x00, 0x00, 0x80, 0x31, 0x80, 0x65, 0xB0,
                0x85, 0x04, 0x01, 0x20, 0x12, 0x0F, 0xFF, 0x82, 0x90, 0x00};
    return {0x3B, 0x98, 0x13, 0x40, 0x0A, 0xA5, 0x03, 0x01, 0x01, 0x01, 0xAD, 0x13, 0x11};
}

std::string cardDate(std::chrono::year_month_day d) {
    char text[16];
    std::snprintf(text, sizeof text, "%02u.%02u.%04d", static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()),
                  static_cast<int>(d.year()));
    return text;
}

FakeCardProfile validCard(std::uint8_t applet) {
    FakeCardProfile p;
    p.applet = applet;
    putIdentityFiles(p, {.layout = layoutOf(applet)});
    p.files[0x5038] = certificateFile(fakeCertificate(0xA1), applet);
    p.files[0x5039] = certificateFile(fakeCertificate(0xB2), applet);
    p.files[0x503A] = certificateFile(fakeCertificate(0xCA), applet);
    p.files[0x503B] = certificateFile(fakeCertificate(0xB0), applet);
    return p;
}

} // namespace dps::test
