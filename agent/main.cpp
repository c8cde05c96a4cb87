#include "agent/cli/AgentProgram.h"

int main(int argc, char** argv) { return dps::agent::agentMain(argc, argv); }
