// Turns an X window dump (xwd -root) into a PNG, to look at what a UI test's display showed.
//   xwd2png IN.xwd OUT.png
#include "Image.h"

#include <SDL.h>
#include <SDL_image.h>
#include <cstdio>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: xwd2png IN.xwd OUT.png\n");
        return 2;
    }
    try {
        dps::test::Image img = dps::test::loadXwd(argv[1]);
        SDL_Surface* s = SDL_CreateRGBSurfaceWithFormatFrom(img.pixels.data(), img.width, img.height, 32, img.width * 4,
                                                            SDL_PIXELFORMAT_RGB888);
        const int rc = s ? IMG_SavePNG(s, argv[2]) : -1;
        SDL_FreeSurface(s);
        if (rc != 0) std::fprintf(stderr, "xwd2png: %s\n", SDL_GetError());
        return rc == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "xwd2png: %s\n", e.what());
        return 1;
    }
}
