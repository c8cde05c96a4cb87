#!/usr/bin/env bash
# Builds the libFuzzer target of the JSON parsers of what terminals send (usage, heartbeat,
# inventory, parseBoundedJson) with clang (address and undefined-behaviour sanitizers on) and runs
# it for SECONDS (default 60). The seeds are the documented example batch, a few broken copies of
# it, a heartbeat, inventories and nesting around the depth limit; the corpus found grows in
# the output folder ($DPS_FUZZ_OUT, default build/fuzz/usage) from run to run.
#   tests/fuzz/run-usage-fuzz.sh [SECONDS | --build-only]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_only=no
if [ "${1:-}" = --build-only ]; then build_only=yes; set --; fi
secs=${1:-60}
. tests/fuzz/fuzz-toolchain.sh
out=${DPS_FUZZ_OUT:-build/fuzz/usage}
mkdir -p "$out/corpus" "$out/seeds" "$out/include"
# The kiosk's headers under their rooted name ("kiosk/core/..."), as dps_layer() gives them in the
# CMake build, without the whole project root on the include path.
ln -sfn "$PWD/kiosk" "$out/include/kiosk"
fuzz_build "$out/usage-body-fuzz" -Ishared/include -I"$out/include" \
  tests/fuzz/UsageBodyFuzz.cpp shared/src/protocol/BoundedJson.cpp shared/src/protocol/UsageJson.cpp shared/src/protocol/UsageDay.cpp \
  shared/src/protocol/HeartbeatJson.cpp shared/src/protocol/InventoryJson.cpp shared/src/protocol/AgentStatus.cpp shared/src/protocol/EnrollJson.cpp \
  shared/src/protocol/SchemaViolation.cpp \
  kiosk/core/visit/Retention.cpp
[ "$build_only" = yes ] && exit 0
example=docs/protocol/usage-example.json
cp "$example" "$out/seeds/example.json"
tr -d ' \n' < "$example" > "$out/seeds/example-compact.json"
head -c 300 "$example" > "$out/seeds/example-cut.json"
sed 's/"rev": 4/"rev": -4/' "$example" > "$out/seeds/example-bad-rev.json"
printf '%s' '{"agent_version":"0.1.0","uptime_seconds":60,"free_disk_bytes":1000000,"outbox":2,"dead_letters":0,"last_error":""}' \
  > "$out/seeds/heartbeat.json"
# The same with docs/protocol.md's optional "kiosk" (a free-use session with a call for help).
printf '%s' '{"agent_version":"0.1.0","uptime_seconds":60,"free_disk_bytes":1000000,"outbox":2,"dead_letters":0,"last_error":"","kiosk":{"state":"free_use","minutes_left":23,"help_asked_minutes":4,"free_use_stopped":false}}' \
  > "$out/seeds/heartbeat-kiosk.json"
# docs/protocol.md's enrollment request and answer.
printf '%s' '{"code": "K7QM-3XPD-R2VA-9HTE", "agent_version": "0.1.0"}' > "$out/seeds/enroll.json"
printf '%s' '{"terminal": "T-000001", "token": "4nTq0cZ7b8yq3Wb1pY2Xk9o0mJ3v5uQh6rS8tL1eA2c"}' > "$out/seeds/enroll-answer.json"
# Deeper than the depth limit every parser has (dps/protocol/BoundedJson.h), and just within it.
head -c 40 /dev/zero | tr '\0' '[' > "$out/seeds/deep-arrays.json"
{ head -c 31 /dev/zero | tr '\0' '['; head -c 31 /dev/zero | tr '\0' ']'; } > "$out/seeds/deep-within.json"
# Inventories as dps-agent sends them (tests/fixtures/equipment: GLPI's agent's documents wrapped
# by make-documents.sh: the real dps-agent's output), and one nested past the limit inside GLPI's content.
for f in tests/fixtures/equipment/*.json; do cp "$f" "$out/seeds/inventory-$(basename "$f")"; done
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["glpi"]["content"]["deep"]=json.loads("["*40+"]"*40); print(json.dumps(d))' \
  tests/fixtures/equipment/laptop.json > "$out/seeds/inventory-deep.json"
# dps-agent's status file as AgentStatus.cpp writes it (writeAgentStatus: nlohmann's dump).
printf '%s\n' '{"acknowledged_through":"2026-11-30","last_success":"2026-12-01T08:00:00Z"}' > "$out/seeds/agent-status.json"
"$out/usage-body-fuzz" -max_total_time="$secs" -max_len=16384 -print_final_stats=1 "$out/corpus" "$out/seeds"
