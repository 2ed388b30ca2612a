#!/usr/bin/env bash
# Crash-safety torture test for `bulletin index` (issue 5).
#
# Generates a corpus into a temporary directory, then again and again: changes the corpus
# (edits, deletions, new files), starts a real `bulletin index --prune` run, runs a search
# against the index while it is being written, kills the indexer with SIGKILL at a random
# moment, and checks the index with `bulletin check`. Finally it lets one run finish and
# asserts that the index holds exactly one document per file, with the ids of the files,
# and that every file's current unique word finds its document.
#
#   tools/torture.sh            # the long version (`make torture`)
#   tools/torture.sh --quick    # the short version run by `make test` (≥ 20 kills, < 60 s)
#
# Environment: BIN (the bulletin binary; default: `swift build --show-bin-path`/bulletin),
# TORTURE_KILLS, TORTURE_FILES, TORTURE_SEED.
set -euo pipefail

quick=0
[ "${1:-}" = "--quick" ] && quick=1
if [ $quick = 1 ]; then
    kills=${TORTURE_KILLS:-24}; files=${TORTURE_FILES:-300}; edits=30; max_delay_ms=400
else
    kills=${TORTURE_KILLS:-200}; files=${TORTURE_FILES:-2000}; edits=150; max_delay_ms=1500
fi
seed=${TORTURE_SEED:-20251118}
BIN=${BIN:-"$(swift build --show-bin-path)/bulletin"}
[ -x "$BIN" ] || { echo "torture: no bulletin binary at $BIN (build first)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/bulletin-torture.XXXXXX")
trap 'rm -rf "$work"' EXIT
corpus="$work/corpus"
index="$work/index"
RANDOM=$seed
start=$SECONDS

fail() { echo "torture: FAIL: $*" >&2; exit 1; }

# A word made of letters only, unique per file and version: zq<file in base 26>x<version>.
letters=(a b c d e f g h i j k l m n o p q r s t u v w x y z)
word_for() {
    local n=$1 v=$2 w=""
    while :; do w="${letters[$((n % 26))]}$w"; n=$((n / 26)); [ $n = 0 ] && break; done
    echo "zq${w}x${letters[$((v % 26))]}"
}

filler=(
    "В Минске прошло очередное заседание совместной комиссии по военно-техническому сотрудничеству."
    "Стороны обсудили поставки истребителей Су-30МКИ и зенитных ракетных систем С-400."
    "Делегация посетила предприятия оборонно-промышленного комплекса и подписала протокол."
    "Контракт предусматривает модернизацию бронетехники и обучение технического персонала."
    "Учения с участием подразделений ПВО завершились успешно, сообщили в министерстве обороны."
)

declare -a version exists
path_for() { echo "$corpus/$((2015 + $1 % 8))/t$(printf %05d "$1").txt"; }
write_file() {
    local i=$1 p
    p=$(path_for "$i")
    {
        printf ' date %d-05-%02d\nЦАМТО, %d мая. Бюллетень номер %d, слово %s.\n' \
            $((2015 + i % 8)) $((1 + i % 28)) $((1 + i % 28)) "$i" "$(word_for "$i" "${version[$i]}")"
        for _ in 1 2 3 4 5 6; do printf '%s ' "${filler[@]}"; done
        printf '\n'
    } > "$p"
}

for y in $(seq 2015 2022); do mkdir -p "$corpus/$y"; done
total=$files
for ((i = 0; i < total; i++)); do version[$i]=0; exists[$i]=1; write_file $i; done

# Changes files between runs, so that every run has work to be killed in: edits, one
# deletion, new files.
mutate() {
    local j i
    for ((j = 0; j < edits; j++)); do
        i=$((RANDOM % total))
        if [ "${exists[$i]}" = 1 ]; then version[$i]=$((version[$i] + 1)); write_file $i; fi
    done
    i=$((RANDOM % total))
    if [ "${exists[$i]}" = 1 ]; then exists[$i]=0; rm -f "$(path_for $i)"; fi
    for j in 1 2; do
        version[$total]=0; exists[$total]=1; write_file $total; total=$((total + 1))
    done
}

