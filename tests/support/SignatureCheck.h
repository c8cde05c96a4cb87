#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace dps::test {

// OpenSSL's verdict on a card's signature, independent of the kiosk's code: the public key of
// `certificate` (DER, as read from the card) checks `signature` over `message` hashed with
// `digest` ("SHA256", "SHA384"…): RSA PKCS#1 v1.5, or ECDSA given as the card gives it, r || s
// (turned into the DER ECDSA-Sig-Value OpenSSL verifies).
bool signatureVerifies(std::span<const std::uint8_t> certificate, const std::string& digest,
                       std::span<const std::uint8_t> message, std::span<const std::uint8_t> signature);

// The same with a public key alone (DER SubjectPublicKeyInfo, e.g. the basic key's file 4040).
bool signatureVerifiesWithKey(std::span<const std::uint8_t> publicKey, const std::string& digest,
                              std::span<const std::uint8_t> message, std::span<const std::uint8_t> signature);

// A text's bytes, as the card and OpenSSL take a message.
inline std::span<const std::uint8_t> bytesOf(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// The digest of message, with OpenSSL ("SHA256", "SHA384"…).
std::vector<std::uint8_t> digestOf(const std::string& digest, std::span<const std::uint8_t> message);

} // namespace dps::test
