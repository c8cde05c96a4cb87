#include "PcscService.h"

#include "dps/log/Log.h"

#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>

#include <cstring>
#include <string.h> // explicit_bzero

namespace dps::kiosk::eid {
namespace {

SCARDCONTEXT ctx(std::intptr_t c) { return static_cast<SCARDCONTEXT>(c); }

class PcscCard final : public SmartCard {
public:
    PcscCard(SCARDHANDLE handle, DWORD protocol) : handle_(handle), protocol_(protocol) {}
    PcscCard(const PcscCard&) = delete;
    PcscCard& operator=(const PcscCard&) = delete;
    ~PcscCard() override {
        // Reset, so nothing the check did (a PIN verified) stays open for the next program.
        SCardDisconnect(handle_, SCARD_RESET_CARD);
    }

    std::optional<Bytes> transmit(std::span<const std::uint8_t> command) override {
        Bytes answer(258 + 2);
        DWORD length = static_cast<DWORD>(answer.size());
        const SCARD_IO_REQUEST* pci = protocol_ == SCARD_PROTOCOL_T1 ? SCARD_PCI_T1 : SCARD_PCI_T0;
        const LONG rc = SCardTransmit(handle_, pci, command.data(), static_cast<DWORD>(command.size()), nullptr,
                                      answer.data(), &length);
        if (rc != SCARD_S_SUCCESS) {
            error_ = cardErrorFrom(rc);
            explicit_bzero(answer.data(), answer.size());
            return std::nullopt;
        }
        answer.resize(length);
        return answer;
    }
    [[nodiscard]] CardError lastError() const override { return error_; }

private:
    SCARDHANDLE handle_;
    DWORD protocol_;
    CardError error_ = CardError::None;
};

} // namespace

CardError cardErrorFrom(long rc) {
    switch (static_cast<LONG>(rc)) {
    case SCARD_S_SUCCESS: return CardError::None;
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
    case SCARD_F_COMM_ERROR:
    case SCARD_E_INVALID_HANDLE: return CardError::NoService;
    case SCARD_E_NO_READERS_AVAILABLE:
    case SCARD_E_UNKNOWN_READER: return CardError::NoReaders;
    case SCARD_E_NO_SMARTCARD: return CardError::NoCard;
    case SCARD_W_REMOVED_CARD:
    case SCARD_W_RESET_CARD: return CardError::Removed;
    case SCARD_W_UNPOWERED_CARD:
    case SCARD_W_UNRESPONSIVE_CARD: return CardError::Unpowered;
    case SCARD_E_COMM_DATA_LOST: return CardError::CommError;
    default: return CardError::Other;
    }
}

PcscService::~PcscService() { dropContext(); }

void PcscService::dropContext() {
    if (established_) SCardReleaseContext(ctx(context_));
    established_ = false;
    context_ = 0;
}

bool PcscService::ensureContext(CardError& error) {
    if (established_) return true;
    SCARDCONTEXT c = 0;
    const LONG rc = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &c);
    if (rc != SCARD_S_SUCCESS) {
        error = cardErrorFrom(rc);
        return false;
    }
    context_ = static_cast<std::intptr_t>(c);
    established_ = true;
    return true;
}

std::vector<ReaderInfo> PcscService::readers(CardError& error) {
    error = CardError::None;
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!ensureContext(error)) return {};
        DWORD size = 0;
        LONG rc = SCardListReaders(ctx(context_), nullptr, nullptr, &size);
        std::string names;
        if (rc == SCARD_S_SUCCESS) {
            names.resize(size);
            rc = SCardListReaders(ctx(context_), nullptr, names.data(), &size);
        }
        if (rc == SCARD_E_NO_READERS_AVAILABLE) {
            error = CardError::NoReaders;
            return {};
        }
        if (rc != SCARD_S_SUCCESS) {
            // pcscd restarted: the old context is dead although pcsc-lite may call it valid.
            dropContext();
            error = cardErrorFrom(rc);
            continue;
        }
        std::vector<ReaderInfo> out;
        for (const char* p = names.c_str(); *p; p += std::strlen(p) + 1) {
            SCARD_READERSTATE state{};
            state.szReader = p;
            state.dwCurrentState = SCARD_STATE_UNAWARE;
            ReaderInfo info;
            info.name = p;
            if (SCardGetStatusChange(ctx(context_), 0, &state, 1) == SCARD_S_SUCCESS) {
                info.cardPresent = (state.dwEventState & SCARD_STATE_PRESENT) != 0;
                info.mute = (state.dwEventState & SCARD_STATE_MUTE) != 0;
            }
            out.push_back(std::move(info));
        }
        error = CardError::None;
        return out;
    }
    return {};
}

std::unique_ptr<SmartCard> PcscService::connect(const std::string& reader, CardError& error) {
    if (!ensureContext(error)) return nullptr;
    SCARDHANDLE handle = 0;
    DWORD protocol = 0;
    const LONG rc = SCardConnect(ctx(context_), reader.c_str(), SCARD_SHARE_SHARED,
                                 SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &handle, &protocol);
    if (rc != SCARD_S_SUCCESS) {
        error = cardErrorFrom(rc);
        if (error == CardError::NoService) dropContext();
        return nullptr;
    }
    error = CardError::None;
    return std::make_unique<PcscCard>(handle, protocol);
}

} // namespace dps::kiosk::eid
