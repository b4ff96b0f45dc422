#!/usr/bin/env python3
"""Writes the committed seed corpora in fuzz/corpus/<target>/ and the reproducers of open
findings in fuzz/findings/<target>/ (run from any directory).

Seeds are small, readable starting points; libFuzzer grows its own corpus from them in the
build directory. Once a finding is fixed, its file moves from findings/ to corpus/, where
every build replays it as a regression test (fuzz_corpus.<target>).
"""
import math
import pathlib
import struct

HERE = pathlib.Path(__file__).resolve().parent


def library_contract():
    """Layout: see the comment at the top of library_contract.cpp."""
    nan, inf = math.nan, math.inf
    seeds = {}

    def raw(name, mode, *values):
        values = list(values) + [0.0] * (5 - len(values))
        seeds[name] = bytes([mode]) + struct.pack("<5d", *values)

    raw("raw-call-centre", 0, 10, 12, 180, 20, 0.8)
    raw("raw-erlang-b-table", 0, 1, 10, 1, 0, 0.5)
    raw("raw-overloaded", 0, 12, 10, 180, 20, 0.8)
    raw("raw-at-capacity", 0, 100, 100, 1, 1, 0.99)
    raw("raw-non-integer", 0, 42.5, 50.25, 3, 0.1, 0.2)
    raw("raw-zero", 0, 0, 0, 1, 0, 0)
    raw("raw-negative-zero", 0, -0.0, -0.0, 1, -0.0, -0.0)
    raw("raw-nan", 0, nan, 3, nan, 1, nan)
    raw("raw-inf", 0, inf, -inf, inf, inf, 1)
    raw("raw-negative", 0, -1.5, -4, -180, -20, -0.1)
    raw("raw-subnormal", 0, 5e-324, 1e-310, 5e-324, 5e-324, 5e-324)
    raw("raw-huge", 0, 1e300, 1.0000001e300, 1e300, 1e300, 0.999999)
    raw("raw-large-critical", 0, 1e7, 1e7 + 3000, 180, 20, 0.9)
    raw("raw-recurrence-border", 0, 95, 100.5, 60, 30, 0.5)
    raw("raw-float-overflow", 0, 1e39, 1e40, 1e-46, 1e39, 0.5)
    raw("folded-raw", 3 | 4, -1e5, -1.00003e5, -3, 7, 12.25)
    for i, (u, z) in enumerate([(0x6000, 0), (0x9000, 2048), (0xC000, -4096), (0xFFFF, 100)]):
        seeds[f"critical-{i}"] = bytes([1 | (4 if i % 2 else 0)]) + struct.pack(
            "<HhHHH", u, z, 0x8000, 0x7000, 0xE000)
    for i, (u, pick, nudge) in enumerate([(0x5000, 0, 1), (0x8000, 1, -1), (0xB000, 2, 0),
                                          (0xE000, 7, 3), (0x4000, 8, -2)]):
        seeds[f"border-{i}"] = bytes([2 | (4 if i % 2 else 0)]) + struct.pack(
            "<HBbHHH", u, pick, nudge, 0x8000, 0x7000, 0xE000)
    return seeds


def library_contract_regressions():
    """Contract violations the fuzzer found, fixed since: each file made library_contract
    abort before its fix and is replayed as a regression test from corpus/."""
    findings = {}

    def raw(name, *values):
        values = list(values) + [0.0] * (5 - len(values))
        findings[name] = bytes([0]) + struct.pack("<5d", *values)

    # traffic / (servers + 1) underflows to 0 in the light-load branch: NaN.
    raw("erlang-b-nan-ratio-underflow", 2.348634796885515e-294, 3.2020685654916448e231, 1, 1, 0.5)
    # (servers + 1) * phi overflows in the light-load branch (servers near 1e307): NaN.
    raw("erlang-b-nan-servers-1e307", 3.27197265625, 2.176931859773866e307, 1, 1, 0.5)
    # Heavy load with servers above about 1e154 (continued fraction): NaN.
    raw("erlang-b-nan-heavy-load-1e185", 1.9537038026133304e185, 1.9035985662552932e185, 1, 1, 0.5)
    # Heavy load, servers 9e154, traffic 1e155: B is about 0.1 but erlang_b returns 0 and
    # log_erlang_b -inf.
    raw("erlang-b-zero-heavy-load-1e155", 1e155, 9e154, 1, 1, 0.5)
    # service_level = 1 - C expm1(-k) rounds to 1 + 2^-52 when k is large.
    raw("service-level-above-one", 2.9597465054436127, 4.9194930108872255, 1e6, 1e10, 0.25)
    # wait_time_quantile = h ln(C / (1 - p)) / (m - E) overflows in h ln(...) although the
    # quotient (about 4.6e305) is representable: +inf without overload.
    raw("wait-time-quantile-intermediate-overflow", 99024.007812529802, 100003,
        2.2515053178329298e307, 0, 0.99999999998544808)
    # Servers 1e-310, traffic and handling time the smallest subnormal: ln(C / (1 - p)) /
    # (m - E) overflows although the quantile (about 3.5e-14) is representable.
    raw("wait-time-quantile-tiny-servers-overflow", 5e-324, 9.9999999999999694e-311, 5e-324, 0,
        0.50781273655957104)
    # Traffic 1.6e308 over servers 3.6e-311: Lentz's algorithm for the continued fraction
    # met subnormal reciprocals and gave up after 1e6 iterations (an unexpected exception).
    raw("erlang-b-continued-fraction-traffic-1.6e308", 1.6291594034689738e308,
        3.6264908151044191e-311, 2.1214777255866187e-314, 0, 0)
    return findings


def write(kind, target, files):
    directory = HERE / kind / target
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (directory / name).write_bytes(data)
    print(f"{target}: {len(files)} files in {directory}")


def main():
    write("corpus", "library_contract", library_contract())
    write("corpus", "library_contract", library_contract_regressions())


if __name__ == "__main__":
    main()
