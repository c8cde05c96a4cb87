#include "kiosk/adapters/eid/OpenSslCertificates.h"

#include "kiosk/adapters/eid/CpuTraces.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <climits>
#include <ctime>
#include <new>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace dps::kiosk::eid {
namespace {

template <auto Free> struct OpenSslFree {
    template <class T> void operator()(T* p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, OpenSslFree<X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslFree<BIO_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, OpenSslFree<X509_STORE_CTX_free>>;
struct StackFree { // sk_X509_free is a macro: it has no address to give a template
    void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }
};
using StackPtr = std::unique_ptr<STACK_OF(X509), StackFree>;

// OpenSSL queues an error for each refusal on the calling thread; left there, a later, unrelated
// OpenSSL caller on the same thread (libcurl) would read them as its own.
struct ClearErrorsOnExit {
    ClearErrorsOnExit() = default;
    ClearErrorsOnExit(const ClearErrorsOnExit&) = delete;
    ClearErrorsOnExit& operator=(const ClearErrorsOnExit&) = delete;
    ~ClearErrorsOnExit() { ERR_clear_error(); }
};

// d2i_X509 reads one DER certificate and ignores what follows it, which is what the card's
// zero-padded files need.
X509Ptr parse(std::span<const std::uint8_t> der) {
    if (der.empty()) return nullptr;
    const unsigned char* p = der.data();
    const auto length = static_cast<long>(std::min<std::size_t>(der.size(), LONG_MAX));
    return X509Ptr(d2i_X509(nullptr, &p, length));
}

// Both encodings X.509 uses (UTCTime up to 2049, GeneralizedTime from 2050) go through
// ASN1_TIME_to_tm, which also checks the text is a real date.
std::optional<std::chrono::sys_seconds> toSysSeconds(const ASN1_TIME* time) {
    std::tm tm{};
    if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) return std::nullopt; // (NULL would mean "now")
    using namespace std::chrono;
    const year_month_day date{year{tm.tm_year + 1900}, month{static_cast<unsigned>(tm.tm_mon + 1)},
                              day{static_cast<unsigned>(tm.tm_mday)}};
    if (!date.ok()) return std::nullopt;
    return sys_days{date} + hours{tm.tm_hour} + minutes{tm.tm_min} + seconds{tm.tm_sec};
}

ChainVerdict verdictFor(int verifyError) {
    switch (verifyError) {
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
    case X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH:
    case X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY: return ChainVerdict::BadSignature;
    // The certificate parsed, but a part OpenSSL needs for the chain does not decode.
    case X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY:
    case X509_V_ERR_INVALID_EXTENSION:
    case X509_V_ERR_EC_KEY_EXPLICIT_PARAMS:
    case X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM: return ChainVerdict::Malformed;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_INVALID_CA:
    case X509_V_ERR_PATH_LENGTH_EXCEEDED:
    case X509_V_ERR_CERT_UNTRUSTED:
    case X509_V_ERR_CERT_REJECTED: return ChainVerdict::UnknownRoot;
    // Any other refusal still means the chain was not accepted up to a bundled root; it must
    // never fall through to Trusted.
    default: return ChainVerdict::UnknownRoot;
    }
}

// Every certificate of one PEM file; throws naming the file when it holds anything else.
std::vector<X509Ptr> readPemCertificates(const std::filesystem::path& file) {
    const ClearErrorsOnExit clear;
    BioPtr bio(BIO_new_file(file.c_str(), "r"));
    if (!bio) throw std::runtime_error("e-ID root file " + file.string() + " cannot be read");
    // A certificate is never encrypted: refuse any passphrase rather than prompt on a terminal.
    pem_password_cb* noPassphrase = [](char*, int, int, void*) { return 0; };
    std::vector<X509Ptr> certificates;
    while (X509Ptr certificate{PEM_read_bio_X509(bio.get(), nullptr, noPassphrase, nullptr)})
        certificates.push_back(std::move(certificate));
    // The loop ends at the end of the file ("no start line") or at the first block that is not
    // a well-formed certificate.
    const unsigned long why = ERR_peek_last_error();
    const bool cleanEnd = ERR_GET_LIB(why) == ERR_LIB_PEM && ERR_GET_REASON(why) == PEM_R_NO_START_LINE;
    if (!cleanEnd || certificates.empty())
        throw std::runtime_error("e-ID root file " + file.string() + " is not a PEM certificate");
    return certificates;
}

} // namespace

