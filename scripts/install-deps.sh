#!/usr/bin/env bash
# Installs the Debian packages the project needs, skipping what is already present.
# Detection is by the files the build uses, so any installed Boost version counts.
#   scripts/install-deps.sh          what `make test` needs
#   scripts/install-deps.sh check    also the clang tools of `make check` and `make fuzz`
set -euo pipefail

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
need libgtest-dev have_header gtest/gtest.h
need libbenchmark-dev have_header benchmark/benchmark.h
if [ "${1:-}" = check ]; then
  have_fuzzer_runtime() { compgen -G '/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a'; }
  need clang command -v clang++
  need clang-tidy command -v clang-tidy
  need clang-format command -v clang-format
  need libclang-rt-dev have_fuzzer_runtime
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all dependencies present"
  exit 0
fi

# Unique package names, in order.
mapfile -t pkgs < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
echo "install-deps: installing ${pkgs[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
