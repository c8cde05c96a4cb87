# Sourced by the run-*-fuzz.sh scripts: sets CLANGXX to a clang++ that can build a libFuzzer
# target with the address and undefined-behaviour sanitizers, or stops the run with exit 1 and
# what to install. ctest registers the fuzz tests on every machine, so a missing toolchain fails
# them instead of leaving the parsers unfuzzed without a word.
CLANGXX=${DPS_CLANGXX:-}
case "$CLANGXX" in '' | *-NOTFOUND) CLANGXX=$(command -v clang++ || true) ;; esac
if [ -z "$CLANGXX" ]; then
  echo "fuzzing needs clang++ and its fuzzer runtime: apt-get install clang libclang-rt-14-dev" \
       "(bash packaging/install-deps.sh test installs them)" >&2
  exit 1
fi
fuzz_probe_dir=$(mktemp -d)
printf '%s\n' '#include <cstddef>' '#include <cstdint>' \
  'extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }' > "$fuzz_probe_dir/probe.cpp"
if ! "$CLANGXX" -fsanitize=fuzzer,address,undefined "$fuzz_probe_dir/probe.cpp" -o "$fuzz_probe_dir/probe" 2> "$fuzz_probe_dir/err"; then
  cat "$fuzz_probe_dir/err" >&2
  echo "$CLANGXX cannot link a libFuzzer target with ASan and UBSan: apt-get install libclang-rt-14-dev" \
       "(bash packaging/install-deps.sh test installs it)" >&2
  rm -rf "$fuzz_probe_dir"
  exit 1
fi
rm -rf "$fuzz_probe_dir"

# fuzz_build BINARY FLAGS-AND-SOURCES...: builds the libFuzzer target BINARY, unless it is newer
# than every file its last build read (the sources and every header they include, as clang's own
# dependency list gives them). ctest's fuzz.build compiles the targets once, ahead of the timed
# runs, so a fuzz test's time limit is spent fuzzing.
fuzz_build() {
  local bin=$1
  shift
  if [ -x "$bin" ]; then
    local deps f stale=no
    deps=$("$CLANGXX" -std=c++20 -Qunused-arguments -M "$@" | sed -e 's/\\$//' -e 's/^[^:]*://')
    for f in $deps; do
      if [ "$f" -nt "$bin" ]; then stale=yes; break; fi
    done
    [ "$stale" = no ] && return 0
  fi
  # Line tables only: a finding's stack still has its files and lines, and CI's fuzz.build takes
  # a fifth less time than with full debug information (54 against 65 CPU seconds for the usage
  # target).
  "$CLANGXX" -std=c++20 -O1 -gline-tables-only -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all "$@" -o "$bin"
}
