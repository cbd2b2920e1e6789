#!/usr/bin/env bash
# Whole-process benchmark: lblint against the tools users would pick instead, on the same
# synthetic Terraform monorepos (examples/gen_corpus.rs, seed 1).
#
#   scripts/bench.sh                 small (10 files) and medium (~1,000 files, 5 MB) corpora
#   scripts/bench.sh --large         also the large corpus (~20,000 files, 100 MB): lblint and
#                                    hcl2json; add --checkov-large for checkov on it (~40 min)
#   scripts/bench.sh --no-peers      lblint only (quick re-run after a change)
#   scripts/bench.sh --baseline REV  also lblint built from git revision REV (e.g. a commit
#                                    before a change), as rows "lblint @REV"
#
# Options: --runs N (lblint runs per corpus, median taken; 5), --peer-runs N (3: checkov runs
# on small, hcl2json runs on small and medium; other peer runs are single), --seed N (1),
# --out FILE (also write the Markdown report there).
#
# Peers, installed on first use into a directory under /tmp that later runs reuse
# ($LBLINT_BENCH_TOOLS, /tmp/lblint-bench-tools; --fresh-tools reinstalls):
#   checkov (PyPI, in a virtualenv):  checkov -d DIR --framework terraform --quiet --compact
#                                     and the same with --check CKV_GCP_29 (one GCP check)
#   @cdktf/hcl2json (npm):            HashiCorp's HCL parser (Go, as WebAssembly); a small node
#                                     script calls parse(filename, contents) on each file
# Each run is measured with /usr/bin/time (wall, user+sys CPU, max RSS); the table shows the
# median of each over the runs. The 10-file module's process start-to-exit time is also
# measured with hyperfine (20 runs, 3 warm-up).
# Corpora and logs go to $LBLINT_BENCH_DIR (/tmp/lblint-bench).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${LBLINT_BENCH_DIR:-/tmp/lblint-bench}
TOOLS=${LBLINT_BENCH_TOOLS:-/tmp/lblint-bench-tools}
LARGE=0
CHECKOV_LARGE=0
PEERS=1
RUNS=5
PEER_RUNS=3
SEED=1
OUT=""
FRESH=0
BASELINE=""
CHECKOV_CHECK=CKV_GCP_29

while [ $# -gt 0 ]; do
  case "$1" in
    --large) LARGE=1 ;;
    --checkov-large) CHECKOV_LARGE=1 ;;
    --no-peers) PEERS=0 ;;
    --runs) RUNS=$2; shift ;;
    --peer-runs) PEER_RUNS=$2; shift ;;
    --seed) SEED=$2; shift ;;
    --out) OUT=$2; shift ;;
    --fresh-tools) FRESH=1 ;;
    --baseline) BASELINE=$2; shift ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^#//; s/^ //'; exit 0 ;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

say() { echo "bench.sh: $*" >&2; }

# --- prerequisites -------------------------------------------------------------------------
need_apt=()
[ -x /usr/bin/time ] || need_apt+=(time)
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]} with apt-get"
  apt-get update -qq >/dev/null && apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

say "building lblint and the corpus generator (release)"
(cd "$ROOT" && cargo build --release --quiet --bin lblint --example gen_corpus)
# What was built: the commit, and whether the work tree differed from it.
REV=$(cd "$ROOT" && git rev-parse --short HEAD)
if [ -n "$(cd "$ROOT" && git status --porcelain -- src Cargo.toml Cargo.lock)" ]; then
  REV="$REV+uncommitted changes"
fi
LBLINT=$ROOT/target/release/lblint
GEN=$ROOT/target/release/examples/gen_corpus
if [ -n "$BASELINE" ]; then
  BASE_REV=$(cd "$ROOT" && git rev-parse --short "$BASELINE")
  say "building lblint @$BASE_REV (release) in $WORK/baseline"
  rm -rf "$WORK/baseline/src" && mkdir -p "$WORK/baseline/src"
  (cd "$ROOT" && git archive "$BASE_REV") | tar -x -C "$WORK/baseline/src"
  (cd "$WORK/baseline/src" && CARGO_TARGET_DIR=$WORK/baseline/target cargo build --release --quiet --bin lblint)
  BASE_LBLINT=$WORK/baseline/target/release/lblint
