#!/usr/bin/env bash
# Run lblint over a corpus of real Terraform, for reviewing its precision.
#
#   scripts/precision.sh [-o OUT_DIR] [--config FILE] CORPUS_DIR [LBLINT_BINARY]
#
# Each top-level directory of CORPUS_DIR is one repository (docs/precision-corpus.tsv lists
# ours; the corpus itself is other projects' code and is not committed). lblint runs once per
# repository, from inside it, as `lblint check --format json --fail-on never .` (plus
# `--config FILE` when given), so file paths are relative to the repository.
# LBLINT_BINARY defaults to target/release/lblint of this checkout.
#
# The report has three parts, each sorted so two runs can be diffed:
#   1. summary: diagnostics per rule code and severity, per repository, and the files and
#      modules lblint saw;
#   2. findings: one line per error and warning, tab-separated:
#        repo  file:line:col  severity  CODE  message
#   3. problems: any repository where lblint exited with something other than 0, or wrote to
#      stderr, or printed output that is not lblint's JSON, with the exit code and stderr.
# Without -o the report goes to stdout. With -o OUT_DIR it goes to OUT_DIR/report.txt, and
# the parts also to OUT_DIR/summary.txt, findings.tsv and problems.txt, with lblint's raw
# output per repository in OUT_DIR/raw/. Timing (wall clock per repository and in total)
# goes to stderr only, so that the report stays diffable.
#
# Nothing is fetched: this needs bash, python3 and the corpus on disk.
set -euo pipefail

usage() { sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; }

OUT=""
CONFIG=""
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    -o|--out) OUT=${2:?-o needs a directory}; shift 2 ;;
    --config) CONFIG=${2:?--config needs a file}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; ARGS+=("$@"); break ;;
    -*) echo "precision.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
if [ ${#ARGS[@]} -lt 1 ] || [ ${#ARGS[@]} -gt 2 ]; then usage >&2; exit 2; fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=$(cd "${ARGS[0]}" && pwd)
BIN=${ARGS[1]:-$ROOT/target/release/lblint}
case "$BIN" in /*) ;; *) BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN") ;; esac
[ -x "$BIN" ] || { echo "precision.sh: $BIN is not an executable (cargo build --release?)" >&2; exit 2; }
if [ -n "$CONFIG" ]; then
  CONFIG=$(cd "$(dirname "$CONFIG")" && pwd)/$(basename "$CONFIG")
fi
if [ -n "$OUT" ]; then
  mkdir -p "$OUT"
  OUT=$(cd "$OUT" && pwd)
  case "$OUT/" in "$CORPUS"/*) echo "precision.sh: -o $OUT is inside the corpus; it would be linted as a repository next time" >&2; exit 2 ;; esac
fi
command -v python3 >/dev/null || { echo "precision.sh: python3 is required" >&2; exit 2; }

RAW=$(mktemp -d "${TMPDIR:-/tmp}/lblint-precision.XXXXXX")
trap 'rm -rf "$RAW"' EXIT

now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
T0=$(now)
n=0
for dir in "$CORPUS"/*/; do
  repo=$(basename "$dir")
  n=$((n + 1))
  cmd=("$BIN" check --format json --fail-on never)
  [ -n "$CONFIG" ] && cmd+=(--config "$CONFIG")
  t=$(now)
  rc=0
  (cd "$dir" && "${cmd[@]}" .) >"$RAW/$repo.json" 2>"$RAW/$repo.stderr" || rc=$?
  echo "$rc" >"$RAW/$repo.rc"
  printf '%-60s exit %s  %6ss\n' "$repo" "$rc" "$(elapsed "$t" "$(now)")" >&2
done
T1=$(now)
printf 'precision.sh: %d repositories in %ss wall clock (%s)\n' "$n" "$(elapsed "$T0" "$T1")" "$("$BIN" --version)" >&2

REPORT_DIR=${OUT:-$RAW/out}
mkdir -p "$REPORT_DIR"
python3 - "$RAW" "$REPORT_DIR" "$BIN" <<'PY'
import json, os, sys
from collections import Counter, defaultdict

raw, out, binary = sys.argv[1], sys.argv[2], sys.argv[3]
repos = sorted(f[:-3] for f in os.listdir(raw) if f.endswith(".rc"))

def clean(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")

by_rule = Counter()
by_repo = defaultdict(Counter)
findings, problems = [], []
files = modules = 0
for repo in repos:
    rc = open(os.path.join(raw, repo + ".rc")).read().strip()
    stderr = open(os.path.join(raw, repo + ".stderr"), errors="replace").read()
    text = open(os.path.join(raw, repo + ".json"), errors="replace").read()
    try:
        doc = json.loads(text)
        diags = doc["diagnostics"]
        summ = doc.get("summary", {})
    except (ValueError, KeyError, TypeError) as e:
        problems.append(f"{repo}\texit {rc}\toutput is not lblint's JSON ({e}); first bytes: {clean(text[:200])}")
        diags, summ = [], {}
    if rc != "0" or stderr.strip():
        problems.append(f"{repo}\texit {rc}\tstderr: {clean(stderr.strip()) or '(empty)'}")
    files += summ.get("files", 0)
    modules += summ.get("modules", 0)
    by_repo[repo]["files"] = summ.get("files", 0)
    by_repo[repo]["modules"] = summ.get("modules", 0)
    for d in diags:
        sev, code = d.get("severity", "?"), d.get("code", "?")
        by_rule[(code, sev)] += 1
        by_repo[repo][sev] += 1
        if sev in ("error", "warning"):
            s = d.get("start", {})
            findings.append(f"{repo}\t{d.get('file')}:{s.get('line')}:{s.get('column')}\t{sev}\t{code}\t{clean(d.get('message', ''))}")

findings.sort()
problems.sort()

summary = []
summary.append(f"corpus: {len(repos)} repositories, {files} files, {modules} modules")
summary.append("")
summary.append(f"{'code':<8} {'severity':<8} {'count':>6}")
for (code, sev), c in sorted(by_rule.items()):
    summary.append(f"{code:<8} {sev:<8} {c:>6}")
tot = Counter()
for (code, sev), c in by_rule.items():
    tot[sev] += c
summary.append(f"{'total':<8} {'error':<8} {tot['error']:>6}")
summary.append(f"{'total':<8} {'warning':<8} {tot['warning']:>6}")
summary.append(f"{'total':<8} {'info':<8} {tot['info']:>6}")
summary.append("")
summary.append(f"{'repository':<62} {'files':>6} {'modules':>7} {'errors':>6} {'warnings':>8} {'infos':>6}")
for repo in repos:
    r = by_repo[repo]
    summary.append(f"{repo:<62} {r['files']:>6} {r['modules']:>7} {r['error']:>6} {r['warning']:>8} {r['info']:>6}")

def write(name, lines):
    with open(os.path.join(out, name), "w") as f:
        f.write("\n".join(lines) + ("\n" if lines else ""))

write("summary.txt", summary)
write("findings.tsv", findings)
write("problems.txt", problems)
report = ["# summary", *summary, "", f"# findings: errors and warnings ({len(findings)})", *findings,
          "", f"# problems ({len(problems)})", *(problems or ["none"])]
write("report.txt", report)
PY

if [ -n "$OUT" ]; then
  mkdir -p "$OUT/raw"
  cp "$RAW"/*.json "$RAW"/*.stderr "$RAW"/*.rc "$OUT/raw/" 2>/dev/null || true
  echo "precision.sh: report in $OUT/report.txt" >&2
else
  cat "$REPORT_DIR/report.txt"
fi
