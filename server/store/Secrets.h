#pragma once
// The few cryptographic operations the server needs, all from OpenSSL's libcrypto: random
// bytes, SHA-256, HMAC-SHA-256 and a comparison whose time does not depend on where two values
// differ.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dps::server {

// Throws std::runtime_error when the system has no randomness to give (never silently weak).
[[nodiscard]] std::vector<std::uint8_t> randomBytes(std::size_t n);
// SHA-256 of text, in lower-case hex: what server.db keeps instead of tokens and codes.
[[nodiscard]] std::string sha256Hex(std::string_view text);
// HMAC-SHA-256 of text under key, base64url: a value only the holder of key can make.
[[nodiscard]] std::string hmacSha256(std::span<const std::uint8_t> key, std::string_view text);
[[nodiscard]] std::string base64Url(std::span<const std::uint8_t> bytes); // no padding
[[nodiscard]] bool constantTimeEqual(std::string_view a, std::string_view b);

// A fresh bearer token: 32 random bytes, base64url (43 characters).
[[nodiscard]] std::string newBearerToken();

} // namespace dps::server
