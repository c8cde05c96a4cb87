#pragma once
#include "FakeSmartCard.h"

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace dps::test {

// The files of the test cards, laid out as the published documents describe real cards (each
// layout's source is in EidCards.cpp), with canary values in the personal fields.

// The personal fields: canaries that must never show up in anything the kiosk writes, prints or
// keeps. The identity file holds the first five, the address file the street.
inline constexpr const char* kCanaryCardNumber = "592830017465";
inline constexpr const char* kCanaryNationalNumber = "85073003328";
inline constexpr const char* kCanarySurname = "CANARYSURNAME";
inline constexpr const char* kCanaryGivenNames = "Canarina Testa";
inline constexpr const char* kCanaryBirthPlace = "Canaryville-sur-Sambre";
inline constexpr const char* kCanaryStreet = "Canarystraat 17 bus 3";

// The identity file's layouts, oldest first.
enum class IdentityLayout {
    Version0, // applet 1.1 cards: no file structure version, SHA-1 photo hash
    Applet17, // the file structure version (tag 00) first, SHA-1 photo hash
    Applet18, // version 2 first, SHA-384 photo hash, the basic key's hash (tag 1A)
};
// The layout a card of this applet version is given (applet byte of GET CARD DATA: 0x11, 0x17, 0x18).
IdentityLayout layoutOf(std::uint8_t applet);

struct IdentitySpec {
    std::string validFrom = "01.02.2022", validUntil = "01.02.2032"; // DD.MM.YYYY
    std::string documentType = "1";
    IdentityLayout layout = IdentityLayout::Applet18;
    // The given names repeated to this many bytes: from 255 on, the FF length extension. 0: once.
    std::size_t givenNamesLength = 0;
    // Zero bytes after the last field up to this size; 0: the exact size.
    std::size_t paddedTo = 0;
};
kiosk::eid::Bytes identityFile(const IdentitySpec& spec);
// An applet 1.8 identity file with these dates and document type.
kiosk::eid::Bytes identityFile(const std::string& from, const std::string& until, const std::string& type = "1");
kiosk::eid::Bytes addressFile(IdentityLayout layout);
// A real JPEG (SDL_image), of the resolution of the layout's time.
const kiosk::eid::Bytes& photoFile(IdentityLayout layout);
// EF(PuK#1 Basic) of applet 1.8: an EC P-384 public key (OpenSSL), DER SubjectPublicKeyInfo.
const kiosk::eid::Bytes& basicKeyFile();
// Its private key (PrK#1, reference 81), PKCS#8 DER, for INTERNAL AUTHENTICATE.
const kiosk::eid::Bytes& basicPrivateKey();
// The identity (4031), address (4033) and photo (4035) files, and the basic key (4040, with its
// private key for the card) on 1.8.
void putIdentityFiles(FakeCardProfile& card, const IdentitySpec& spec);

// A certificate file: the DER certificate followed by the zero bytes the card appends.
kiosk::eid::Bytes certificateFile(std::span<const std::uint8_t> der, std::uint8_t applet);
// A certificate file when no certificate was issued: zero bytes only.
kiosk::eid::Bytes noCertificateFile(std::uint8_t applet);
// A DER-shaped stand-in for unit tests: SEQUENCE header (30 82 LL LL), then `size - 4` bytes of
// `marker`, by which FakeCertificates tells the certificates apart.
kiosk::eid::Bytes fakeCertificate(std::uint8_t marker, std::size_t size = 700);

// The ATR of a card of this applet version.
std::vector<std::uint8_t> atrOf(std::uint8_t applet);

// "DD.MM.YYYY", as the identity file writes a date.
std::string cardDate(std::chrono::year_month_day d);

// A valid adult card until 1 February 2032, with both certificates, the Citizen CA and the root,
// as DER-shaped stand-ins (0xA1 authentication, 0xB2 signing, 0xCA the CA, 0xB0 the root) for
// FakeCertificates; end-to-end tests put real certificates there (EidTestPki).
FakeCardProfile validCard(std::uint8_t applet = 0x18);

} // namespace dps::test
