#include "app/KioskProgram.h"

int main(int argc, char** argv) { return dps::kiosk::kioskMain(argc, argv); }
