#!/usr/bin/env bash
# run-fuzzer.sh FUZZER SEED_DIR WORK_DIR [libFuzzer flags...]
#
# Runs a libFuzzer executable for ERLANG_FUZZ_SECONDS seconds (default 60) from the
# committed seeds in SEED_DIR plus the corpus that earlier runs grew in WORK_DIR/corpus
# (new inputs go there, never into the source tree). Exits non-zero on any crash, failed
# contract check (abort), sanitizer report, slow input (-timeout, 10 s) or memory blow-up;
# the reproducer is left in WORK_DIR/artifacts/. Ends with one summary line.
set -uo pipefail
fuzzer=$1
seeds=$2
work=$3
shift 3
seconds=${ERLANG_FUZZ_SECONDS:-60}
# ERLANG_FUZZ_SEED fixes libFuzzer's random seed: from the same seeds and an empty grown
# corpus, the run then tries the same inputs in the same order (a reproducible gate, as in
# `make check`). Unset: a new seed each run (exploration, as in `make fuzz`).
seed_flag=()
if [ -n "${ERLANG_FUZZ_SEED:-}" ]; then
  seed_flag=(-seed="$ERLANG_FUZZ_SEED")
fi
name=$(basename "$fuzzer")
mkdir -p "$work/corpus" "$work/artifacts"
log="$work/last-run.log"
"$fuzzer" "${seed_flag[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$@" "$work/corpus" "$seeds" >"$log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
corpus=$(find "$work/corpus" "$seeds" -type f | wc -l)
if [ "$status" -eq 0 ]; then
  echo "fuzz $name: ok, ${runs:-?} inputs in ${seconds} s, coverage ${cov:-?}, corpus $corpus files"
else
  tail -n 60 "$log"
  echo "fuzz $name: FAILED (exit $status), reproducer in $work/artifacts/; log $log"
fi
exit "$status"
