#!/usr/bin/env bash
# The reliability gates behind `make check` and `make fuzz` (docs/reliability.md).
#
#   scripts/check.sh [STAGE...]     stages: asan-ubsan tidy format fuzz (default: all four)
#
# Each stage configures its preset's build folder once and reuses it, writes its full
# output to build/logs/<stage>.log, and prints one summary line (plus the end of the log
# when it fails). All stages run even when one fails; the exit status is non-zero if any
# failed. Environment:
#   ERLANG_FUZZ_SECONDS  seconds per fuzz target in the fuzz stage (default 60)
#   JOBS                 parallel build and test jobs (default 2)
#   CLANG_FORMAT         clang-format executable (default clang-format)
set -uo pipefail
cd "$(dirname "$0")/.."

jobs=${JOBS:-2}
clang_format=${CLANG_FORMAT:-clang-format}
export ERLANG_FUZZ_SECONDS=${ERLANG_FUZZ_SECONDS:-60}
logs=build/logs
mkdir -p "$logs"

failed=()
summary=""  # set by a stage to add detail to its summary line

# run_stage NAME FUNCTION: runs FUNCTION with its output in $logs/NAME.log, prints one line.
run_stage() {
  local name=$1 fn=$2 log="$logs/$1.log" start status
  start=$(date +%s)
  summary=""
  "$fn" >"$log" 2>&1
  status=$?
  local took=$(($(date +%s) - start))
  if [ "$status" -eq 0 ]; then
    printf 'check %-10s ok      %4d s  %s\n' "$name" "$took" "$summary"
  else
    echo "---- end of $log ----"
    tail -n 40 "$log"
    printf 'check %-10s FAILED  %4d s  %s (log: %s)\n' "$name" "$took" "$summary" "$log"
    failed+=("$name")
  fi
}

# configure PRESET: cmake --preset, unless the build folder is already configured.
configure() {
  if [ ! -f "build/$1/CMakeCache.txt" ]; then
    cmake --preset "$1" || return 1
  fi
}

ctest_summary() {  # the "N% tests passed, ..." line of a ctest log
  grep -E '^[0-9]+% tests passed' "$1" | tail -n 1
}

stage_asan_ubsan() {
  configure asan-ubsan &&
    cmake --build --preset asan-ubsan -j "$jobs" &&
    ctest --preset asan-ubsan -j "$jobs" | tee "$logs/asan-ubsan.ctest"
  local status=${PIPESTATUS[0]}
  summary="$(ctest_summary "$logs/asan-ubsan.ctest" 2>/dev/null)"
  [ "$status" -eq 0 ] && [ -n "$summary" ]
}

stage_tidy() {
  configure tidy || return 1
  # clang-tidy runs as part of compiling; a changed .clang-tidy invalidates every result.
  local stamp=build/tidy/.clang-tidy.stamp clean=()
  if [ ! -f "$stamp" ] || [ .clang-tidy -nt "$stamp" ] || [ examples/.clang-tidy -nt "$stamp" ]; then
    clean=(--clean-first)
  fi
  cmake --build --preset tidy -j "$jobs" "${clean[@]}" || return 1
  touch "$stamp"
  local sources
  sources=$(grep '"file"' build/tidy/compile_commands.json | grep -vc header_check)
  summary="clang-tidy clean over $sources translation units (headers under include/erlang included)"
}

stage_format() {
  local files bad=()
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.cc')
  "$clang_format" --version
  for f in "${files[@]}"; do
    if ! "$clang_format" --dry-run --Werror "$f"; then
      bad+=("$f")
    fi
  done
  if [ ${#bad[@]} -eq 0 ]; then
    summary="${#files[@]} tracked C++ files formatted"
    return 0
  fi
  summary="${#bad[@]} of ${#files[@]} files need clang-format (make format): ${bad[*]}"
  return 1
}

stage_fuzz() {
  configure fuzz &&
    cmake --build --preset fuzz -j "$jobs" &&
    ctest --preset fuzz -j "$jobs" | tee "$logs/fuzz.ctest"
  local status=${PIPESTATUS[0]}
  local targets
  targets=$(grep -cE 'Test +#[0-9]+: fuzz\.[a-z_]+ .*Passed' "$logs/fuzz.ctest" 2>/dev/null)
  summary="${targets:-0} target(s), ${ERLANG_FUZZ_SECONDS} s each, no crash"
  if [ "$status" -ne 0 ]; then
    summary="$(grep -E '^fuzz .*: FAILED' "$logs/fuzz.ctest" | head -n 3 | tr '\n' ' ')"
    return 1
  fi
}

stages=("$@")
if [ ${#stages[@]} -eq 0 ]; then
  stages=(asan-ubsan tidy format fuzz)
fi
total_start=$(date +%s)
for stage in "${stages[@]}"; do
  case "$stage" in
    asan-ubsan) run_stage asan-ubsan stage_asan_ubsan ;;
    tidy) run_stage tidy stage_tidy ;;
    format) run_stage format stage_format ;;
    fuzz) run_stage fuzz stage_fuzz ;;
    *)
      echo "check.sh: unknown stage '$stage' (asan-ubsan, tidy, format, fuzz)" >&2
      exit 2
      ;;
  esac
done
total=$(($(date +%s) - total_start))
if [ ${#failed[@]} -eq 0 ]; then
  printf 'check %-10s ok      %4d s  %s\n' "total" "$total" "${stages[*]}"
  exit 0
fi
printf 'check %-10s FAILED  %4d s  failed: %s\n' "total" "$total" "${failed[*]}"
exit 1
