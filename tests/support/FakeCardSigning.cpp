#include "FakeCardSigning.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace dps::test {
namespace {

using kiosk::eid::Bytes;

Bytes sw(std::uint16_t s) { return {static_cast<std::uint8_t>(s >> 8), static_cast<std::uint8_t>(s & 0xFF)}; }

constexpr std::uint8_t kBasic = 0x81, kAuth = 0x82, kNonRep = 0x83;

// The DTBS lengths a card checks for an algorithm reference; empty: the reference is not one of
// the applet's. [M1.7] 6.8 (after Table 28): "no predefined hash" at most 245 bytes, MD5 16, SHA-1
// 20, SHA-256 32; RSA-PSS (10, 20) is not emulated: the manual does not give its salt length.
// [M1.8] Table 14 and Table 42: 01/08 (SHA-2/3-256) 32 bytes, 02/10 48, 04/20 64, 40 ("hash not
// specified") 20, 28, 32, 48 or 64.
bool lengthFits(std::uint8_t applet, std::uint8_t algorithm, std::size_t n) {
    if (applet == 0x17) {
        switch (algorithm) {
        case 0x01: return n > 0 && n <= 245;
        case 0x02: return n == 20;
        case 0x04: return n == 16;
        case 0x08: return n == 32;
        default: return false;
        }
    }
    if (applet >= 0x18) {
        switch (algorithm) {
        case 0x01:
        case 0x08: return n == 32;
        case 0x02:
        case 0x10: return n == 48;
        case 0x04:
        case 0x20: return n == 64;
        case 0x40: return n == 20 || n == 28 || n == 32 || n == 48 || n == 64;
        default: return false;
        }
    }
    return false;
}

bool knownAlgorithm(std::uint8_t applet, std::uint8_t algorithm) {
    for (std::size_t n = 1; n <= 245; ++n) {
        if (lengthFits(applet, algorithm, n)) return true;
    }
    return false;
}

struct KeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CtxFree {
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};

std::unique_ptr<EVP_PKEY, KeyFree> keyFrom(const Bytes& pkcs8) {
    const unsigned char* p = pkcs8.data();
    std::unique_ptr<EVP_PKEY, KeyFree> key(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(pkcs8.size())));
    if (!key) throw std::runtime_error("FakeCardSigning: a card key that OpenSSL cannot read");
    return key;
}

// What the card computes: RSA, PKCS#1 v1.5 padding of the DTBS itself (01) or of the DigestInfo
// the card builds around it (02 SHA-1, 04 MD5, 08 SHA-256); ECDSA over the DTBS, returned "in
// plain format r || s ... each one on the length of the elliptic curve base point order n"
// ([M1.8] Table 43).
Bytes signWith(const Bytes& pkcs8, std::uint8_t applet, std::uint8_t algorithm, const Bytes& dtbs) {
    const auto key = keyFrom(pkcs8);
    const std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
    if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1) throw std::runtime_error("FakeCardSigning: EVP_PKEY_sign_init");
    const bool rsa = applet == 0x17;
    if (rsa) {
        const EVP_MD* md = algorithm == 0x02   ? EVP_sha1()
                           : algorithm == 0x04 ? EVP_md5()
                           : algorithm == 0x08 ? EVP_sha256()
                                               : nullptr;
        if (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
            (md && EVP_PKEY_CTX_set_signature_md(ctx.get(), md) != 1))
            throw std::runtime_error("FakeCardSigning: RSA parameters");
    }
    std::size_t n = 0;
    if (EVP_PKEY_sign(ctx.get(), nullptr, &n, dtbs.data(), dtbs.size()) != 1)
        throw std::runtime_error("FakeCardSigning: EVP_PKEY_sign (size)");
    Bytes out(n);
    if (EVP_PKEY_sign(ctx.get(), out.data(), &n, dtbs.data(), dtbs.size()) != 1)
        throw std::runtime_error("FakeCardSigning: EVP_PKEY_sign");
    out.resize(n);
    if (rsa) return out;
    // OpenSSL gives ECDSA-Sig-Value (DER); the card gives r || s.
    const unsigned char* p = out.data();
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(out.size()));
    if (sig == nullptr) throw std::runtime_error("FakeCardSigning: d2i_ECDSA_SIG");
    const int half = (EVP_PKEY_get_bits(key.get()) + 7) / 8;
    Bytes plain(static_cast<std::size_t>(2 * half));
    BN_bn2binpad(ECDSA_SIG_get0_r(sig), plain.data(), half);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig), plain.data() + half, half);
    ECDSA_SIG_free(sig);
    return plain;
}

