#pragma once
#include <stdexcept>
#include <string>

namespace dps::storage {

// A database could not be used. The message names the file and says what to do; the file itself
// has been left exactly as it was.
class StorageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace dps::storage