# `bulletin index` exits 3 while the lock of a killed run is still being released.
index_until_unlocked() {
    local rc tries=0
    while :; do
        rc=0
        "$BIN" index "$corpus" --index "$index" --prune --quiet "$@" > "$work/out" 2> "$work/err" || rc=$?
        if [ $rc = 3 ] && grep -q "locked" "$work/err" && [ $tries -lt 50 ]; then
            tries=$((tries + 1)); sleep 0.1; continue
        fi
        return $rc
    done
}

# Running, and not a zombie that has already exited (kill succeeds on those too).
still_running() {
    if [ -r "/proc/$1/stat" ]; then
        local stat
        stat=$(cat "/proc/$1/stat" 2> /dev/null) || return 1
        stat=${stat##*) }
        [ "${stat%% *}" != Z ]
    else
        kill -0 "$1" 2> /dev/null
    fi
}

searches=0
killed=0
runs=0
# Until `kills` runs have really been killed (a run that finished before its kill does not count).
while [ $killed -lt $kills ]; do
    runs=$((runs + 1))
    [ $runs -gt $((kills * 5)) ] && fail "only $killed of $runs runs were still running when killed"
    [ $runs -gt 1 ] && mutate
    "$BIN" index "$corpus" --index "$index" --prune --quiet --commit-every $((5 + RANDOM % 60)) > /dev/null 2>&1 &
    pid=$!
    # Kill anywhere from start-up to well into the run.
    delay=$((RANDOM % max_delay_ms))
    sleep "$((delay / 1000)).$(printf %03d $((delay % 1000)))"
    if [ -f "$index/iamglass" ] && [ $((runs % 2)) = 0 ]; then
        # A search during the write sees the last commit and succeeds.
        rc=0
        "$BIN" search "$(word_for 1 "${version[1]}") OR заседание" --index "$index" --json > /dev/null 2> "$work/search-err" || rc=$?
        [ $rc = 0 ] || fail "search during indexing exited $rc: $(cat "$work/search-err")"
        searches=$((searches + 1))
    fi
    if still_running $pid && kill -KILL $pid 2> /dev/null; then killed=$((killed + 1)); fi
    wait $pid 2> /dev/null || true
    if [ -f "$index/iamglass" ]; then
        "$BIN" check --index "$index" > "$work/check" 2>&1 || fail "check after run $runs: $(cat "$work/check")"
    fi
done

# Let one run finish; then a second must find nothing to do.
index_until_unlocked || fail "final indexing run exited $?: $(cat "$work/err")"
index_until_unlocked || fail "second final run exited $?: $(cat "$work/err")"
grep -q "^indexed 0, updated 0, unchanged [0-9]*, removed 0, failed 0 " "$work/out" \
    || fail "a run after a complete one changed something: $(cat "$work/out")"

expected="$work/expected"
: > "$expected"
words=()
for ((i = 0; i < total; i++)); do
    if [ "${exists[$i]}" = 1 ]; then
        p=$(path_for $i); echo "${p#"$corpus"/}" >> "$expected"
        words+=("$(word_for $i "${version[$i]}")")
    fi
done
sort -o "$expected" "$expected"
count=$(wc -l < "$expected")

"$BIN" check --index "$index" --list-ids > "$work/ids" || fail "final check: $(cat "$work/ids")"
grep -q "ok: $count documents" "$work/ids" || fail "expected $count documents: $(tail -1 "$work/ids")"
sed '$d' "$work/ids" | sort > "$work/ids.sorted"
diff -q "$expected" "$work/ids.sorted" > /dev/null || fail "ids differ from the files: $(diff "$expected" "$work/ids.sorted" | head -5)"

# Every file's current unique word finds exactly its document (in batches of 200 words, under the 256-word query cap;
# --no-collapse: the generated files are near-duplicates of each other).
found="$work/found"
: > "$found"
for ((b = 0; b < ${#words[@]}; b += 200)); do
    query=$(printf '%s OR ' "${words[@]:b:200}")
    "$BIN" search "${query% OR }" --index "$index" --json --no-collapse --limit 1000 > "$work/hits" \
        || fail "search for the unique words exited $?"
    grep -o '"id":"[^"]*"' "$work/hits" | sed 's/^"id":"//; s/"$//' >> "$found"
done
sort -o "$found" "$found"
diff -q "$expected" "$found" > /dev/null || fail "unique words do not find every file: $(diff "$expected" "$found" | head -5)"

echo "torture: ok: $killed SIGKILLs in $runs runs ($searches searches during writes), $count documents, each found by its id and its unique word, in $((SECONDS - start)) s"
