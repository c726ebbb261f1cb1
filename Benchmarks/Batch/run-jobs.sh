#!/usr/bin/env bash
# --jobs scaling of the batch engine (issue #9): `hix convert --to fhir --output-mode ndjson` and
# `hix validate --format json` (release) on one ER7 workload with --jobs 1 and --jobs 2 (or the given list),
# REPEAT times each. Prints records/s and MB/s (from the run's --summary), wall, user and system CPU seconds,
# CPU %, user-CPU microseconds per record and peak RSS (/usr/bin/time -v), and the load average before each run:
# on a shared machine the speed-up in wall time is only meaningful with the load beside it, while CPU seconds
# per record are not disturbed by other processes.
#
#   Benchmarks/Batch/run-jobs.sh [--input FILE] [--jobs "1 2"] [--repeat 1] [--only convert|validate]
#
# The default input is the 20 MB ORU workload that run-1gb.sh generates (Benchmarks/Workloads/batch/).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
INPUT="$ROOT/Benchmarks/Workloads/batch/oru-20mb.hl7"
JOBS_LIST="1 2"
REPEAT=1
ONLY=""
while [ $# -gt 0 ]; do
    case "$1" in
        --input) INPUT="$2"; shift 2 ;;
        --jobs) JOBS_LIST="$2"; shift 2 ;;
        --repeat) REPEAT="$2"; shift 2 ;;
        --only) ONLY="$2"; shift 2 ;;
        *) echo "usage: $0 [--input FILE] [--jobs \"1 2\"] [--repeat N] [--only convert|validate]" >&2; exit 2 ;;
    esac
done
[ -s "$INPUT" ] || { echo "no input $INPUT (run Benchmarks/Batch/run-1gb.sh once to generate it)" >&2; exit 2; }
HIX="${HIX:-$ROOT/.build/release/hix}"
if [ ! -x "$HIX" ]; then (cd "$ROOT" && swift build -c release --product hix); fi
WORK="$ROOT/Benchmarks/Workloads"
mkdir -p "$WORK"

report() {  # report LABEL JOBS SUMMARY TIME LOAD SIZE
    python3 - "$@" <<'PY'
import json, re, sys
label, jobs, summary_path, time_path, load, size = sys.argv[1:7]
summary = json.load(open(summary_path))
timing = summary["timings"]
text = open(time_path).read()
def field(name):
    return re.search(re.escape(name) + r": ([0-9.:]+)", text).group(1)
user, system = float(field("User time (seconds)")), float(field("System time (seconds)"))
cpu = field("Percent of CPU this job got")
rss = int(field("Maximum resident set size (kbytes)"))
records = summary["recordsIn"]
wall = timing["wallSeconds"]
print(f"{label:<9} jobs {jobs:>2} (peak {timing.get('maxConcurrentRecords', '?')}) {records:>7} rec "
      f"{records / wall:>7.0f} rec/s {int(size) / 1e6 / wall:>5.1f} MB/s wall {wall:6.2f} s "
      f"user {user:6.2f} s sys {system:5.2f} s CPU {cpu:>4}% {user / records * 1e6:6.0f} us user/rec "
      f"RSS {rss / 1024:5.1f} MB load {load}")
PY
}

SIZE="$(stat -Lc %s "$INPUT")"
echo "$(basename "$INPUT"), $(nproc) cores, $HIX"
for round in $(seq "$REPEAT"); do
    for jobs in $JOBS_LIST; do
        out="$(mktemp -d "$WORK/jobs-out.XXXXXX")"
        if [ "$ONLY" != validate ]; then
            load="$(cut -d' ' -f1-3 /proc/loadavg)"
            /usr/bin/time -v "$HIX" convert --to fhir "$INPUT" -o "$out/o" --output-mode ndjson --jobs "$jobs" \
                --quiet --summary "$out/convert.json" 2>"$out/convert.time" || true
            report convert "$jobs" "$out/convert.json" "$out/convert.time" "$load" "$SIZE"
        fi
        if [ "$ONLY" != convert ]; then
            load="$(cut -d' ' -f1-3 /proc/loadavg)"
            /usr/bin/time -v "$HIX" validate --format json --jobs "$jobs" --quiet --summary "$out/validate.json" \
                "$INPUT" >/dev/null 2>"$out/validate.time" || true
            report validate "$jobs" "$out/validate.json" "$out/validate.time" "$load" "$SIZE"
        fi
        rm -rf "$out"
    done
done
