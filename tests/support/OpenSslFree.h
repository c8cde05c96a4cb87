#pragma once
// std::unique_ptr's deleter for an OpenSSL object: OpenSslFree<X509_free>, OpenSslFree<EVP_PKEY_free>…
// (one copy for the test PKI and the signature check).

namespace dps::test {

template <auto Free> struct OpenSslFree {
    template <class T> void operator()(T* p) const { Free(p); }
};

} // namespace dps::test
