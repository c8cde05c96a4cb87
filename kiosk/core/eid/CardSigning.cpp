#include "kiosk/core/eid/CardSigning.h"

namespace dps::kiosk::eid {

std::optional<std::uint8_t> algorithmReference(std::uint8_t appletVersion, Mechanism m) {
    if (appletVersion == 0x17) {
        // [M1.7] Table 11: 01 RSASSA-PKCS1 (no predefined hash), 02 PKCS1-v1.5 SHA-1, 04 MD5, 08
        // SHA-256, 10 and 20 PSS.
        switch (m) {
        case Mechanism::RsaPkcs1: return 0x01;
        case Mechanism::RsaPkcs1Sha1: return 0x02;
        case Mechanism::RsaPkcs1Sha256: return 0x08;
        default: return std::nullopt;
        }
    }
    if (appletVersion >= 0x18) {
        // [M1.8] Table 14: 01 ECDSA SHA-2-256, 02 SHA-2-384, 04 SHA-2-512, 08/10/20 the SHA-3
        // ones, 40 "hash not specified". A later applet is taken to keep 1.8's references, as
        // eid-mw takes GET CARD DATA's version ("applet version >= 0x18").
        switch (m) {
        case Mechanism::EcdsaSha256: return 0x01;
        case Mechanism::EcdsaSha384: return 0x02;
        case Mechanism::EcdsaSha512: return 0x04;
        case Mechanism::Ecdsa: return 0x40;
        default: return std::nullopt;
        }
    }
    return std::nullopt;
}

bool digestLengthFits(Mechanism m, std::size_t length) {
    switch (m) {
    // [M1.7] 6.8: "RSA PKCS#1 algorithm selected (hashing format not specified): the length of the
    // DTBS must be inferior or equal to 245 bytes (RSA 2048)". Never empty.
    case Mechanism::RsaPkcs1: return length > 0 && length <= 245;
    case Mechanism::RsaPkcs1Sha1: return length == 20;
    case Mechanism::RsaPkcs1Sha256:
    case Mechanism::EcdsaSha256: return length == 32;
    case Mechanism::EcdsaSha384: return length == 48;
    case Mechanism::EcdsaSha512: return length == 64;
    // [M1.8] Table 42: "'xx' = 20, 28, 32, 48 or 64 bytes for ECDSA with 'hash not specified'".
    case Mechanism::Ecdsa: return length == 20 || length == 28 || length == 32 || length == 48 || length == 64;
    }
    return false;
}

bool isEcdsa(Mechanism m) {
    return m == Mechanism::EcdsaSha256 || m == Mechanism::EcdsaSha384 || m == Mechanism::EcdsaSha512 ||
           m == Mechanism::Ecdsa;
}

namespace command {

Bytes setSignatureEnvironment(std::uint8_t algorithm, SigningKey key) {
    return {0x00, 0x22, 0x41, 0xB6, 0x05, 0x04, 0x80, algorithm, 0x84, static_cast<std::uint8_t>(key)};
}

std::optional<Bytes> computeDigitalSignature(std::span<const std::uint8_t> digest) {
    if (digest.empty() || digest.size() > 255) return std::nullopt;
    Bytes c{0x00, 0x2A, 0x9E, 0x9A, static_cast<std::uint8_t>(digest.size())};
    c.insert(c.end(), digest.begin(), digest.end());
    return c;
}

Bytes getResponse(std::uint8_t length) { return {0x00, 0xC0, 0x00, 0x00, length}; }

} // namespace command

SignStatus signStatusOf(std::uint16_t sw) {
    SignStatus s;
    const auto sw1 = static_cast<std::uint8_t>(sw >> 8), sw2 = static_cast<std::uint8_t>(sw & 0xFF);
    if (sw == 0x9000) {
        s.error = SignError::None;
    } else if (sw1 == 0x61) {
        s.error = SignError::None; // done, with more to fetch
        s.moreData = sw2 == 0 ? 256 : sw2;
    } else if (sw1 == 0x6C) {
        s.error = SignError::WrongLength;
        s.correctLength = sw2 == 0 ? 256 : sw2;
    } else if (sw1 == 0x63 && (sw2 & 0xF0) == 0xC0) {
        s.triesLeft = sw2 & 0x0F;
        s.error = s.triesLeft == 0 ? SignError::PinBlocked : SignError::WrongPin;
    } else if (sw == 0x6983) {
        s.error = SignError::PinBlocked;
        s.triesLeft = 0;
    } else if (sw == 0x6982) {
        s.error = SignError::PinNotVerified;
    } else if (sw == 0x6A88) {
        s.error = SignError::NoSuchKey;
    } else if (sw == 0x6A80) {
        s.error = SignError::NotSupported;
    } else if (sw == 0x6700) {
        s.error = SignError::WrongLength;
    } else if (sw == 0x6985) {
        s.error = SignError::ConditionsNotMet;
    }
    return s;
}

SignatureAnswer::Next SignatureAnswer::feed(std::span<const std::uint8_t> raw) {
    if (++answers_ > kMaxAnswers || raw.size() < 2) {
        status_ = SignStatus{};
        return Next::Failed;
    }
    const auto sw = static_cast<std::uint16_t>((raw[raw.size() - 2] << 8) | raw[raw.size() - 1]);
    const SignStatus s = signStatusOf(sw);
    const auto body = raw.first(raw.size() - 2);
    if (data_.size() + body.size() > kMaxSignature) {
        status_ = SignStatus{};
        return Next::Failed;
    }
    if (s.error == SignError::WrongLength && s.correctLength > 0 && answers_ > 1) {
        // 6C xx after a GET RESPONSE: the same again with Le = xx ([M1.8] Table 10).
        next_ = static_cast<std::uint8_t>(s.correctLength & 0xFF);
        return Next::GetResponse;
    }
    if (!s.ok()) {
        status_ = s;
        return Next::Failed;
    }
    data_.insert(data_.end(), body.begin(), body.end());
    if (s.moreData > 0) {
        next_ = static_cast<std::uint8_t>(s.moreData & 0xFF);
        return Next::GetResponse;
    }
    status_ = s;
    return Next::Done;
}

std::optional<Bytes> SignatureAnswer::signature(Mechanism m) const {
    if (!status_.ok() || data_.empty()) return std::nullopt;
    return signatureFrom(m, data_);
}

std::optional<Bytes> signatureFrom(Mechanism m, std::span<const std::uint8_t> data) {
    const std::size_t n = data.size();
    const bool fits = isEcdsa(m) ? (n == 64 || n == 96 || n == 128 || n == 132) : n == 256;
    if (!fits) return std::nullopt;
    return Bytes(data.begin(), data.end());
}

} // namespace dps::kiosk::eid
