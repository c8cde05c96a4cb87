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