// The data of a command with Lc (5 + Lc bytes, or one more for Le); nullopt when Lc does not
// match the command's length.
std::optional<Bytes> dataOf(const Bytes& cmd) {
    if (cmd.size() < 6) return std::nullopt;
    const std::size_t lc = cmd[4];
    if (lc == 0 || (cmd.size() != 5 + lc && cmd.size() != 6 + lc)) return std::nullopt;
    return Bytes(cmd.begin() + 5, cmd.begin() + 5 + static_cast<std::ptrdiff_t>(lc));
}

bool isVerifyWithPin(const Bytes& cmd) { return cmd.size() > 5 && cmd[0] == 0x00 && cmd[1] == 0x20; }
bool isPso(const Bytes& cmd) { return cmd.size() >= 2 && cmd[0] == 0x00 && cmd[1] == 0x2A; }
bool isGetResponse(const Bytes& cmd) { return cmd.size() >= 2 && cmd[0] == 0x00 && cmd[1] == 0xC0; }

} // namespace

void FakeCardSigning::beforeCommand(const Bytes& cmd) {
    if (!isGetResponse(cmd)) waiting_.clear(); // T=0: the data waits for the next command only
    if (isVerifyWithPin(cmd) || isPso(cmd)) return;
    if (pending_) ++sinceVerify_;
}

void FakeCardSigning::pinRight() {
    // A VERIFY left unused by a non-repudiation signature was one for authentication ([M1.7] 5.1:
    // "Verify(PIN), …, Verify(PIN), Sign(Keynon-rep), …, Sign(Keyauth)" is allowed).
    if (pending_) authRight_ = true;
    pending_ = true;
    sinceVerify_ = 0;
}

void FakeCardSigning::pinWrong() {
    authRight_ = false;
    pending_ = false;
}

void FakeCardSigning::reset() {
    pinWrong();
    algorithm_.reset();
    key_.reset();
    waiting_.clear();
}

std::optional<Bytes> FakeCardSigning::answer(const Bytes& cmd, std::uint8_t applet, const Keys& keys) {
    if (cmd.size() < 4 || applet < 0x17) return std::nullopt; // applet 1.1: not emulated
    if (cmd[0] == 0x00 && cmd[1] == 0x22) return setEnvironment(cmd, applet, keys);
    if (cmd[0] == 0x00 && cmd[1] == 0x2A) return computeSignature(cmd, applet, keys);
    // INTERNAL AUTHENTICATE: not in [M1.7]'s command table (Table 7); [M1.8] 6.11.
    if (cmd[0] == 0x00 && cmd[1] == 0x88 && applet >= 0x18) return internalAuthenticate(cmd, keys);
    if (isGetResponse(cmd)) return getResponse(cmd);
    return std::nullopt;
}

// [M1.7] 6.7, [M1.8] 6.12 MSE SET: 00 22 41 B6 05 | 04 80 <algorithm> 84 <key>. "No security
// conditions are required". Status words of Tables 26 / 40: 67 00 wrong length, 6B 00 wrong
// P1-P2, 6A 80 "incorrect parameter in the data field (e.g. wrong tag, algorithm reference not
// supported...)", 6A 88 "referenced key not found (e.g. Authentication key, Non-repudiation key
// not found)". A failed MSE SET leaves no environment set.
Bytes FakeCardSigning::setEnvironment(const Bytes& cmd, std::uint8_t applet, const Keys& keys) {
    algorithm_.reset();
    key_.reset();
    if (cmd[2] != 0x41 || cmd[3] != 0xB6) return sw(0x6B00);
    const auto data = dataOf(cmd);
    if (!data || data->size() != 5) return sw(0x6700);
    const Bytes& d = *data;
    if (d[0] != 0x04 || d[1] != 0x80 || d[3] != 0x84) return sw(0x6A80);
    if (!knownAlgorithm(applet, d[2])) return sw(0x6A80);
    // "Only the private 'Signature keys' can be selected for signature" ([M1.8] 6.12): 82 and 83.
    if (d[4] != kAuth && d[4] != kNonRep) return sw(0x6A80);
    if (!keys.count(d[4])) return sw(0x6A88);
    algorithm_ = d[2];
    key_ = d[4];
    return sw(0x9000);
}

