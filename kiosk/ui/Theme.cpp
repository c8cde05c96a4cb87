#include "kiosk/ui/Theme.h"
#include "kiosk/ui/Icons.h"

#include <imgui_freetype.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>

namespace dps::kiosk::ui {
namespace {

// Latin with the accents of French, Dutch, German, Spanish, Portuguese, Polish, Romanian and
// Turkish, plus typographic punctuation (’ « » – …) and the euro sign.
constexpr ImWchar kTextRanges[] = {0x0020, 0x024F, 0x2010, 0x2027, 0x202F, 0x202F, 0x2030, 0x205E, 0x20AC, 0x20AC, 0};
constexpr ImWchar kDigitRanges[] = {0x0020, 0x0020, 0x0030, 0x0039, 0};

void requireReadable(const std::filesystem::path& file, const char* key) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(file.string() + ": cannot read this font (set by " + key + ")");
}

const ImWchar* iconRanges() {
    static ImVector<ImWchar> ranges = [] {
        ImFontGlyphRangesBuilder builder;
        for (const char* glyph : icon::All)
            builder.AddText(glyph);
        ImVector<ImWchar> r;
        builder.BuildRanges(&r);
        return r;
    }();
    return ranges.Data;
}

ImFont* addFont(const std::filesystem::path& file, float size, const ImWchar* ranges, bool merge = false) {
    ImFontConfig cfg;
    cfg.MergeMode = merge;
    cfg.PixelSnapH = true;
    cfg.OversampleH = cfg.OversampleV = 1;  // FreeType hints; oversampling would only grow the atlas
    if (merge) cfg.GlyphMinAdvanceX = size; // icons line up like a monospaced column
    return ImGui::GetIO().Fonts->AddFontFromFileTTF(file.c_str(), size, &cfg, ranges);
}

void applyStyle(float unit) {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(unit, unit * 0.6F);
    style.FramePadding = ImVec2(unit * 0.6F, unit * 0.4F);
    style.ItemSpacing = ImVec2(unit * 0.6F, unit * 0.6F);
    style.ItemInnerSpacing = ImVec2(unit * 0.3F, unit * 0.3F);
    style.FrameRounding = style.GrabRounding = unit * 0.3F;
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.ScrollbarSize = unit * 0.9F;
    style.TouchExtraPadding = ImVec2(unit * 0.15F, unit * 0.15F);
    style.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(colour::Background);
    style.Colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(colour::Text);
    style.Colors[ImGuiCol_NavHighlight] = ImGui::ColorConvertU32ToFloat4(colour::Focus);
    style.Colors[ImGuiCol_FrameBg] = ImGui::ColorConvertU32ToFloat4(colour::Surface);
    style.Colors[ImGuiCol_FrameBgHovered] = ImGui::ColorConvertU32ToFloat4(colour::SurfaceHover);
    style.Colors[ImGuiCol_FrameBgActive] = ImGui::ColorConvertU32ToFloat4(colour::SurfaceHover);
    style.Colors[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(colour::Outline);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    style.Colors[ImGuiCol_Header] = ImGui::ColorConvertU32ToFloat4(colour::SurfaceHover);
    style.Colors[ImGuiCol_HeaderHovered] = ImGui::ColorConvertU32ToFloat4(colour::SurfaceHover);
    style.FrameBorderSize = 1.5F;
    ImGui::GetStyle() = style;
}

} // namespace

namespace colour {
void useHighContrast(bool on) {
    if (on) {
        Background = IM_COL32(0x00, 0x00, 0x00, 0xFF);
        Band = IM_COL32(0x00, 0x00, 0x00, 0xFF);
        Text = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
        Muted = IM_COL32(0xE6, 0xE6, 0xE6, 0xFF);
        OnPrimary = IM_COL32(0x00, 0x00, 0x00, 0xFF);
        Primary = IM_COL32(0xFF, 0xD2, 0x00, 0xFF);
        PrimaryHover = IM_COL32(0xFF, 0xE7, 0x66, 0xFF);
        PrimaryHeld = IM_COL32(0xCC, 0xA8, 0x00, 0xFF);
        Surface = IM_COL32(0x00, 0x00, 0x00, 0xFF);
        SurfaceHover = IM_COL32(0x33, 0x33, 0x33, 0xFF);
        Outline = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
        Focus = IM_COL32(0x00, 0xE5, 0xFF, 0xFF);
        BandFocus = Focus;
        Accent = IM_COL32(0xFF, 0x8A, 0x80, 0xFF);
    } else {
        Background = IM_COL32(0xF7, 0xF5, 0xF0, 0xFF);
        Band = IM_COL32(0x1F, 0x4E, 0x99, 0xFF);
        Text = IM_COL32(0x1A, 0x1A, 0x1A, 0xFF);
        Muted = IM_COL32(0x4A, 0x4A, 0x4A, 0xFF);
        OnPrimary = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
        Primary = IM_COL32(0x1F, 0x4E, 0x99, 0xFF);
        PrimaryHover = IM_COL32(0x2A, 0x62, 0xBC, 0xFF);
        PrimaryHeld = IM_COL32(0x16, 0x3A, 0x73, 0xFF);
        Surface = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
        SurfaceHover = IM_COL32(0xE8, 0xEF, 0xFA, 0xFF);
        Outline = IM_COL32(0x1F, 0x4E, 0x99, 0xFF);
        // A dark orange: the former #E08A00 was 2.5:1 on the page's ground.
        Focus = IM_COL32(0xB3, 0x5F, 0x00, 0xFF);
        // White on the band's blue (an orange there is under 3:1).
        BandFocus = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
        Accent = IM_COL32(0xC0, 0x39, 0x2B, 0xFF);
    }
}
} // namespace colour

Theme applyTheme(ImVec2 screenPixels, float configuredScale, const FontFiles& fonts, float textSize,
                 bool highContrast) {
    colour::useHighContrast(highContrast);
    requireReadable(fonts.regular, "display.font");
    requireReadable(fonts.bold, "display.bold_font");
    requireReadable(fonts.icons, "display.icon_font");

    Theme theme;
    theme.scale = configuredScale > 0
                      ? configuredScale
                      : std::clamp(std::min(screenPixels.x / 1366.0F, screenPixels.y / 768.0F), 0.6F, 3.0F);
    theme.unit = std::round(28.0F * theme.scale * textSize);
    theme.baseUnit = std::round(28.0F * theme.scale);

    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    theme.body = addFont(fonts.regular, theme.unit, kTextRanges);
    addFont(fonts.icons, theme.unit, iconRanges(), true);
    theme.lead = addFont(fonts.regular, std::round(theme.unit * 1.25F), kTextRanges);
    addFont(fonts.icons, std::round(theme.unit * 1.25F), iconRanges(), true);
    theme.strong = addFont(fonts.bold, std::round(theme.unit * 1.15F), kTextRanges);
    // Titles use it at 150 % and 200 % (titleFont): without the icons they showed "?".
    addFont(fonts.icons, std::round(theme.unit * 1.15F), iconRanges(), true);
    theme.heading = addFont(fonts.bold, std::round(theme.unit * 1.6F), kTextRanges);
    addFont(fonts.icons, std::round(theme.unit * 1.6F), iconRanges(), true);
    theme.tileIcon = addFont(fonts.icons, std::round(theme.unit * 2.6F), iconRanges());
    theme.display = addFont(fonts.bold, std::round(theme.unit * 4.0F), kDigitRanges);
    theme.chrome = textSize == 1.0F ? theme.body : addFont(fonts.regular, theme.baseUnit, kTextRanges);
    if (theme.chrome != theme.body) addFont(fonts.icons, theme.baseUnit, iconRanges(), true);
    if (!io.Fonts->Build()) throw std::runtime_error("the fonts could not be prepared (a font file may be damaged)");
    io.FontDefault = theme.body;

    applyStyle(theme.unit);
    return theme;
}

} // namespace dps::kiosk::ui
