#include "kiosk/pkcs11/CardObjects.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <array>
#include <memory>
#include <string_view>

namespace dps::kiosk::pkcs11 {
namespace {

// What the token calls its objects and its key's identifier: the key reference on the card
// ([M1.7] 4.1 Table 4, [M1.8] 6.5 Table 16), the same on the three objects so that NSS pairs the
// certificate with its key. Nothing personal: the certificate itself is the holder's to give.
constexpr std::string_view kLabel = "Authentication";
constexpr std::array<std::uint8_t, 1> kId{0x82};

struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
struct BnFree {
    void operator()(BIGNUM* b) const { BN_clear_free(b); }
};

// i2d_* into a wiping buffer: one call for the length, one to write.
template <class T, class F> std::optional<Bytes> der(const T* value, F encode) {
    const int length = encode(value, nullptr);
    if (length <= 0) return std::nullopt;
    Bytes out(static_cast<std::size_t>(length));
    unsigned char* p = out.data();
    if (encode(value, &p) != length) return std::nullopt;
    return out;
}

std::optional<Bytes> bignum(EVP_PKEY* key, const char* name) {
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) return std::nullopt;
    const std::unique_ptr<BIGNUM, BnFree> n(raw);
    Bytes out(static_cast<std::size_t>(BN_num_bytes(n.get())));
    BN_bn2bin(n.get(), out.data());
    return out;
}

struct KeyParts {
    CardKey key;
    std::vector<Attribute> publicParts; // on both key objects
    Bytes ecPoint;                      // EC: the public key object's CKA_EC_POINT
};

std::optional<KeyParts> keyParts(EVP_PKEY* key) {
    KeyParts parts;
    const int bits = EVP_PKEY_get_bits(key);
    if (bits <= 0) return std::nullopt;
    parts.key.bits = static_cast<CK_ULONG>(bits);
    const std::size_t bytes = (static_cast<std::size_t>(bits) + 7) / 8;
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA) {
        auto n = bignum(key, OSSL_PKEY_PARAM_RSA_N);
        auto e = bignum(key, OSSL_PKEY_PARAM_RSA_E);
        if (!n || !e) return std::nullopt;
        parts.key.type = CKK_RSA;
        parts.key.signatureSize = bytes;
        parts.publicParts.push_back({CKA_MODULUS, std::move(*n)});
        parts.publicParts.push_back({CKA_PUBLIC_EXPONENT, std::move(*e)});
        return parts;
    }
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC) return std::nullopt;
    std::array<char, 80> group{};
    std::size_t groupLength = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group.data(), group.size(), &groupLength) != 1)
        return std::nullopt;
    const int nid = OBJ_sn2nid(group.data());
    const ASN1_OBJECT* oid = nid == NID_undef ? nullptr : OBJ_nid2obj(nid);
    if (oid == nullptr) return std::nullopt;
    // CKA_EC_PARAMS: DER of the curve's OID (namedCurve, PKCS#11 2.40 2.3.3).
    auto params = der(oid, [](const ASN1_OBJECT* o, unsigned char** p) { return i2d_ASN1_OBJECT(o, p); });
    // The uncompressed point 04 || x || y, which is what the certificate holds.
    std::array<std::uint8_t, 1 + 2 * 66> point{};
    std::size_t pointLength = 0;
    if (!params || EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, point.data(), point.size(),
                                                   &pointLength) != 1)
        return std::nullopt;
    parts.key.type = CKK_EC;
    parts.key.signatureSize = 2 * bytes;
    parts.publicParts.push_back({CKA_EC_PARAMS, std::move(*params)});
    parts.ecPoint = derOctetString({point.data(), pointLength});
    return parts;
}

void common(TokenObject& o, CK_OBJECT_CLASS cls, const Bytes& subject, const Bytes& spki) {
    o.addUlong(CKA_CLASS, cls);
    o.addBool(CKA_TOKEN, true);
    o.addBool(CKA_PRIVATE, o.isPrivate);
    o.addBool(CKA_MODIFIABLE, false);
    o.addText(CKA_LABEL, kLabel);
    o.add(CKA_ID, kId);
    o.add(CKA_SUBJECT, subject);
    o.add(CKA_PUBLIC_KEY_INFO, spki);
}

} // namespace

const TokenObject* CardObjects::find(CK_OBJECT_HANDLE handle) const {
    for (const auto& o : objects) {
        if (o.handle == handle) return &o;
    }
    return nullptr;
}