// [M1.7] 6.8, [M1.8] 6.13 PSO CDS: 00 2A 9E 9A Lc DTBS (Le). Conditions of use: the environment
// set (else 69 85 "security environment not set"), the key's PIN right (else 69 82 "security
// status not satisfied"): for the authentication key a right VERIFY "at any time before", for
// the non-repudiation key one "just before" ([M1.7] 5.1), or "at most one command before"
// ([M1.8] 5.1.2); then the DTBS length of the algorithm (67 00). The signature waits for GET
// RESPONSE: 61 xx, as a T=0 card answers a case 4 command ([M1.7] 6.1, Table 30).
Bytes FakeCardSigning::computeSignature(const Bytes& cmd, std::uint8_t applet, const Keys& keys) {
    if (cmd[2] != 0x9E || cmd[3] != 0x9A) return sw(0x6B00);
    const auto data = dataOf(cmd);
    if (!data) return sw(0x6700);
    if (!algorithm_ || !key_) return sw(0x6985);
    const bool nonRep = *key_ == kNonRep;
    const int justBefore = applet >= 0x18 ? 1 : 0;
    const bool allowed = nonRep ? pending_ && sinceVerify_ <= justBefore : authRight_ || pending_;
    if (nonRep) {
        pending_ =
            false; // used (or lost) by this attempt: "Verify(PIN), Wrong Sign(Keynon-rep) KO, …, Sign(Keyauth) KO"
    } else if (allowed) {
        authRight_ = true;
        pending_ = false;
    }
    if (!allowed) return sw(0x6982);
    if (!lengthFits(applet, *algorithm_, data->size())) return sw(0x6700);
    ++signatures_;
    return respondLater(signWith(keys.at(*key_), applet, *algorithm_, *data));
}

// [M1.8] 6.11 INTERNAL AUTHENTICATE: 00 88 <algorithm> <key> Lc 94 <length> <challenge> (Le).
// Only the basic key 81 (Tables 5 and 6: the authentication and non-repudiation keys are NEV for
// it: 69 82); on a 384-bit basic key with "ECDSA using SHA-2-384" (Table 33: P1 02, a 48-byte
// challenge, "Data = '94' || '30' || CHL of 48 bytes"). "In normal ending case, [it] clears the
// current Security Environment."
Bytes FakeCardSigning::internalAuthenticate(const Bytes& cmd, const Keys& keys) {
    const std::uint8_t algorithm = cmd[2], key = cmd[3];
    if (key == kAuth || key == kNonRep) return sw(0x6982);
    if (key != kBasic || !keys.count(kBasic)) return sw(0x6A88);
    if (algorithm != 0x02) return sw(0x6B00);
    const auto data = dataOf(cmd);
    if (!data) return sw(0x6700);
    if (data->size() != 50 || (*data)[0] != 0x94 || (*data)[1] != 0x30) return sw(0x6A80);
    algorithm_.reset();
    key_.reset();
    ++signatures_;
    const Bytes challenge(data->begin() + 2, data->end());
    return respondLater(signWith(keys.at(kBasic), 0x18, 0x02, challenge));
}

Bytes FakeCardSigning::respondLater(Bytes data) {
    waiting_ = std::move(data);
    return sw(static_cast<std::uint16_t>(0x6100 | (waiting_.size() & 0xFF))); // 61 00: 256 bytes
}

// [M1.7] 6.1 Tables 8-10, [M1.8] 6.1 and 6.2.3: 00 C0 00 00 Le (00: 256). "69 85 there are no
// data to retrieve"; "6C xx Le too long, only xx bytes available" (and the data still wait);
// fewer than are left: 61 xx with the rest.
Bytes FakeCardSigning::getResponse(const Bytes& cmd) {
    if (cmd.size() != 5 || cmd[2] != 0x00 || cmd[3] != 0x00) return sw(0x6B00);
    if (waiting_.empty()) return sw(0x6985);
    const std::size_t wanted = cmd[4] == 0 ? 256 : cmd[4];
    if (wanted > waiting_.size()) return sw(static_cast<std::uint16_t>(0x6C00 | (waiting_.size() & 0xFF)));
    Bytes out(waiting_.begin(), waiting_.begin() + static_cast<std::ptrdiff_t>(wanted));
    waiting_.erase(waiting_.begin(), waiting_.begin() + static_cast<std::ptrdiff_t>(wanted));
    const Bytes tail =
        waiting_.empty() ? sw(0x9000) : sw(static_cast<std::uint16_t>(0x6100 | (waiting_.size() & 0xFF)));
    out.insert(out.end(), tail.begin(), tail.end());
    return out;
}

} // namespace dps::test
