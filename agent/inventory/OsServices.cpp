#include "agent/inventory/OsServices.h"

#include "agent/core/inventory/Ipp.h"
#include <PCSC/winscard.h>

#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace dps::agent::inventory {

CardReaders pcscCardReaders() {
    CardReaders out;
    SCARDCONTEXT ctx = 0;
    if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx) != SCARD_S_SUCCESS) return out;
    out.pcscdAnswers = true;
    DWORD length = 0;
    LONG rc = SCardListReaders(ctx, nullptr, nullptr, &length);
    if (rc == SCARD_S_SUCCESS && length > 0) {
        std::string names(length, '\0');
        rc = SCardListReaders(ctx, nullptr, names.data(), &length);
        // A multi-string: names separated by NUL, ended by an empty one.
        for (std::size_t at = 0; rc == SCARD_S_SUCCESS && at < names.size() && names[at] != '\0';) {
            const std::size_t end = names.find('\0', at);
            out.readers.push_back(names.substr(at, end - at));
            at = end + 1;
        }
    }
    SCardReleaseContext(ctx);
    return out;
}

std::string withoutCredentials(const std::string& uri) {
    const auto scheme = uri.find("://");
    if (scheme == std::string::npos) return uri;
    const auto hostStart = scheme + 3;
    const auto at = uri.find('@', hostStart);
    const auto slash = uri.find('/', hostStart);
    if (at == std::string::npos || (slash != std::string::npos && at > slash)) return uri;
    return uri.substr(0, hostStart) + uri.substr(at + 1);
}

namespace {

// The whole answer of a request on a local stream socket (cupsd closes after it: Connection: close).
std::optional<std::string> exchange(const char* path, const std::string& request, std::string& why) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        why = std::strerror(errno);
        return std::nullopt;
    }
    const timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path, sizeof addr.sun_path - 1);
    std::string answer;
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    for (std::size_t sent = 0; ok && sent < request.size();) {
        const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        ok = n > 0;
        if (ok) sent += static_cast<std::size_t>(n);
    }
    char buffer[8192];
    while (ok) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n == 0) break;
        ok = n > 0 && answer.size() < (4u << 20); // no CUPS has 4 MB of printers to say
        if (ok) answer.append(buffer, static_cast<std::size_t>(n));
    }
    if (!ok) why = errno ? std::strerror(errno) : "its answer is too long";
    ::close(fd);
    if (!ok) return std::nullopt;
    return answer;
}

} // namespace

std::vector<Printer> cupsPrinters(std::vector<CollectorError>& errors) {
    // cupsd's own socket (CUPS_SERVER when it names one, as libcups reads it); without it there
    // is no CUPS on this machine, which is not an error.
    const char* server = std::getenv("CUPS_SERVER");
    const std::string socket = server && server[0] == '/' ? server : "/run/cups/cups.sock";
    std::error_code ec;
    if (!std::filesystem::exists(socket, ec)) return {};
    std::string why;
    const auto raw = exchange(socket.c_str(), httpPostIpp(cupsGetPrintersRequest()), why);
    if (!raw) {
        errors.push_back({"cups", socket, "cupsd does not answer: " + why});
        return {};
    }
    const auto body = httpAnswerBody(*raw);
    if (body.index() == 1) {
        errors.push_back({"cups", socket, std::get<1>(body)});
        return {};
    }
    const std::string answer = std::get<0>(body);
    auto parsed = parseCupsGetPrinters(answer);
    if (auto* problem = std::get_if<std::string>(&parsed)) {
        errors.push_back({"cups", socket, *problem});
        return {};
    }
    auto printers = std::get<std::vector<Printer>>(std::move(parsed));
    for (auto& p : printers)
        p.uri = withoutCredentials(p.uri);
    return printers;
}

} // namespace dps::agent::inventory
