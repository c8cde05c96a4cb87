#include "OsServices.h"

#include <PCSC/winscard.h>
#include <cups/cups.h>

#include <cstring>

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

std::vector<Printer> cupsPrinters() {
    std::vector<Printer> out;
    cups_dest_t* dests = nullptr;
    const int n = cupsGetDests2(CUPS_HTTP_DEFAULT, &dests);
    for (int i = 0; i < n; ++i) {
        const cups_dest_t& d = dests[i];
        if (d.instance) continue; // an instance is the same printer with other defaults
        Printer p;
        p.name = d.name;
        const auto option = [&](const char* name) {
            const char* v = cupsGetOption(name, d.num_options, d.options);
            return std::string(v ? v : "");
        };
        p.makeModel = option("printer-make-and-model");
        const std::string state = option("printer-state");
        p.state = state == "3" ? "idle" : state == "4" ? "printing" : state == "5" ? "stopped" : "";
        p.uri = withoutCredentials(option("device-uri"));
        out.push_back(std::move(p));
    }
    cupsFreeDests(n, dests);
    return out;
}

} // namespace dps::agent::inventory
