#include "kiosk/adapters/eid/PcscService.h"

#include "kiosk/core/eid/Pinpad.h"

#include <PCSC/reader.h>
#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>

#include <array>
#include <cstring>

namespace dps::kiosk::eid {
namespace {

SCARDCONTEXT ctx(std::intptr_t c) { return static_cast<SCARDCONTEXT>(c); }

// The bits of a reader's state that mean something to a visitor: the card went in or out, or
// stopped answering. INUSE and EXCLUSIVE change with our own connections and are left out,
// or the check would wake itself up after every run. The upper 16 bits count insertions, so a
// card taken out and put back between two looks is still seen.
constexpr DWORD kMeaningful = SCARD_STATE_PRESENT | SCARD_STATE_EMPTY | SCARD_STATE_MUTE | SCARD_STATE_UNAVAILABLE |
                              SCARD_STATE_UNKNOWN | 0xFFFF0000;

class PcscCard final : public SmartCard {
public:
    PcscCard(SCARDHANDLE handle, DWORD protocol) : handle_(handle), protocol_(protocol) { findPinpad(); }
    PcscCard(const PcscCard&) = delete;
    PcscCard& operator=(const PcscCard&) = delete;
    ~PcscCard() override { SCardDisconnect(handle_, SCARD_RESET_CARD); }

    std::optional<Bytes> transmit(std::span<const std::uint8_t> command) override {
        Bytes answer(258 + 2);
        DWORD length = static_cast<DWORD>(answer.size());
        const SCARD_IO_REQUEST* pci = protocol_ == SCARD_PROTOCOL_T1 ? SCARD_PCI_T1 : SCARD_PCI_T0;
        const LONG rc = SCardTransmit(handle_, pci, command.data(), static_cast<DWORD>(command.size()), nullptr,
                                      answer.data(), &length);
        if (rc != SCARD_S_SUCCESS) {
            error_ = cardErrorFrom(rc);
            return std::nullopt;
        }
        answer.resize(length);
        return answer;
    }
    [[nodiscard]] CardError lastError() const override { return error_; }
    [[nodiscard]] bool hasPinpad() const override { return verifyDirect_ != 0; }

    // pcsc-lite queues every other program's commands to this card until the end: a signature's
    // VERIFY, MSE SET and PSO CDS reach the card together. The card is left as it is at the end
    // (reset only when the connection closes).
    bool beginExclusive() override {
        const LONG rc = SCardBeginTransaction(handle_);
        if (rc != SCARD_S_SUCCESS) {
            error_ = cardErrorFrom(rc);
            return false;
        }
        return true;
    }
    void endExclusive() override { SCardEndTransaction(handle_, SCARD_LEAVE_CARD); }

    std::optional<Bytes> verifyOnPinpad(std::span<const std::uint8_t> verifyTemplate,
                                        std::string_view language) override {
        if (!verifyDirect_) return std::nullopt;
        const Bytes request = pinpad::verifyStructure(verifyTemplate, pinpad::languageId(language));
        Bytes answer(2 + 256);
        DWORD returned = 0;
        const LONG rc = SCardControl(handle_, verifyDirect_, request.data(), static_cast<DWORD>(request.size()),
                                     answer.data(), static_cast<DWORD>(answer.size()), &returned);
        if (rc != SCARD_S_SUCCESS) {
            error_ = cardErrorFrom(rc);
            return std::nullopt;
        }
        answer.resize(returned);
        return answer;
    }

private:
    // PC/SC part 10: the reader lists its features, each with the control code to use.
    void findPinpad() {
        std::array<std::uint8_t, 256> features{};
        DWORD returned = 0;
        if (SCardControl(handle_, CM_IOCTL_GET_FEATURE_REQUEST, nullptr, 0, features.data(),
                         static_cast<DWORD>(features.size()), &returned) != SCARD_S_SUCCESS)
            return;
        verifyDirect_ =
            pinpad::featureCode(std::span<const std::uint8_t>(features.data(), returned), pinpad::kVerifyPinDirect)
                .value_or(0);
    }

    SCARDHANDLE handle_;
    DWORD protocol_;
    DWORD verifyDirect_ = 0;
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
    knownValid_ = false;
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

std::vector<std::string> PcscService::listReaders(CardError& error) {
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
        std::vector<std::string> out;
        for (const char* p = names.c_str(); *p; p += std::strlen(p) + 1)
            out.emplace_back(p);
        return out;
    }
    return {};
}

std::vector<ReaderInfo> PcscService::readers(CardError& error) {
    const auto names = listReaders(error);
    std::vector<ReaderInfo> out;
    for (const auto& name : names) {
        SCARD_READERSTATE state{};
        state.szReader = name.c_str();
        state.dwCurrentState = SCARD_STATE_UNAWARE;
        ReaderInfo info;
        info.name = name;
        if (SCardGetStatusChange(ctx(context_), 0, &state, 1) == SCARD_S_SUCCESS) {
            info.cardPresent = (state.dwEventState & SCARD_STATE_PRESENT) != 0;
            info.mute = (state.dwEventState & SCARD_STATE_MUTE) != 0;
        }
        out.push_back(std::move(info));
    }
    return out;
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

bool PcscService::waitForChange(std::chrono::milliseconds timeout) {
    using namespace std::chrono;
    const auto deadline = steady_clock::now() + timeout;
    CardError error = CardError::None;
    // Plug events only show while a call is waiting: the reader list is read again every time.
    const auto names = listReaders(error);
    if (error != CardError::None && error != CardError::NoReaders) return true;
    if (!knownValid_ || names != knownReaders_) {
        const bool first = !knownValid_;
        knownReaders_ = names;
        knownStates_.assign(names.size(), SCARD_STATE_UNAWARE);
        knownValid_ = true;
        if (!first) return true;
    }
    std::vector<SCARD_READERSTATE> states(names.size() + 1);
    for (std::size_t i = 0; i < names.size(); ++i) {
        states[i].szReader = knownReaders_[i].c_str();
        states[i].dwCurrentState = knownStates_[i];
    }
    // pcsc-lite's pseudo-reader for plug events: its current state is the number of readers.
    states.back().szReader = "\\\\?PnP?\\Notification";
    states.back().dwCurrentState = static_cast<DWORD>(names.size() << 16);
    for (;;) {
        const auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
        if (left <= milliseconds::zero()) return false;
        const LONG rc = SCardGetStatusChange(ctx(context_), static_cast<DWORD>(left.count()), states.data(),
                                             static_cast<DWORD>(states.size()));
        if (rc == SCARD_E_TIMEOUT) return false;
        if (rc != SCARD_S_SUCCESS) {
            dropContext();
            return true;
        }
        bool changed = (states.back().dwEventState & SCARD_STATE_CHANGED) != 0;
        for (std::size_t i = 0; i < names.size(); ++i) {
            auto& s = states[i];
            const bool first = knownStates_[i] == SCARD_STATE_UNAWARE;
            if (!first && (s.dwEventState & kMeaningful) != (knownStates_[i] & kMeaningful)) changed = true;
            knownStates_[i] = s.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
            s.dwCurrentState = knownStates_[i];
        }
        if (changed) return true;
        states.back().dwCurrentState = states.back().dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
    }
}

} // namespace dps::kiosk::eid
