#!/usr/bin/env bash
# Times hix (HIHL7v2/HIFHIR in-process, release build) against its peers on the same in-memory workload, in
# one run, one core each, and prints MB/s and the ratios.
#
#   Benchmarks/peers/run.sh [seconds-per-measurement] [max-MB-per-workload]
#
# Peers: python-hl7 0.4.5 and medforge 0.2.0 (PyPI, installed into Benchmarks/peers/.venv), Foundation
# JSONSerialization (in the Swift harness), and `xmllint --noout` for CDA once HICDA has landed.
# Needs the workloads: python3 Benchmarks/Scripts/generate-workloads.py
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
seconds="${1:-3}"
max_mb="${2:-10}"
workloads="${HI_WORKLOADS:-$bench/Workloads}"

for file in v2-oru.hl7 v2-mixed.hl7 fhir.ndjson cda; do
    if [ ! -e "$workloads/$file" ]; then
        echo "error: $workloads/$file is missing; run: python3 Benchmarks/Scripts/generate-workloads.py" >&2
        exit 2
    fi
done

venv="$here/.venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import hl7, medforge' 2>/dev/null; then
    echo "== installing python-hl7 0.4.5 and medforge 0.2.0 into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check hl7==0.4.5 medforge==0.2.0
fi

echo "== building hix and the peer harness (release)" >&2
# (HI_SKIP_HIX_BUILD=1 skips the CLI build; the measurements below use the library in-process either way.)
if [ -z "${HI_SKIP_HIX_BUILD:-}" ]; then swift build -c release --package-path "$root" --product hix >&2; fi
swift build -c release --package-path "$bench" --product PeerHarness >&2
harness="$(swift build -c release --package-path "$bench" --show-bin-path)/PeerHarness"

# One core for everyone.
pin() { if command -v taskset >/dev/null; then taskset -c 0 "$@"; else "$@"; fi; }

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  host: $(hostname)  cores: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "workload prefix: ${max_mb} MB of each file; best of passes within ${seconds}s per measurement"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT

for workload in v2-oru.hl7 v2-mixed.hl7; do
    echo
    echo "## ER7 parse + PID-3, PID-5, every OBX-5 — $workload"
    printf '%-32s %10s %12s %9s\n' "parser" "MB/s" "messages/s" "messages"
    {
        pin "$harness" v2 "$workloads/$workload" "$seconds" "$max_mb"
        pin "$venv/bin/python" "$here/time_python.py" medforge "$workloads/$workload" "$seconds" "$max_mb"
        pin "$venv/bin/python" "$here/time_python.py" python-hl7 "$workloads/$workload" "$seconds" "$max_mb"
    } | tee -a "$results" | awk -F'\t' '{ printf "%-32s %10s %12s %9s\n", $1, $2, $3, $4 }'
    awk -F'\t' -v w="$workload" '
        /^hix HIHL7v2 parse\+read/ { hix = $2 }
        /^medforge/ { mf = $2 }
        /^python-hl7/ { ph = $2 }
        END {
            if (mf > 0) printf "ratio hix / medforge   %8.1fx\n", hix / mf
            if (ph > 0) printf "ratio hix / python-hl7 %8.1fx\n", hix / ph
        }' <(tail -n 4 "$results")
done

echo
echo "## FHIR JSON read — fhir.ndjson (one resource per line)"
printf '%-32s %10s %12s %9s\n' "reader" "MB/s" "resources/s" "resources"
pin "$harness" fhir "$workloads/fhir.ndjson" "$seconds" "$max_mb" | tee -a "$results" \
    | awk -F'\t' '{ printf "%-32s %10s %12s %9s\n", $1, $2, $3, $4 }'
awk -F'\t' '
    /^hix HIFHIR JSONReader/ { hix = $2 }
    /^Foundation JSONSerialization/ { fd = $2 }
    END { if (fd > 0) printf "ratio HIFHIR / JSONSerialization %8.1fx\n", hix / fd }' <(tail -n 2 "$results")

echo
echo "## CDA — hix (ClinicalDocument over HIXML/libxml2) vs xmllint --noout, same files"
if [ -d "$workloads/cda" ] && command -v xmllint >/dev/null; then
    cda_bytes="$(cat "$workloads"/cda/*.xml | wc -c)"
    cda_files="$(ls "$workloads"/cda/*.xml | wc -l)"
    best=""
    for _ in 1 2 3; do
        start="$(date +%s.%N)"
        pin xmllint --noout "$workloads"/cda/*.xml
        end="$(date +%s.%N)"
        t="$(echo "$end - $start" | bc -l)"
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best="$t"; fi
    done
    xl="$(echo "$cda_bytes / $best / 1000000" | bc -l)"
    printf '%-32s %10s %12s %9s\n' "reader" "MB/s" "documents/s" "documents"
    pin "$harness" cda "$workloads/cda" "$seconds" | tee -a "$results" \
        | awk -F'\t' '{ printf "%-32s %10s %12s %9s\n", $1, $2, $3, $4 }'
    printf '%-32s %10.1f %12.0f %9s   (one process over all files, best of 3)\n' "xmllint --noout (libxml2)" "$xl" \
        "$(echo "$cda_files / $best" | bc -l)" "$cda_files"
    awk -F'\t' -v xl="$xl" '/^hix HICDA/ { printf "ratio hix / xmllint %8.2fx (target >= 0.80)\n", $2 / xl }' \
        <(tail -n 1 "$results")
else
    echo "skipped: no $workloads/cda (run the workloads script) or no xmllint (apt-get install -y libxml2-utils)"
fi

echo
echo "## Conversion and validation (hix only; no installable peer converts v2 to CN CDA) — v2-oru.hl7"
printf '%-32s %10s %12s %9s\n' "path" "MB/s" "messages/s" "messages"
pin "$harness" convert "$workloads/v2-oru.hl7" "$seconds" 2 \
    | awk -F'\t' '{ printf "%-32s %10s %12s %9s\n", $1, $2, $3, $4 }'
