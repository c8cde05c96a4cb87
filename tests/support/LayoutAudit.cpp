#include "LayoutAudit.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstring>
#include <regex>
#include <unordered_map>

namespace dps::test {
namespace {

struct GlyphRef {
    const ImFont* font;
    const ImFontGlyph* glyph;
};

std::uint64_t uvKey(ImVec2 uv) {
    std::uint32_t u = 0, v = 0;
    std::memcpy(&u, &uv.x, 4);
    std::memcpy(&v, &uv.y, 4);
    return (static_cast<std::uint64_t>(u) << 32) | v;
}

// Every visible glyph of every font, by the top-left corner of its place in the atlas.
std::unordered_map<std::uint64_t, GlyphRef> glyphsByUv() {
    std::unordered_map<std::uint64_t, GlyphRef> map;
    for (const ImFont* font : ImGui::GetIO().Fonts->Fonts) {
        for (const ImFontGlyph& g : font->Glyphs) {
            if (g.Visible) map.emplace(uvKey(ImVec2(g.U0, g.V0)), GlyphRef{font, &g});
        }
    }
    return map;
}

void appendUtf8(std::string& out, unsigned c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// A window that can scroll (itself or an area around it): text cut at its top or bottom edge is
// only scrolled out of view.
bool scrollsVertically(const ImGuiWindow* w) {
    for (; w; w = (w->Flags & ImGuiWindowFlags_ChildWindow) ? w->ParentWindow : nullptr) {
        if (w->ScrollMax.y > 0) return true;
    }
    return false;
}

struct Run {
    DrawnText drawn;
    const ImFont* font = nullptr;
    float scale = 0, line = 0, penEnd = 0;
    bool cutSide = false, cutEnd = false;
};

std::vector<Run> runs() {
    const auto glyphs = glyphsByUv();
    std::vector<Run> out;
    const ImDrawData* data = ImGui::GetDrawData();
    if (!data || !data->Valid) return out;
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        const std::string owner = list->_OwnerName ? list->_OwnerName : "";
        const ImGuiWindow* window = list->_OwnerName ? ImGui::FindWindowByName(list->_OwnerName) : nullptr;
        const bool scrolls = scrollsVertically(window);
        Run* run = nullptr;
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) continue;
            const ImVec4 clip = cmd.ClipRect;
            const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
            const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
            for (unsigned i = 0; i + 2 < cmd.ElemCount;) {
                const unsigned a = idx[i];
                const bool quad = i + 5 < cmd.ElemCount && idx[i + 1] == a + 1 && idx[i + 2] == a + 2 &&
                                  idx[i + 3] == a && idx[i + 4] == a + 2 && idx[i + 5] == a + 3;
                const auto found = quad ? glyphs.find(uvKey(vtx[a].uv)) : glyphs.end();
                if (found == glyphs.end() || vtx[a + 2].uv.x != found->second.glyph->U1 ||
                    vtx[a + 2].uv.y != found->second.glyph->V1) {
                    i += 3;
                    continue;
                }
                i += 6;
                const ImFontGlyph& g = *found->second.glyph;
                const ImVec2 p0 = vtx[a].pos, p1 = vtx[a + 2].pos;
                const float scale = g.X1 > g.X0 ? (p1.x - p0.x) / (g.X1 - g.X0) : 1.0F;
                const float pen = p0.x - g.X0 * scale, line = p0.y - g.Y0 * scale;
                const bool same = run && run->font == found->second.font && std::abs(run->scale - scale) < 0.01F &&
                                  std::abs(run->line - line) < 0.5F && pen > run->penEnd - 0.6F;
                if (!same) {
                    out.push_back(Run{{std::string(), owner, p0.x, p0.y, p1.x, p1.y}, found->second.font, scale, line});
                    run = &out.back();
                } else if (pen > run->penEnd + 0.6F) {
                    run->drawn.text += ' ';
                }
                appendUtf8(run->drawn.text, g.Codepoint);
                run->penEnd = pen + g.AdvanceX * scale;
                run->drawn.x0 = std::min(run->drawn.x0, p0.x);
                run->drawn.y0 = std::min(run->drawn.y0, p0.y);
                run->drawn.x1 = std::max(run->drawn.x1, p1.x);
                run->drawn.y1 = std::max(run->drawn.y1, p1.y);
                if (p0.x < clip.x - 0.5F || p1.x > clip.z + 0.5F) run->cutSide = true;
                if (!scrolls && (p0.y < clip.y - 0.5F || p1.y > clip.w + 0.5F)) run->cutEnd = true;
            }
        }
    }
    return out;
}

std::string describe(const Rect& r) {
    return "(" + std::to_string(r.x0) + "," + std::to_string(r.y0) + ")-(" + std::to_string(r.x1) + "," +
           std::to_string(r.y1) + ")";
}

bool isBandButton(const std::string& id) { return id.rfind("chrome.", 0) == 0 || id.rfind("session.", 0) == 0; }

} // namespace

std::vector<DrawnText> drawnText() {
    std::vector<DrawnText> out;
    for (auto& r : runs())
        out.push_back(std::move(r.drawn));
    return out;
}

