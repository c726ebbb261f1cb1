#!/usr/bin/env python3
"""Times a Python HL7 v2 peer on an in-memory workload, one core, the same reads as PeerHarness:
parse every message, then read PID-3, PID-5 and every OBX-5 as strings.

    time_python.py python-hl7|medforge <workload.hl7> [seconds] [max-MB]

Prints `<name>\t<MB/s>\t<records/s>\t<records>\t<checksum>` (MB = 10^6 bytes of the ER7 input).
Records are split at line-start "MSH" and decoded to str (UTF-8, or GB18030 when MSH-18 says so) before
the clock starts, so the peers are timed on parsing and reading only (generous to them).
"""

import re
import sys
import time


def records(path, max_bytes):
    data = open(path, "rb").read()
    starts = [m.start() for m in re.finditer(rb"(?:^|(?<=[\r\n]))MSH", data)] + [len(data)]
    out, total = [], 0
    for a, b in zip(starts, starts[1:]):
        raw = data[a:b]
        if total + len(raw) > max_bytes and out:
            break
        charset = "gb18030" if b"GB 18030" in raw.split(b"\r", 1)[0] else "utf-8"
        out.append((len(raw), raw.decode(charset)))
        total += len(raw)
    return out


def python_hl7():
    import hl7

    def run(text):
        message = hl7.parse(text)
        checksum = 0
        for name in ("PID",):
            for segment in message.segments(name) if "\rPID" in text else []:
                checksum += len(str(segment[3])) + len(str(segment[5]))
        if "\rOBX" in text:
            for segment in message.segments("OBX"):
                checksum += len(str(segment[5]))
        return checksum

    return "python-hl7 0.4.5", run


def medforge_peer():
    import medforge

    def run(text):
        message = medforge.parse(text)
        checksum = 0
        for segment in message.segments_by_name("PID"):
            checksum += len(segment.field(3).value) + len(segment.field(5).value)
        for segment in message.segments_by_name("OBX"):
            checksum += len(segment.field(5).value)
        return checksum

    return "medforge " + medforge.__version__, run


def main():
    peer = sys.argv[1]
    path = sys.argv[2]
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
    max_bytes = int(float(sys.argv[4]) * 1e6) if len(sys.argv) > 4 else 1 << 62
    name, run = {"python-hl7": python_hl7, "medforge": medforge_peer}[peer]()
    work = records(path, max_bytes)
    total = sum(n for n, _ in work)
    for _, text in work[:200]:
        run(text)  # warm-up
    best, passes, checksum, started = float("inf"), 0, 0, time.perf_counter()
    while True:
        begin = time.perf_counter()
        for _, text in work:
            checksum += run(text)
        best = min(best, time.perf_counter() - begin)
        passes += 1
        if time.perf_counter() - started >= seconds:
            break
    print("%s\t%.2f\t%d\t%d\t%d" % (name, total / best / 1e6, len(work) / best, len(work), checksum // passes))


if __name__ == "__main__":
    main()
