#!/usr/bin/env python3
"""Writes the committed seed corpora in fuzz/corpus/<target>/, with the reproducers of the
fixed findings (run from any directory).

Seeds are small, readable starting points; libFuzzer grows its own corpus from them in the
build directory. The input of each fixed finding stays in corpus/, where every build
replays it as a regression test (fuzz_corpus.<target>).
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
    # Traffic = servers = 9.5e307: sqrt(pi a / 2) overflowed in Temme's expansion, so that
    # log_erlang_b returned -inf.
    raw("erlang-b-temme-diagonal-9.5e307", 9.5491475541422945e307, 9.5491475541422945e307, 0, 0, 0)
    # Traffic 1.8e308 over servers 2.6e307: a_k overflowed and 1 / b_k was subnormal in the
    # continued fraction (NaN).
    raw("erlang-b-continued-fraction-overflow", 1.7843004894166068e308, 2.586160970446388e307,
        1.220342145227879e-321, 0, 0)
    return findings


def models_contract():
    """Layout: see the comment at the top of models_contract.cpp. Slots: traffic, servers,
    handling time, patience, answer time, q1, q2, q3, waiting places, ASA target."""
    nan, inf = math.nan, math.inf
    seeds = {}
    every_target = 0b00111111

    def raw(name, mode, targets, *values):
        values = list(values) + [0.0] * (10 - len(values))
        seeds[name] = bytes([mode, targets]) + struct.pack("<10d", *values)

    raw("raw-call-centre", 0, 0b00000001, 10, 12, 180, 300, 20, 0.8, 0.05, 0.3, 20, 15)
    raw("raw-every-target", 0, every_target, 10, 14, 180, 300, 20, 0.8, 0.2, 0.9, 5, 30)
    raw("raw-time-congestion", 0, 0b00000100, 3, 4, 1, 1, 0, 0.01, 0.5, 0.1, 20, 1)
    raw("raw-call-congestion", 0, 0b01000010, 3, 4, 1, 1, 0, 0.01, 0.5, 0.1, 20, 1)
    raw("raw-traffic-congestion", 0, 0b10001000, 3, 4, 1, 1, 0, 0.01, 0.5, 0.1, 20, 1)
    raw("raw-overloaded", 0, 0b00010011, 120, 100, 180, 60, 20, 0.8, 0.1, 0.95, 10, 30)
    raw("raw-retries", 0, 0b00100000, 12, 10, 1, 1, 1, 0.02, 0.7, 0.1, 0, 1)
    raw("raw-every-retry", 0, 0, 9, 10, 1, 1, 1, 0.02, 1.0, 0.1, 0, 1)
    raw("raw-erlang-b-limit", 0, 0b00100000, 5, 5, 1, 1, 0, 0.01, 0, 0.5, 0, 1)
    raw("raw-infinite-patience", 0, 0b00010001, 10, 11, 1, inf, 0.1, 0.8, 0.1, 0.5, 50, 1)
    raw("raw-zero", 0, every_target, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    raw("raw-negative-zero", 0, every_target, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0,
        -0.0, -0.0)
    raw("raw-nan", 0, every_target, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan)
    raw("raw-inf", 0, every_target, inf, -inf, inf, inf, inf, 1, 1, 1, inf, inf)
    raw("raw-negative", 0, every_target, -1, -2, -3, -4, -5, -0.5, -0.5, -0.5, -6, -7)
    raw("raw-subnormal", 0, every_target, 5e-324, 1, 5e-324, 5e-324, 5e-324, 5e-324, 5e-324,
        5e-324, 1, 5e-324)
    # Huge values without targets and with patience -1: Erlang A and the finite-queue solvers
    # at this scale are open findings (docs/reliability.md).
    raw("raw-huge", 0, 0, 1e300, 1e300, 1e300, -1, 1e300, 0.5, 0.5, 0.5, 1e300, 1e300)
    raw("raw-large", 0, 0b00001111, 1e5, 100300, 3, 5, 0.5, 0.9, 0.5, 0.97, 1000, 0.2)
    raw("raw-no-target", 0, 0, 10, 12, 180, 300, 20, 0.8, 0.05, 0.3, 20, 15)
    raw("folded-raw", 3 | 4, 0b00011011, -40.5, -45.2, 3, 2, 1, 1.8, 2.1, 7.97, 30, 1)
    for i, targets in enumerate([0b00000001, 0b00010010, 0b01100100, 0b10001000, every_target]):
        seeds[f"realistic-{i}"] = bytes([1 | (4 if i % 2 else 0), targets]) + struct.pack(
            "<HhHHHHHHHH", 0x4000 + 0x2000 * i, 1024 * (i - 2), 0x8000, 0x8000, 0x8000,
            0xCCCC, 0x1000, 0xE000, 0x3000 + 0x1000 * i, 0x8000)
    for i, picks in enumerate([(13, 14, 9, 9, 0, 26, 6, 27, 13, 9),
                               (17, 17, 9, 22, 9, 7, 9, 8, 16, 9),
                               (2, 3, 2, 2, 2, 4, 4, 4, 10, 2),
                               (20, 20, 20, 25, 20, 7, 7, 7, 15, 20)]):
        seeds[f"critical-{i}"] = bytes([2, 0 if i == 3 else every_target]) + bytes(picks)
    return seeds


def models_contract_regressions():
    """Contract violations models_contract found, fixed since: each file made it abort
    before its fix and is replayed as a regression test from corpus/."""
    findings = {
        # servers_for_blocking(5.4e173, 7.3e-304): TOMS 748 interpolated between scores of
        # -500 and 2e173 into NaN, on which the Erlang B recurrence hung.
        "servers-for-blocking-nan-bracket-5e173": bytes.fromhex(
            "ffffffffffffff800164ff00ff00ffffffffffffffffffffffffffdfffff008000e0500080ffffff"
            "ff0164008000ffffff0000003dffffffffffffdf00"),
        # traffic_for_targets(999999.5 agents, wait probability target 0.88): Erlang C
        # underflowed to 0 at light load, the score was +inf and the result NaN.
        "traffic-for-targets-nan-score": bytes.fromhex("0164ffffffff0164ffffffffffffffe0500080"),
        # extended_erlang_b_servers_for_blocking(2e37, ...): the Erlang B bounds (about 2e37)
        # were cast to a 64-bit count, undefined behaviour.
        "extended-erlang-b-servers-beyond-2p53": bytes.fromhex(
            "00000000f03f7bf1ae47e10164008000006427016400802b64270029292929292929292929292929"
            "2929292929292929000000e00000000000bb0014400000000000001400800020000000500000"),
    }
    return findings


# Selector bytes of the units target (units.cpp): the parser is byte 0 modulo 10.
UNITS_PARSERS = ["number", "duration", "ratio", "rate", "traffic", "count", "count-list",
                 "probability-list", "clock", "service-level"]


def units():
    """Layout: byte 0 selects the parser, the rest is the text (see units.cpp)."""
    texts = {
        "number": ["14", " 2.5e3 ", "+7", "-0", "1e308", "1e999", "nan", "0x10", "1,234",
                   "1 234"],
        "duration": ["20s", "3 min", "1.5h", "2HOURS", "3:20", "1:02:30", "0:20.5", "-5s",
                     "1:60", "1e300h"],
        "ratio": ["80%", "0.8", "80", "120%", "0.1 %", "-5%"],
        "rate": ["200/h", "3.5/min", "0.05/s", "100/30m", "200/0s", "1/1:00", "200/fortnight"],
        "traffic": ["10", "10E", "10 erlangs", "10 calls"],
        "count": ["14", "1e3", "14.5", "1e12", "1e13"],
        "count-list": ["1-10,15,20-100:10", "5-1", "1-5:0", "1,,2", "0-999", "1e12-1e12"],
        "probability-list": ["0.1%,0.5%,1%,2%,5%", "0.05, 1%", "1%,120%", ","],
        "clock": ["08:30", "8:30:15", "23:59:59.999", "2024-02-29T23:30:00", "2023-02-29 08:00",
                  "1970-01-01", "24:00", "Monday"],
        "service-level": ["80/20s", "80%/0:30", "0.9/1m", "90%", "100/20s", "0/20s", "80/20x",
                          "eighty/20s"],
    }
    seeds = {}
    for selector, parser in enumerate(UNITS_PARSERS):
        for i, text in enumerate(texts[parser]):
            seeds[f"{parser}-{i}"] = bytes([selector]) + text.encode()
    # Fixed findings (regression inputs): a unit or a colon form overflowing to +inf, a rate
    # overflowing in the division, a fraction of a second whose std::stod threw, a time of
    # day that rounded up to midnight.
    findings = {
        "finding-duration-unit-overflow": ("duration", "1e306h"),
        "finding-duration-colon-overflow": ("duration", "9" * 400 + ":00"),
        "finding-rate-overflow": ("rate", "1e308/1e-300s"),
        "finding-service-level-answer-time-overflow": ("service-level", "80/1e306h"),
        "finding-clock-fraction-underflow": ("clock", "08:30:15." + "0" * 400 + "1"),
        "finding-clock-rounds-to-midnight": ("clock", "23:59:59.99999999999999"),
    }
    for name, (parser, text) in findings.items():
        seeds[name] = bytes([UNITS_PARSERS.index(parser)]) + text.encode()
    return seeds


def forecast_csv():
    """Layout: the bytes are the file."""
    day = "start,calls,aht\n" + "".join(
        f"{h:02d}:{m:02d},{100 + 7 * h + m},{180 + h}\n" for h in range(8, 11) for m in (0, 30))
    return {
        "day": day.encode(),
        "dated": b"start,calls,aht\n2024-03-04 08:00,112,3:05\n2024-03-04T08:30:00,136.5,3m\n",
        "no-aht": b"Start,Calls\n08:00,10\n08:30,0\n",
        "reordered-semicolon": b"AHT;Calls;Start\n3m;10;a\n180;12;b\n",
        "tab": b"start\tcalls\tAHT\nx\t5\t\ny\t6\t200\n",
        "bom-crlf-quotes": b'\xef\xbb\xbfstart,calls,aht\r\n"08:00", 112 ,"3:05"\r\n\r\n  \r\n'
                           b'"Mon, 08:30","12",185\r\n',
        "empty": b"",
        "header-only": b"start,calls,aht\n",
        "utf16": b"\xff\xfes\x00t\x00",
        "unknown-column": b"start,volume\n08:00,1\n",
        "duplicate-column": b"start,calls,calls\n",
        "thousands-comma": b"start,calls,aht\n08:00,1,234,180\n",
        "thousands-quoted": b'start,calls,aht\n08:00,"1,234",180\n',
        "thousands-space": b"start,calls,aht\n08:00,1 234,180\n",
        "decimal-comma": b"start;calls;aht\n08:00;12,5;180\n",
        "missing-field": b"start,calls,aht\n08:00,100\n",
        "bad-values": b"start,calls,aht\n08:00,-5,180\n08:30,nan,0\n,1,1\n",
        "quote-errors": b'start,calls\n"a,1\nb"x,2\nc,1"2\n',
        "binary": bytes(range(256)),
        "no-final-newline": b"start,calls\nx,5",
    }


def cli_args():
    """Layout: newline-separated arguments; a line <<< starts standard input."""
    def args(*a, stdin=None):
        text = "\n".join(a)
        if stdin is not None:
            text += "\n<<<\n" + stdin
        return text.encode()

    forecast = "start,calls,aht\n08:00,100,180\n08:30,120,175\n09:00,0,\n"
    return {
        "load": args("load", "--calls", "100", "--interval", "30m", "--aht", "3m"),
        "load-rate": args("load", "--rate", "200/h", "--aht", "180", "--format", "json"),
        "b": args("b", "--traffic", "10", "--servers", "15"),
        "lines": args("lines", "--traffic", "10", "--blocking", "1%", "--format", "csv"),
        "lines-servers": args("circuits", "--servers", "15", "--blocking", "1%"),
        "c": args("c", "--traffic", "10", "--agents", "14", "--aht", "3m", "--service-level",
                  "80/20s"),
        "c-overloaded": args("c", "--traffic", "12", "--agents", "10", "--aht", "3m"),
        "c-curve": args("wait", "--calls", "100", "--interval", "30m", "--aht", "3m", "--curve",
                        "--from", "5", "--to", "20", "--format", "csv"),
        "a": args("a", "--traffic", "10", "--agents", "12", "--aht", "3m", "--patience", "5m",
                  "--target", "30s"),
        "staff": args("staff", "--calls", "100", "--interval", "30m", "--aht", "180",
                      "--service-level", "80/20s", "--shrinkage", "30%", "--format", "json"),
        "staff-targets": args("staff", "--traffic=20", "--aht=3m", "--asa=15s",
                              "--max-wait-probability=30%", "--max-occupancy=85%",
                              "--max-agents", "40", "--min-agents", "5"),
        "staff-abandon": args("staff", "--rate", "3.5/m", "--aht", "3:00", "--patience", "2m",
                              "--max-abandon", "5%"),
        "plan": args("plan", "-", "--service-level", "80/20s", stdin=forecast),
        "plan-csv-aht": args("plan", "-", "--service-level", "80%", "--target", "20s", "--aht",
                             "3m", "--format", "csv",
                             stdin="start,calls\n2024-03-04 08:00,50\n2024-03-04 08:15,60\n"),
        "plan-bad-row": args("plan", "-", "--service-level", "80/20s",
                             stdin="start,calls,aht\n08:00,100,180\n08:30,1,234,180\n"),
        "plan-patience-json": args("plan", "-", "--asa", "20s", "--patience", "3m", "--interval",
                                   "30m", "--format", "json", stdin="start,calls,aht\nA,10,1\n"),
        "table": args("table", "--servers", "1-10,20-50:10", "--blocking", "0.5%,1%"),
        "help": args("--help"),
        "staff-help": args("staff", "--help"),
        "version": args("--version"),
        "unknown-command": args("nosuch"),
        "unknown-option": args("c", "--bogus"),
        "empty": b"",
    }


def write(kind, target, files):
    directory = HERE / kind / target
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (directory / name).write_bytes(data)
    print(f"{target}: {len(files)} files in {directory}")


def main():
    write("corpus", "library_contract", library_contract())
    write("corpus", "library_contract", library_contract_regressions())
    write("corpus", "models_contract", models_contract())
    write("corpus", "models_contract", models_contract_regressions())
    write("corpus", "units", units())
    write("corpus", "forecast_csv", forecast_csv())
    write("corpus", "cli_args", cli_args())


if __name__ == "__main__":
    main()