fi

mkdir -p "$WORK"
CORPORA=(small medium)
[ $LARGE = 1 ] && CORPORA+=(large)
for c in "${CORPORA[@]}"; do
  rm -rf "${WORK:?}/$c"
  "$GEN" --seed "$SEED" --size "$c" --out "$WORK/$c" >&2
done

if [ $PEERS = 1 ]; then
  [ $FRESH = 1 ] && rm -rf "${TOOLS:?}"
  mkdir -p "$TOOLS"
  if [ ! -x "$TOOLS/venv/bin/checkov" ]; then
    say "installing checkov from PyPI into $TOOLS/venv"
    python3 -m venv "$TOOLS/venv"
    "$TOOLS/venv/bin/pip" install -q checkov
  fi
  if [ ! -d "$TOOLS/npm/node_modules/@cdktf/hcl2json" ]; then
    say "installing @cdktf/hcl2json from npm into $TOOLS/npm"
    mkdir -p "$TOOLS/npm"
    (cd "$TOOLS/npm" && npm init -y >/dev/null && npm install --silent @cdktf/hcl2json >/dev/null)
  fi
  cat >"$TOOLS/npm/parse-all.js" <<'EOF'
// Parses every .tf and .tfvars file under a directory with @cdktf/hcl2json's parse().
const fs = require("fs");
const path = require("path");
const { parse } = require("@cdktf/hcl2json");

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith(".")) walk(p, out);
    } else if (e.name.endsWith(".tf") || e.name.endsWith(".tfvars")) {
      out.push(p);
    }
  }
  return out;
}

