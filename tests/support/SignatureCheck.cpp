#include "SignatureCheck.h"

#include "OpenSslFree.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>

namespace dps::test {
namespace {

// r || s (each half the length) as ECDSA-Sig-Value; empty when the length is odd.
std::vector<std::uint8_t> derEcdsa(std::span<const std::uint8_t> plain) {
    if (plain.empty() || plain.size() % 2 != 0) return {};
    const int half = static_cast<int>(plain.size() / 2);
    std::unique_ptr<ECDSA_SIG, OpenSslFree<ECDSA_SIG_free>> sig(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(plain.data(), half, nullptr);
    BIGNUM* s = BN_bin2bn(plain.data() + half, half, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    unsigned char* out = nullptr;
    const int n = i2d_ECDSA_SIG(sig.get(), &out);
    if (n <= 0) return {};
    std::vector<std::uint8_t> der(out, out + n);
    OPENSSL_free(out);
    return der;
}

bool verifies(EVP_PKEY* key, const std::string& digest, std::span<const std::uint8_t> message,
              std::span<const std::uint8_t> signature) {
    std::vector<std::uint8_t> sig(signature.begin(), signature.end());
    if (EVP_PKEY_is_a(key, "EC")) sig = derEcdsa(signature);
    if (sig.empty()) return false;
    const std::unique_ptr<EVP_MD_CTX, OpenSslFree<EVP_MD_CTX_free>> ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit_ex(ctx.get(), nullptr, digest.c_str(), nullptr, nullptr, key, nullptr) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), sig.data(), sig.size(), message.data(), message.size()) == 1;
}

} // namespace

bool signatureVerifies(std::span<const std::uint8_t> certificate, const std::string& digest,
                       std::span<const std::uint8_t> message, std::span<const std::uint8_t> signature) {
    const unsigned char* p = certificate.data();
    const std::unique_ptr<X509, OpenSslFree<X509_free>> x(d2i_X509(nullptr, &p, static_cast<long>(certificate.size())));
    EVP_PKEY* key = x ? X509_get0_pubkey(x.get()) : nullptr;
    return key != nullptr && verifies(key, digest, message, signature);
}

bool signatureVerifiesWithKey(std::span<const std::uint8_t> publicKey, const std::string& digest,
                              std::span<const std::uint8_t> message, std::span<const std::uint8_t> signature) {
    const unsigned char* p = publicKey.data();
    const std::unique_ptr<EVP_PKEY, OpenSslFree<EVP_PKEY_free>> key(
        d2i_PUBKEY(nullptr, &p, static_cast<long>(publicKey.size())));
    return key && verifies(key.get(), digest, message, signature);
}

std::vector<std::uint8_t> digestOf(const std::string& digest, std::span<const std::uint8_t> message) {
    std::vector<std::uint8_t> out(EVP_MAX_MD_SIZE);
    unsigned int n = 0;
    const std::unique_ptr<EVP_MD, OpenSslFree<EVP_MD_free>> md(EVP_MD_fetch(nullptr, digest.c_str(), nullptr));
    if (!md || EVP_Digest(message.data(), message.size(), out.data(), &n, md.get(), nullptr) != 1)
        throw std::runtime_error("digestOf: OpenSSL cannot hash with " + digest);
    out.resize(n);
    return out;
}

} // namespace dps::test
