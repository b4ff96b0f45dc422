#!/usr/bin/env bash
# Installs the Debian packages the project needs, skipping what is already present.
# Detection is by the files the build uses, so any installed Boost version counts.
#   scripts/install-deps.sh run      what `make run` needs: the compiler, CMake, Boost and the
#                                    CLI's libraries (no GoogleTest, no Google Benchmark)
#   scripts/install-deps.sh          what `make test` needs: also GoogleTest and Benchmark
#   scripts/install-deps.sh check    also the clang tools of `make check` and `make fuzz`
set -euo pipefail
case "${1:-}" in
  "" | run | check) ;;
  *)
    echo "usage: scripts/install-deps.sh [run|check]" >&2
    exit 2
    ;;
esac

missing=()
need() {  # need PACKAGE TEST...
  local pkg=$1
  shift
  if ! "$@" >/dev/null 2>&1; then
    missing+=("$pkg")
  fi
}
have_header() { [ -e "/usr/include/$1" ] || [ -e "/usr/local/include/$1" ]; }

need cmake command -v cmake
need g++ command -v g++
need make command -v make
need libboost-dev have_header boost/math/special_functions/gamma.hpp
need libboost-dev have_header boost/multiprecision/cpp_bin_float.hpp
need libfmt-dev have_header fmt/format.h
need libcli11-dev have_header CLI/CLI.hpp
need nlohmann-json3-dev have_header nlohmann/json.hpp
# PNG charts: librsvg draws the SVG the CLI writes.
need pkg-config command -v pkg-config
need librsvg2-dev have_header librsvg-2.0/librsvg/rsvg.h
if [ "${1:-}" != run ]; then
  need libgtest-dev have_header gtest/gtest.h
  need libbenchmark-dev have_header benchmark/benchmark.h
  need libxml2-dev have_header libxml2/libxml/parser.h  # the chart tests parse the SVG
fi
if [ "${1:-}" = check ]; then
  have_fuzzer_runtime() { compgen -G '/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a'; }
  need clang command -v clang++
  need clang-tidy command -v clang-tidy
  need clang-format command -v clang-format
  need libclang-rt-dev have_fuzzer_runtime
  # What the chart and report tests look at: the page as a browser draws it.
  need chromium command -v chromium
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all dependencies present"
  exit 0
fi

# Unique package names, in order.
mapfile -t pkgs < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-deps: missing Debian packages: ${pkgs[*]}" >&2
    echo "install-deps: not root and no sudo here; as root, run:" >&2
    echo "  apt-get update && apt-get install --no-install-recommends ${pkgs[*]}" >&2
    exit 1
  fi
  sudo_cmd=(sudo)
fi
# apt-get's output goes to a log; one line per step reaches the terminal.
log=${ERLANG_DEPS_LOG:-build/logs/install-deps.log}
mkdir -p "$(dirname "$log")"
: >"$log"
export DEBIAN_FRONTEND=noninteractive
step() {  # step TEXT COMMAND...: one line, the command's output in the log
  local text=$1
  shift
  printf 'install-deps: %s ... ' "$text"
  if "$@" >>"$log" 2>&1; then
    echo ok
  else
    echo "FAILED (log: $log)"
    tail -n 20 "$log" >&2
    exit 1
  fi
}
step "updating the package lists" "${sudo_cmd[@]}" apt-get update -q
step "installing ${pkgs[*]}" "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${pkgs[@]}"
