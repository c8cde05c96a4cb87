#pragma once
#include <imgui.h>

#include <filesystem>
#include <map>
#include <string>

struct SDL_Renderer;
struct SDL_Texture;

namespace dps::kiosk::ui {

// Tutorial pictures as textures, decoded the first time a step shows them and kept for the
// kiosk's life (a few hundred kB each; a visitor goes back and forth between steps).
class Images {
public:
    explicit Images(SDL_Renderer* renderer) : renderer_(renderer) {}
    Images(const Images&) = delete;
    Images& operator=(const Images&) = delete;
    ~Images();

    struct Picture {
        ImTextureID texture = nullptr; // nullptr when the file could not be decoded
        ImVec2 size;
    };
    const Picture& get(const std::filesystem::path& file);

private:
    SDL_Renderer* renderer_;
    std::map<std::filesystem::path, Picture> cache_;
};

} // namespace dps::kiosk::ui