Bytes derOctetString(std::span<const std::uint8_t> content) {
    Bytes out{0x04};
    const std::size_t n = content.size() > 0xFFFF ? 0xFFFF : content.size();
    if (n < 0x80) {
        out.push_back(static_cast<std::uint8_t>(n));
    } else if (n <= 0xFF) {
        out.insert(out.end(), {0x81, static_cast<std::uint8_t>(n)});
    } else {
        out.insert(out.end(), {0x82, static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n & 0xFF)});
    }
    out.insert(out.end(), content.begin(), content.begin() + static_cast<std::ptrdiff_t>(n));
    return out;
}

std::optional<CardObjects> cardObjects(std::span<const std::uint8_t> certificate) {
    const unsigned char* p = certificate.data();
    const std::unique_ptr<X509, X509Free> x(d2i_X509(nullptr, &p, static_cast<long>(certificate.size())));
    if (!x) return std::nullopt;
    auto subject =
        der(X509_get_subject_name(x.get()), [](const X509_NAME* n, unsigned char** o) { return i2d_X509_NAME(n, o); });
    auto issuer =
        der(X509_get_issuer_name(x.get()), [](const X509_NAME* n, unsigned char** o) { return i2d_X509_NAME(n, o); });
    auto serial = der(X509_get0_serialNumber(x.get()),
                      [](const ASN1_INTEGER* s, unsigned char** o) { return i2d_ASN1_INTEGER(s, o); });
    auto spki = der(X509_get_X509_PUBKEY(x.get()),
                    [](const X509_PUBKEY* k, unsigned char** o) { return i2d_X509_PUBKEY(k, o); });
    EVP_PKEY* key = X509_get0_pubkey(x.get());
    if (!subject || !issuer || !serial || !spki || key == nullptr) return std::nullopt;
    auto parts = keyParts(key);
    if (!parts) return std::nullopt;

    CardObjects out;
    out.key = parts->key;

    TokenObject cert;
    cert.handle = kCertificate;
    common(cert, CKO_CERTIFICATE, *subject, *spki);
    cert.addUlong(CKA_CERTIFICATE_TYPE, CKC_X_509);
    cert.addBool(CKA_TRUSTED, false);
    cert.addUlong(CKA_CERTIFICATE_CATEGORY, 1); // token user: the holder's own (PKCS#11 2.40 4.6.2)
    cert.add(CKA_VALUE, certificate);
    cert.add(CKA_ISSUER, *issuer);
    cert.add(CKA_SERIAL_NUMBER, *serial);
    out.objects.push_back(std::move(cert));

    TokenObject pub;
    pub.handle = kPublicKey;
    common(pub, CKO_PUBLIC_KEY, *subject, *spki);
    pub.addUlong(CKA_KEY_TYPE, parts->key.type);
    pub.addBool(CKA_VERIFY, true);
    for (CK_ATTRIBUTE_TYPE no : {CKA_ENCRYPT, CKA_WRAP, CKA_VERIFY_RECOVER, CKA_DERIVE, CKA_LOCAL})
        pub.addBool(no, false);
    for (const auto& a : parts->publicParts)
        pub.add(a.type, a.value);
    if (parts->key.type == CKK_RSA) pub.addUlong(CKA_MODULUS_BITS, parts->key.bits);
    if (parts->key.type == CKK_EC) pub.add(CKA_EC_POINT, parts->ecPoint);
    out.objects.push_back(std::move(pub));

    TokenObject priv;
    priv.handle = kPrivateKey;
    priv.isPrivate = true;
    common(priv, CKO_PRIVATE_KEY, *subject, *spki);
    priv.addUlong(CKA_KEY_TYPE, parts->key.type);
    for (CK_ATTRIBUTE_TYPE yes : {CKA_SIGN, CKA_SENSITIVE, CKA_ALWAYS_SENSITIVE, CKA_NEVER_EXTRACTABLE})
        priv.addBool(yes, true);
    for (CK_ATTRIBUTE_TYPE no : {CKA_EXTRACTABLE, CKA_DECRYPT, CKA_UNWRAP, CKA_SIGN_RECOVER, CKA_DERIVE, CKA_LOCAL,
                                 CKA_ALWAYS_AUTHENTICATE, CKA_WRAP_WITH_TRUSTED})
        priv.addBool(no, false);
    for (const auto& a : parts->publicParts)
        priv.add(a.type, a.value);
    out.objects.push_back(std::move(priv));
    return out;
}

} // namespace dps::kiosk::pkcs11