(async () => {
  const files = walk(process.argv[2], []);
  let failed = 0;
  for (const f of files) {
    try {
      await parse(f, fs.readFileSync(f, "utf8"));
    } catch (e) {
      failed++;
      if (failed <= 3) console.error(`${f}: ${e}`);
    }
  }
  console.error(`hcl2json: ${files.length} files, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
EOF
  CHECKOV_VERSION=$("$TOOLS/venv/bin/checkov" --version 2>/dev/null)
  HCL2JSON_VERSION=$(node -p "require('$TOOLS/npm/node_modules/@cdktf/hcl2json/package.json').version")
  # No calls home: no guideline download, no update check.
  export BC_SKIP_MAPPING=TRUE CKV_SKIP_PACKAGE_UPDATE_CHECK=TRUE
fi

# --- measuring -------------------------------------------------------------------------------
# The machine may be shared (other builds and tests): before each run, wait for a quiet second
# (at most 10 % of all cores busy; at most $LBLINT_BENCH_QUIET_WAIT = 900 s of waiting in all),
# and record the CPU time that others used during the run, to show how noisy a number is.
NPROC=$(nproc)
HZ=$(getconf CLK_TCK)
QUIET_BUDGET=${LBLINT_BENCH_QUIET_WAIT:-900}  # seconds of waiting for the whole script
busy_jiffies() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
wait_quiet() {
  local b0 b1
  while ((QUIET_BUDGET > 0)); do
    b0=$(busy_jiffies)
    sleep 1
    b1=$(busy_jiffies)
    if (((b1 - b0) * 10 <= NPROC * HZ)); then return; fi
    QUIET_BUDGET=$((QUIET_BUDGET - 1))
    if ((QUIET_BUDGET == 0)); then
      say "the machine stayed busy; measuring without waiting from now on (see others' CPU s)"
    fi
  done
}

# measure NAME RUNS OK_CODES CMD...: runs CMD RUNS times under /usr/bin/time; appends
# "wall cpu rss_kb others_cpu" per run to $WORK/NAME.times and leaves the last output in
# $WORK/NAME.out.
measure() {
  local name=$1 runs=$2 ok=$3
  shift 3
  : >"$WORK/$name.times"
  for _ in $(seq "$runs"); do
    wait_quiet
    local rc=0 t0 t1 b0 b1
    b0=$(busy_jiffies)
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
    t1=$EPOCHREALTIME
    b1=$(busy_jiffies)
    if [[ " $ok " != *" $rc "* ]]; then
      say "$name exited with $rc; see $WORK/$name.err"
      tail -5 "$WORK/$name.err" >&2
      exit 1
    fi
    # Wall from bash's clock (µs) rather than time's hundredths; CPU and RSS from time's
    # last line (a first line says so when the command exited non-zero).
    awk -v t0="$t0" -v t1="$t1" -v busy=$((b1 - b0)) -v hz="$HZ" '{
      own = $2 + $3; others = busy / hz - own; if (others < 0) others = 0
      printf "%.4f %.2f %s %.2f\n", t1 - t0, own, $4, others }' <(tail -n1 "$WORK/$name.time") \
      >>"$WORK/$name.times"
  done
}

# median COLUMN FILE
median() {
  sort -g -k"$1","$1" "$2" | awk -v c="$1" '{v[NR] = $c} END {
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

corpus_files() { find "$WORK/$1" -type f \( -name '*.tf' -o -name '*.tfvars' \) | wc -l; }
corpus_bytes() {
  find "$WORK/$1" -type f \( -name '*.tf' -o -name '*.tfvars' \) -printf '%s\n' |
    awk '{s += $1} END {print s}'
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
ROWS=()
declare -A LBLINT_WALL
# row TOOL CORPUS NAME RUNS: one table line from $WORK/NAME.times.
row() {
  local tool=$1 corpus=$2 name=$3 runs=$4
  local files bytes wall cpu rss others mb mbs ratio
  files=$(corpus_files "$corpus")
  bytes=$(corpus_bytes "$corpus")
  wall=$(median 1 "$WORK/$name.times")
  cpu=$(median 2 "$WORK/$name.times")
  rss=$(median 3 "$WORK/$name.times")
  others=$(median 4 "$WORK/$name.times")
  mb=$(awk -v b="$bytes" 'BEGIN {printf "%.2f", b / 1e6}')
  mbs=$(awk -v b="$bytes" -v w="$wall" 'BEGIN {if (w > 0) printf "%.1f", b / 1e6 / w; else print "—"}')
  if [ "$tool" = lblint ]; then
    LBLINT_WALL[$corpus]=$wall
    ratio="1"
  else
    ratio=$(awk -v p="$wall" -v l="${LBLINT_WALL[$corpus]}" 'BEGIN {
      r = p / l; if (r >= 10) printf "%.0f×", r; else printf "%.1f×", r }')
  fi
  ROWS+=("| $tool | $corpus | $files | $mb | $wall | $cpu | $(awk -v k="$rss" 'BEGIN {printf "%.0f", k / 1024}') | $mbs | $ratio | $runs | $others |")
}

for c in "${CORPORA[@]}"; do
  say "lblint on $c ($RUNS runs)"
  measure "lblint-$c" "$RUNS" "0" "$LBLINT" check "$WORK/$c" --format json --fail-on never
  row lblint "$c" "lblint-$c" "$RUNS"
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d['diagnostics']))" \
    "$WORK/lblint-$c.out" >"$WORK/lblint-$c.findings"
  if [ -n "$BASELINE" ]; then
    say "lblint @$BASE_REV on $c ($RUNS runs)"
    measure "lblint-base-$c" "$RUNS" "0" "$BASE_LBLINT" check "$WORK/$c" --format json --fail-on never
    row "lblint @$BASE_REV" "$c" "lblint-base-$c" "$RUNS"
  fi
done

if [ $PEERS = 1 ]; then
  for c in "${CORPORA[@]}"; do
    runs=1
    [ "$c" = small ] && runs=$PEER_RUNS
    if [ "$c" != large ] || [ $CHECKOV_LARGE = 1 ]; then
      say "checkov on $c ($runs runs)"
      measure "checkov-$c" "$runs" "0 1" "$TOOLS/venv/bin/checkov" -d "$WORK/$c" \
        --framework terraform --quiet --compact --skip-download
      row "checkov (all Terraform checks)" "$c" "checkov-$c" "$runs"
      say "checkov --check $CHECKOV_CHECK on $c ($runs runs)"
      measure "checkov1-$c" "$runs" "0 1" "$TOOLS/venv/bin/checkov" -d "$WORK/$c" \
        --framework terraform --quiet --compact --skip-download --check "$CHECKOV_CHECK"
      row "checkov --check $CHECKOV_CHECK" "$c" "checkov1-$c" "$runs"
    fi
    [ "$c" = large ] || runs=$PEER_RUNS
    say "hcl2json on $c ($runs runs)"
    measure "hcl2json-$c" "$runs" "0" env NODE_PATH="$TOOLS/npm/node_modules" \
      node "$TOOLS/npm/parse-all.js" "$WORK/$c"
    row "@cdktf/hcl2json (parse only)" "$c" "hcl2json-$c" "$runs"
  done
fi

say "lblint on the 10-file module, process start to exit (hyperfine, 20 runs)"
wait_quiet
hyperfine --warmup 3 --runs 20 -N --export-json "$WORK/hyperfine-small.json" \
  "$LBLINT check $WORK/small --format json --fail-on never" >/dev/null 2>&1 ||
  hyperfine --warmup 3 --runs 20 --export-json "$WORK/hyperfine-small.json" \
    "$LBLINT check $WORK/small --format json --fail-on never" >/dev/null
SMALL_MS=$(python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))['results'][0]
print(f\"median {r['median'] * 1e3:.2f} ms, mean {r['mean'] * 1e3:.2f} ± {r['stddev'] * 1e3:.2f} ms, min {r['min'] * 1e3:.2f} ms, max {r['max'] * 1e3:.2f} ms\")
" "$WORK/hyperfine-small.json")

# --- report ----------------------------------------------------------------------------------
{
  echo "Run on $(date -u +'%Y-%m-%d %H:%M UTC'), lblint built from $REV, corpus seed $SEED."
  echo
  echo "| tool | corpus | files | MB | wall s | CPU s | peak MB | MB/s | peer wall ÷ lblint wall | runs | others' CPU s |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Medians over the runs (each column separately). MB = 10^6 bytes of .tf and .tfvars files;"
  echo "MB/s = MB ÷ wall s; wall s from bash's \$EPOCHREALTIME around /usr/bin/time (so it includes"
  echo "starting time itself, a few ms); CPU s = user + sys and peak MB = max RSS from /usr/bin/time"
  echo "(CPU in hundredths of a second). The start-to-exit line below (hyperfine) is the precise one"
  echo "for the 10-file module. Others' CPU s: CPU time used by other processes on the machine during"
  echo "the run (from /proc/stat); well above 0 means the row was disturbed."
  echo
  echo "- lblint on the 10-file module, process start to exit: $SMALL_MS"
  for c in "${CORPORA[@]}"; do
    echo "- lblint findings on $c: $(cat "$WORK/lblint-$c.findings")"
  done
  if [ $PEERS = 1 ]; then
    echo "- checkov $CHECKOV_VERSION, @cdktf/hcl2json $HCL2JSON_VERSION, node $(node --version), $(python3 --version)"
  fi
  echo "- load average (1, 5, 15 min) at the start of the measurements: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(sed -n 's/^PRETTY_NAME=//p' /etc/os-release | tr -d '"'), $(uname -r)"
} | tee "$WORK/report.md"
[ -n "$OUT" ] && cp "$WORK/report.md" "$OUT"
say "report: $WORK/report.md"
