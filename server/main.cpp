#include "server/cli/ServerProgram.h"

int main(int argc, char** argv) { return dps::server::serverMain(argc, argv); }