struct OpenSslCertificates::Store {
    Store() : roots(X509_STORE_new()) {
        if (roots == nullptr) throw std::bad_alloc();
    }
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;
    ~Store() { X509_STORE_free(roots); }
    X509_STORE* roots;
};

OpenSslCertificates::OpenSslCertificates(const std::filesystem::path& rootsDir) : store_(std::make_unique<Store>()) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (std::filesystem::directory_iterator it(rootsDir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".pem") files.push_back(it->path());
    }
    if (ec) throw std::runtime_error("e-ID roots directory " + rootsDir.string() + " cannot be read: " + ec.message());
    std::sort(files.begin(), files.end()); // the same file is named first on every machine
    for (const auto& file : files) {
        for (const auto& root : readPemCertificates(file)) {
            if (X509_STORE_add_cert(store_->roots, root.get()) != 1) throw std::bad_alloc();
            ++rootCount_;
        }
    }
    ERR_clear_error();
    if (rootCount_ == 0)
        throw std::runtime_error("e-ID roots directory " + rootsDir.string() + " holds no root certificate (*.pem)");
}

OpenSslCertificates::~OpenSslCertificates() = default;

std::optional<CertificateDates> OpenSslCertificates::dates(std::span<const std::uint8_t> der) const {
    const WipeCpuTracesOnExit wipe; // the subject passed through registers and OpenSSL's frames
    const ClearErrorsOnExit clear;
    const X509Ptr certificate = parse(der);
    if (!certificate) return std::nullopt;
    const auto notBefore = toSysSeconds(X509_get0_notBefore(certificate.get()));
    const auto notAfter = toSysSeconds(X509_get0_notAfter(certificate.get()));
    if (!notBefore || !notAfter) return std::nullopt;
    return CertificateDates{*notBefore, *notAfter};
}

ChainVerdict OpenSslCertificates::verify(std::span<const std::uint8_t> leaf,
                                         std::span<const std::uint8_t> issuingCa) const {
    const WipeCpuTracesOnExit wipe; // the subject passed through registers and OpenSSL's frames
    const ClearErrorsOnExit clear;
    const X509Ptr leafCertificate = parse(leaf);
    const X509Ptr ca = parse(issuingCa);
    if (!leafCertificate || !ca) return ChainVerdict::Malformed;

    const StackPtr untrusted(sk_X509_new_null());
    const StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!untrusted || !ctx || sk_X509_push(untrusted.get(), ca.get()) == 0 ||
        X509_STORE_CTX_init(ctx.get(), store_->roots, leafCertificate.get(), untrusted.get()) != 1)
        throw std::bad_alloc();
    // The kiosk's clock may be wrong (no network, flat battery): the check judges dates itself.
    // The default purpose checks stay on: they refuse an intermediate that is not a CA.
    X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_NO_CHECK_TIME);
    if (X509_verify_cert(ctx.get()) != 1) return verdictFor(X509_STORE_CTX_get_error(ctx.get()));

    // OpenSSL may build another chain than the card's (a leaf signed straight by a root): the
    // promise is leaf ← issuingCa ← root, so the CA the card presents must be the leaf's issuer.
    const STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
    if (chain == nullptr || sk_X509_num(chain) < 2 || X509_cmp(sk_X509_value(chain, 1), ca.get()) != 0)
        return ChainVerdict::UnknownRoot;
    return ChainVerdict::Trusted;
}

} // namespace dps::kiosk::eid
