#include "kiosk/ui/Images.h"

#include "dps/log/Log.h"

#include <SDL.h>
#include <SDL_image.h>

namespace dps::kiosk::ui {

Images::~Images() {
    for (auto& [file, picture] : cache_) {
        if (picture.texture) SDL_DestroyTexture(static_cast<SDL_Texture*>(picture.texture));
    }
}

const Images::Picture& Images::get(const std::filesystem::path& file) {
    if (const auto it = cache_.find(file); it != cache_.end()) return it->second;
    Picture p;
    if (renderer_) {
        if (SDL_Surface* s = IMG_Load(file.c_str())) {
            p.texture = SDL_CreateTextureFromSurface(renderer_, s);
            p.size = ImVec2(static_cast<float>(s->w), static_cast<float>(s->h));
            SDL_FreeSurface(s);
        }
        if (!p.texture) log::warning("{}: picture not shown: {}", file.string(), SDL_GetError());
    }
    return cache_.emplace(file, p).first->second;
}

} // namespace dps::kiosk::ui
