#!/usr/bin/env bash
# Batch benchmark for issue #9: `hix convert --to fhir` (release) on a generated ~1 GB ER7 file of ORU^R01
# lab reports, with --jobs 1 and --jobs N (default: all cores), then the same on a 20 MB file to show that
# peak memory does not grow with the input. Reports records/s and MB/s (from the run's --summary) and the
# peak RSS ("Maximum resident set size" of /usr/bin/time -v).
#
#   Benchmarks/Batch/run-1gb.sh [--size-mb 1000] [--jobs N] [--keep]
#
# Inputs go to the gitignored Benchmarks/Workloads/; outputs (one NDJSON file per input, --output-mode
# ndjson) go to a temporary directory under Benchmarks/Workloads/ that is deleted afterwards.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SIZE_MB=1000
JOBS="$(nproc)"
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --size-mb) SIZE_MB="$2"; shift 2 ;;
        --jobs) JOBS="$2"; shift 2 ;;
        --keep) KEEP=1; shift ;;
        *) echo "usage: $0 [--size-mb MB] [--jobs N] [--keep]" >&2; exit 2 ;;
    esac
done

WORK="$ROOT/Benchmarks/Workloads"
BATCH="$WORK/batch"
mkdir -p "$BATCH"
HIX="$ROOT/.build/release/hix"
if [ ! -x "$HIX" ] || [ -n "${REBUILD:-}" ]; then
    (cd "$ROOT" && swift build -c release --product hix)
fi

# The 20 MB ORU workload from the shared generator, then ~SIZE_MB of it with MSH-10 varied per copy.
if [ ! -s "$BATCH/oru-20mb.hl7" ]; then
    python3 "$ROOT/Benchmarks/Scripts/generate-workloads.py" --size-mb 20 --cda-mb 1 --out "$BATCH/gen" >/dev/null
    mv "$BATCH/gen/v2-oru.hl7" "$BATCH/oru-20mb.hl7"
    rm -rf "$BATCH/gen"
fi
BIG="$BATCH/oru-${SIZE_MB}mb.hl7"
if [ ! -s "$BIG" ]; then
    python3 - "$BATCH/oru-20mb.hl7" "$BIG" "$SIZE_MB" <<'PY'
import sys
source, target, size_mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
data = open(source, "rb").read()
copies = max(1, round(size_mb * 1_000_000 / len(data)))
with open(target, "wb") as out:
    for copy in range(copies):
        # MSH-10 is ORU%010d (MSH-9 ORU^R01 is left alone): each copy gets its own 3-character prefix.
        out.write(data.replace(b"|ORU0", b"|R%02d0" % (copy % 100)))
PY
fi

run() {  # run LABEL INPUT JOBS
    local label="$1" input="$2" jobs="$3"
    local out
    out="$(mktemp -d "$WORK/batch-out.XXXXXX")"
    /usr/bin/time -v "$HIX" convert --to fhir "$input" -o "$out/o" --output-mode ndjson --jobs "$jobs" --quiet \
        --summary "$out/summary.json" 2>"$out/time.txt" || true
    python3 - "$label" "$out/summary.json" "$out/time.txt" "$(stat -Lc %s "$input")" <<'PY'
import json, re, sys
label, summary_path, time_path, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
summary = json.load(open(summary_path))
timing = summary["timings"]
text = open(time_path).read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
wall = timing["wallSeconds"]
print(f"{label:<22} {size / 1e6:8.0f} MB {summary['recordsIn']:>9} rec {summary['converted']:>9} ok "
      f"{timing['recordsPerSecond']:>9.0f} rec/s {timing['megabytesPerSecond']:>7.1f} MB/s "
      f"wall {wall:7.1f} s cpu {timing['cpuSeconds']:7.1f} s peak RSS {rss / 1024:7.1f} MB")
PY
    if [ "$KEEP" = 1 ]; then echo "  kept $out"; else rm -rf "$out"; fi
}

echo "hix convert --to fhir --output-mode ndjson (release), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
run "20 MB, --jobs 1" "$BATCH/oru-20mb.hl7" 1
run "20 MB, --jobs $JOBS" "$BATCH/oru-20mb.hl7" "$JOBS"
run "${SIZE_MB} MB, --jobs $JOBS" "$BIG" "$JOBS"
run "${SIZE_MB} MB, --jobs 1" "$BIG" 1
