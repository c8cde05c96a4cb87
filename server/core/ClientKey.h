#pragma once
// Which client an address is, for the limits that count per client (enroll attempts, failed
// logins). An IPv4 address is one client. An IPv6 address is not: a home line or a rented server
// is given a whole /64 (RFC 6177, RIPE-690), 2^64 addresses to pick from, so counting per address
// would let one machine rotate through them without ever being slowed down. Its /64 is the key.
#include <string>
#include <string_view>

namespace dps::server {

// "203.0.113.7" stays as it is; "2001:db8:1:2:a:b:c:d" → "2001:db8:1:2::/64"; an IPv4-mapped IPv6
// address ("::ffff:203.0.113.7", what a dual-stack socket gives) → "203.0.113.7". Anything that is
// no address (an odd X-Forwarded-For entry) is its own key, cut to 64 characters.
[[nodiscard]] std::string clientKey(std::string_view address);

} // namespace dps::server
