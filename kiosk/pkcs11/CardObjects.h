#pragma once
#include "kiosk/pkcs11/Attributes.h"

#include <optional>
#include <span>
#include <vector>

namespace dps::kiosk::pkcs11 {

// The objects a Belgian e-ID token shows, made from its authentication certificate (DF00/5038):
// the certificate, its public key and the private key the card holds under reference 82. The
// non-repudiation key (83) is never shown: a website login must not make a qualified signature.
// Handles are fixed: they only live as long as the card stays in the reader.
inline constexpr CK_OBJECT_HANDLE kCertificate = 1, kPublicKey = 2, kPrivateKey = 3;

struct CardKey {
    CK_KEY_TYPE type = CKK_RSA;    // CKK_RSA (applet 1.7) or CKK_EC (1.8)
    CK_ULONG bits = 0;             // RSA modulus or EC order size
    std::size_t signatureSize = 0; // RSA: the modulus' bytes; ECDSA: r || s, twice the order's
};

struct CardObjects {
    CardKey key;
    std::vector<TokenObject> objects;
    [[nodiscard]] const TokenObject* find(CK_OBJECT_HANDLE handle) const;
};

// nullopt when the certificate cannot be read (OpenSSL refuses it) or its key is neither RSA nor
// a named EC curve. The certificate comes from CardSession::certificate, already held to its
// file's bounds (CertificateFile).
std::optional<CardObjects> cardObjects(std::span<const std::uint8_t> certificate);

// DER: an OCTET STRING around bytes (CKA_EC_POINT, PKCS#11 2.40 2.3.3), at most 64 KiB.
Bytes derOctetString(std::span<const std::uint8_t> content);

} // namespace dps::kiosk::pkcs11