std::vector<std::string> layoutProblems(const UiMapFile& map, float bandHeight, const std::string& bandWindow) {
    std::vector<std::string> problems;
    for (const Run& r : runs()) {
        if (r.cutSide) problems.push_back("text cut at the side in " + r.drawn.window + ": \"" + r.drawn.text + "\"");
        if (r.cutEnd)
            problems.push_back("text cut, and no way to scroll to it, in " + r.drawn.window + ": \"" + r.drawn.text +
                               "\"");
    }
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    for (const ImGuiWindow* w : g.Windows) {
        if (!w->Active || w->Hidden || w->IsFallbackWindow) continue;
        const std::string name = w->Name;
        if (w->DC.CursorMaxPos.x > w->InnerClipRect.Max.x + 1.0F)
            problems.push_back(name + ": its content is " + std::to_string(std::lround(w->DC.CursorMaxPos.x)) +
                               " px wide to the right, it shows up to " +
                               std::to_string(std::lround(w->InnerClipRect.Max.x)));
        if (w->ScrollMax.y > 0.5F && !w->ScrollbarY) problems.push_back(name + ": it scrolls but shows no scroll bar");
        if (w->ScrollMax.y > 0.5F && name.find("###list") == std::string::npos) {
            for (const ImGuiWindow* a = (w->Flags & ImGuiWindowFlags_ChildWindow) ? w->ParentWindow : nullptr; a;
                 a = (a->Flags & ImGuiWindowFlags_ChildWindow) ? a->ParentWindow : nullptr) {
                if (a->ScrollMax.y > 0.5F) problems.push_back(name + ": a scrolling area inside " + a->Name);
            }
        }
    }
    // Nothing but the band itself in the band.
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; data && l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        const std::string owner = list->_OwnerName ? list->_OwnerName : "";
        if (owner.find(bandWindow) != std::string::npos || owner == "##Foreground") continue;
        bool found = false;
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback || cmd.ClipRect.y >= bandHeight || found) continue;
            const float bottom = std::min(cmd.ClipRect.w, bandHeight);
            const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
            const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
            for (unsigned i = 0; i < cmd.ElemCount && !found; ++i) {
                const ImVec2 p = vtx[idx[i]].pos;
                found = p.y < bottom - 0.5F && p.y >= cmd.ClipRect.y && p.x >= cmd.ClipRect.x && p.x <= cmd.ClipRect.z;
            }
        }
        if (found) problems.push_back("drawn in the top band by " + owner);
    }
    // Every button reachable, none under the band.
    const Rect band{0, 0, 1 << 20, static_cast<int>(std::lround(bandHeight))};
    for (const auto& [id, r] : map.buttons) {
        // Reachable in its area by scrolling that area; then that area must be reachable in its own.
        const auto it = map.windowOf.find(id);
        Rect needed = r;
        for (int wi = it == map.windowOf.end() ? -1 : it->second; wi >= 0 && wi < static_cast<int>(map.windows.size());
             wi = map.windows[static_cast<std::size_t>(wi)].parent) {
            const MapWindow& w = map.windows[static_cast<std::size_t>(wi)];
            // An area scrolled wholly out of sight lays nothing out (its buttons' places are
            // stale): the area itself must be reachable in the one around it.
            if (w.visible.empty() && !w.whole.empty()) {
                needed = w.whole;
                continue;
            }
            // One pixel of slack: ImGui rounds an area's scroll range to whole pixels.
            const Rect reach{w.visible.x0 - 1, w.visible.y0 - w.scroll - 1, w.visible.x1 + 1,
                             w.visible.y1 + (w.scrollMax - w.scroll) + 1};
            if (!reach.contains(needed)) {
                problems.push_back("button " + id + " at " + describe(r) + " cannot be brought into view (its area " +
                                   describe(w.visible) + " scrolls " + std::to_string(w.scrollMax) + " px)");
                break;
            }
            // Shown whole in its area, it is on screen: an area's visible part is already cut by
            // the areas around it.
            if (w.visible.contains(needed)) break;
            needed = w.visible;
        }
        if (!isBandButton(id) && !map.visiblePart(id).intersect(band).empty())
            problems.push_back("button " + id + " is drawn under the top band");
    }
    return problems;
}

std::vector<unsigned> shapeColoursIn(const Rect& r) {
    std::vector<unsigned> colours;
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; data && l < data->CmdListsCount; ++l) {
        for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer) {
            if (v.uv.x == white.x && v.uv.y == white.y && v.pos.x > static_cast<float>(r.x0) &&
                v.pos.x < static_cast<float>(r.x1) && v.pos.y > static_cast<float>(r.y0) &&
                v.pos.y < static_cast<float>(r.y1))
                colours.push_back(v.col);
        }
    }
    return colours;
}

std::vector<std::string> unfilledPlaceholders(const std::vector<DrawnText>& texts) {
    static const std::regex kPlaceholder(R"(\{[0-9]*\}|%[sdu]|%[0-9]\$|%\(|\{[a-z_]+\})");
    std::vector<std::string> found;
    for (const auto& t : texts) {
        if (std::regex_search(t.text, kPlaceholder)) found.push_back(t.text);
    }
    return found;
}

} // namespace dps::test
