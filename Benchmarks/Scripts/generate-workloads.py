#!/usr/bin/env python3
"""Generates the benchmark workloads from the project's own Samples/ (deterministic: same bytes every run).

    python3 Benchmarks/Scripts/generate-workloads.py [--size-mb 50] [--out Benchmarks/Workloads]

Writes, each about --size-mb megabytes:
  v2-mixed.hl7      every valid UTF-8 sample message (batch envelopes dropped), CR terminators, MSH-10 varied
  v2-oru.hl7        the 12-OBX ORU^R01 lab report repeated, MSH-10 (and OBR/ORC placer numbers) varied
  v2-gb18030.hl7    the mixed set transcoded to GB18030 (MSH-18 "GB 18030-2000") plus the GB18030 sample
  fhir.ndjson       every valid FHIR sample (and the NDJSON sample lines) minified, one per line, ids varied
  lab.csv           the lab-extract CSV header once, then its rows repeated with varied report numbers
  cda/              the CDA samples (WS/T 483 and WS/T 500) as separate files, document ids varied, about
                    --cda-mb megabytes in all (default 20; one file per document, for xmllint and hix alike)
  manifest.tsv      file, bytes, records, sha256 (so a run can say exactly what it measured)

Messages in the .hl7 files are separated only by their CR terminators; each starts with "MSH".
Nothing from ../shared/corpus is copied: benchmarks read the corpus in place when it is present.
"""

import argparse
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = os.path.join(ROOT, "Samples")


def v2_messages(path):
    """The messages of one sample file as lists of segment lines (bytes), envelopes dropped."""
    data = open(path, "rb").read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = [line for line in re.split(rb"\r\n|\r|\n", data) if line.strip()]
    messages, current = [], None
    for line in lines:
        head = line[:3]
        if head in (b"FHS", b"BHS", b"BTS", b"FTS"):
            continue
        if head == b"MSH":
            current = []
            messages.append(current)
        if current is not None:
            current.append(line)
    return messages


def set_field(segment, number, value):
    """Replaces field `number` of an MSH segment (MSH-1 is the separator itself)."""
    sep = segment[3:4]
    parts = segment.split(sep)
    index = number - 1  # parts[0] = "MSH", parts[1] = MSH-2
    while len(parts) <= index:
        parts.append(b"")
    parts[index] = value
    return sep.join(parts)


def fill(units, size, make):
    """Concatenates make(unit, n) over the units, cycling, until `size` bytes."""
    out, total, n = [], 0, 0
    while total < size:
        chunk = make(units[n % len(units)], n)
        out.append(chunk)
        total += len(chunk)
        n += 1
    return b"".join(out), n


def v2_record(message, n, prefix, charset=None, transcode=False):
    segments = list(message)
    segments[0] = set_field(segments[0], 10, b"%s%010d" % (prefix, n))
    if charset is not None:
        segments[0] = set_field(segments[0], 18, charset)
    text = b"\r".join(segments) + b"\r"
    if transcode:
        text = text.decode("utf-8").encode("gb18030")
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=50)
    parser.add_argument("--cda-mb", type=float, default=20)
    parser.add_argument("--out", default=os.path.join(ROOT, "Benchmarks", "Workloads"))
    args = parser.parse_args()
    size = int(args.size_mb * 1_000_000)
    os.makedirs(args.out, exist_ok=True)
    valid = os.path.join(SAMPLES, "hl7v2", "valid")
    files = sorted(f for f in os.listdir(valid) if f.endswith(".hl7"))

    utf8_messages, gb_messages = [], []
    for name in files:
        for message in v2_messages(os.path.join(valid, name)):
            if b"GB 18030" in message[0] or b"GB18030" in message[0]:
                gb_messages.append(message)
            else:
                utf8_messages.append(message)
    oru = v2_messages(os.path.join(valid, "oru-r01-lab.hl7"))[0]

    outputs = {}
    outputs["v2-mixed.hl7"] = fill(utf8_messages, size, lambda m, n: v2_record(m, n, b"MIX"))
    outputs["v2-oru.hl7"] = fill(
        [oru], size, lambda m, n: v2_record(m, n, b"ORU").replace(b"LAB20240315-0042", b"LAB%013d" % n)
    )

    def gb(m, n):
        if m in gb_messages:
            return v2_record(m, n, b"GBK")
        return v2_record(m, n, b"GBK", charset=b"GB 18030-2000", transcode=True)

    outputs["v2-gb18030.hl7"] = fill(utf8_messages + gb_messages, size, gb)

    fhir_dir = os.path.join(SAMPLES, "fhir", "valid")
    resources = []
    for name in sorted(os.listdir(fhir_dir)):
        path = os.path.join(fhir_dir, name)
        if name.endswith(".json"):
            resources.append(json.load(open(path, encoding="utf-8")))
        elif name.endswith(".ndjson"):
            resources += [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]

    def fhir_line(resource, n):
        copy = dict(resource)
        copy["id"] = "%s-%d" % (resource.get("id", "r"), n)
        return json.dumps(copy, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"

    outputs["fhir.ndjson"] = fill(resources, size, fhir_line)

    csv_lines = open(os.path.join(SAMPLES, "tables", "lab-extract.csv"), "rb").read().split(b"\n")
    header, rows = csv_lines[0] + b"\n", [line + b"\n" for line in csv_lines[1:] if line.strip()]
    body, count = fill(rows, size - len(header), lambda r, n: re.sub(rb"L\d{13}", b"L%013d" % n, r))
    outputs["lab.csv"] = (header + body, count)

    cda_dir = os.path.join(SAMPLES, "cda")
    cda_samples = [
        (name[:-4], open(os.path.join(cda_dir, name), "rb").read())
        for name in sorted(os.listdir(cda_dir))
        if name.endswith(".xml")
    ]
    cda_out = os.path.join(args.out, "cda")
    os.makedirs(cda_out, exist_ok=True)
    for old in os.listdir(cda_out):
        os.remove(os.path.join(cda_out, old))
    cda_bytes, cda_count, cda_hash = 0, 0, hashlib.sha256()
    while cda_bytes < args.cda_mb * 1_000_000:
        name, data = cda_samples[cda_count % len(cda_samples)]
        suffix = b"-%06d" % cda_count
        data = re.sub(rb'(<id root="[0-9.]+" extension="[^"]*)"', lambda m: m.group(1) + suffix + b'"', data, count=1)
        with open(os.path.join(cda_out, "%06d-%s.xml" % (cda_count, name)), "wb") as handle:
            handle.write(data)
        cda_hash.update(data)
        cda_bytes += len(data)
        cda_count += 1
    print("%-16s %10d bytes %8d records" % ("cda/", cda_bytes, cda_count), file=sys.stderr)

    manifest = ["file\tbytes\trecords\tsha256", "cda/\t%d\t%d\t%s" % (cda_bytes, cda_count, cda_hash.hexdigest())]
    for name, (data, count) in outputs.items():
        with open(os.path.join(args.out, name), "wb") as handle:
            handle.write(data)
        manifest.append("%s\t%d\t%d\t%s" % (name, len(data), count, hashlib.sha256(data).hexdigest()))
        print("%-16s %10d bytes %8d records" % (name, len(data), count), file=sys.stderr)
    with open(os.path.join(args.out, "manifest.tsv"), "w") as handle:
        handle.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
