// wipeOpenSslMemoryOnFree() (declared in OpenSslCertificates.h): OpenSSL frees a parsed
// certificate, subject included, without clearing it, so these wrappers clear every block first.
#include "kiosk/adapters/eid/OpenSslCertificates.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <malloc.h> // malloc_usable_size
#include <string.h> // explicit_bzero

namespace dps::kiosk::eid {
namespace {

void wipeAndFree(void* block) {
    if (block == nullptr) return;
    // The usable size, not the size asked for: a block may have grown in place (realloc).
    explicit_bzero(block, malloc_usable_size(block));
    std::free(block);
}

void* allocate(std::size_t size, const char*, int) {
    // OpenSSL's own allocator answers NULL to a zero-byte request; callers rely on it.
    return size == 0 ? nullptr : std::malloc(size);
}

void* reallocate(void* block, std::size_t size, const char* file, int line) {
    if (block == nullptr) return allocate(size, file, line);
    if (size == 0) {
        wipeAndFree(block);
        return nullptr;
    }
    // Never std::realloc: when it moves a block it frees the old one as it is, contents and all.
    void* moved = std::malloc(size);
    if (moved == nullptr) return nullptr; // the old block stays valid, as realloc promises
    std::memcpy(moved, block, std::min(size, malloc_usable_size(block)));
    wipeAndFree(block);
    return moved;
}

void release(void* block, const char*, int) { wipeAndFree(block); }

} // namespace

bool wipeOpenSslMemoryOnFree() { return CRYPTO_set_mem_functions(allocate, reallocate, release) == 1; }

} // namespace dps::kiosk::eid
