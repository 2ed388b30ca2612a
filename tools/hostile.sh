#!/usr/bin/env bash
# Hostile cases from issue 10 against a built `bulletin` binary: each prints `held` or
# `FAILED`, and the last line says how many held. Exit 1 when any failed.
#   BIN=.build/debug/bulletin bash tools/hostile.sh      (`make hostile`)
set -uo pipefail
BIN=${BIN:-"$(swift build --show-bin-path)/bulletin"}
[ -x "$BIN" ] || { echo "hostile: no bulletin binary at $BIN" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/bulletin-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT
held=0; failed=0
case_() { # name, then a command whose success means the case held
    local name=$1; shift
    if "$@" >"$work/out" 2>&1; then held=$((held + 1)); echo "held    $name"
    else failed=$((failed + 1)); echo "FAILED  $name"; sed 's/^/        /' "$work/out" | head -5; fi
}
code() { "${@:2}" >/dev/null 2>&1; [ $? = "$1" ]; }      # code N cmd… : cmd exits N
mkdir -p "$work/c/2019" "$work/c/2020"
echo "ЦАМТО, 6 мая 2019. В Минске прошло заседание комиссии." > "$work/c/2019/a.txt"
echo "ЦАМТО, 7 мая 2020. Индия получила истребители Су-30МКИ." > "$work/c/2020/b.txt"
ix=$work/ix
"$BIN" index "$work/c" --index "$ix" --quiet >/dev/null

count() { "$BIN" check --index "$1" 2>/dev/null | sed -n 's/.* ok: \([0-9]*\) documents.*/\1/p'; }
# 2: writing into a damaged index is refused
for t in postlist termlist docdata position; do
    cp -r "$ix" "$work/d-$t"; rm "$work/d-$t/$t.glass"
    case_ "index into an index without $t.glass exits 3" code 3 "$BIN" index "$work/c/2019/a.txt" --index "$work/d-$t"
    case_ "check finds $t.glass missing (exit 3)" code 3 "$BIN" check --index "$work/d-$t"
done
# 3: the same file under two roots has one id
"$BIN" index "$work/c/2019" --index "$work/two" --quiet >/dev/null; "$BIN" index "$work/c" --index "$work/two" --quiet >/dev/null
case_ "same file under two roots: 2 documents for 2 files" test "$(count "$work/two")" = 2
# 4: a directory link to / is not walked
mkdir -p "$work/l"; cp "$work/c/2019/a.txt" "$work/l/"; ln -s / "$work/l/root"
case_ "link to / is not walked (dry run lists 1 file)" sh -c "'$BIN' index '$work/l' --index '$work/lx' --dry-run 2>/dev/null | grep -c '^index ' | grep -qx 1"
# 5: prune over an empty root is refused
mkdir -p "$work/empty"; "$BIN" index "$work/empty" "$work/c" --index "$work/p" --quiet >/dev/null 2>&1
case_ "prune of an empty root is refused" sh -c "! '$BIN' index '$work/empty' --prune --index '$ix' >/dev/null 2>&1 && [ \"\$('$BIN' check --index '$ix' | sed -n 's/.* ok: \([0-9]*\) .*/\1/p')\" = 2 ]"
# 6: a feed id equal to a file id does not replace the file
cp -r "$ix" "$work/f6"
echo '{"id":"2019/a.txt","text":"ЦАМТО, 1 мая. Лента."}' > "$work/feed.jsonl"
"$BIN" index --jsonl "$work/feed.jsonl" --index "$work/f6" --quiet >/dev/null
case_ "feed id equal to a file id: both kept (3 documents)" test "$(count "$work/f6")" = 3
# 8, 10: 32-bit conversions
case_ "search --offset 4294967296 exits 2, no crash" code 2 "$BIN" search Минск --offset 4294967296 --index "$ix"
case_ "--max-bytes 4611686018427387903 with a feed does not crash" sh -c "'$BIN' index --jsonl '$work/feed.jsonl' --max-bytes 4611686018427387903 --index '$work/m' >/dev/null 2>&1; [ \$? -lt 128 ]"
# 9: closed or full standard streams
case_ "search AND with stderr closed exits 2" code 2 "$BIN" search AND --index "$ix" 2>&-
case_ "search AND with stderr full exits 2" sh -c "'$BIN' search AND --index '$ix' 2>/dev/full; [ \$? = 2 ]"
case_ "index bad with stderr closed exits < 128" sh -c "'$BIN' index '$work/nope' --index '$work/x9' 2>&-; [ \$? -lt 128 ]"
case_ "search with stdout full exits 1" sh -c "'$BIN' search Минск --index '$ix' >/dev/full 2>/dev/null; [ \$? = 1 ]"
# 12: errors say what they are
mkdir -p "$work/ro"
if mount -t tmpfs -o size=2m tmpfs "$work/ro" 2>/dev/null; then
    cp -r "$ix" "$work/ro/ix"; mount -o remount,ro "$work/ro"
    case_ "index into a read-only mount says read-only (exit 3)" sh -c "'$BIN' index '$work/c' --index '$work/ro/ix' 2>&1 | grep -q 'read-only file system'"
    case_ "check works on a read-only index" code 0 "$BIN" check --index "$work/ro/ix"
    umount "$work/ro"
    mount -t tmpfs -o size=256k tmpfs "$work/ro"
    python3 - "$work/big" <<'PY'
import sys, os, random
os.makedirs(sys.argv[1], exist_ok=True)
random.seed(1)
for i in range(400):
    words = " ".join("".join(random.choice("абвгдежзиклмнопрстуфхцчшщэюя") for _ in range(8)) for _ in range(300))
    open(f"{sys.argv[1]}/f{i}.txt", "w").write(f"ЦАМТО, 1 мая 2020. {words}\n")
PY
    out=$("$BIN" index "$work/big" --index "$work/ro/ix" --commit-every 20 2>&1); rc=$?
    case_ "full disk says disk full, exit 1" sh -c "[ $rc = 1 ] && echo '$out' | grep -q 'disk full'"
    umount "$work/ro"
else
    echo "skipped read-only and full-disk cases (mount not permitted)"
fi
# 15: one clear refusal each
case_ "index /nonexistent exits non-zero and creates no index" sh -c "! '$BIN' index '$work/nonexistent' --index '$work/n15' >/dev/null 2>&1 && [ ! -e '$work/n15/iamglass' ]"
touch "$work/file15"
case_ "--index a regular file: index exits 3" code 3 "$BIN" index "$work/c" --index "$work/file15"
case_ "--index a regular file: search exits 3" code 3 "$BIN" search Минск --index "$work/file15"
case_ "index into a non-empty foreign directory exits 3" code 3 "$BIN" index "$work/c" --index "$work/c/2019"
# 7: SIGHUP is treated like SIGTERM (commits, exits 129)
mkfifo "$work/fifo"
( "$BIN" index --jsonl - --index "$work/h" --quiet < "$work/fifo" >/dev/null 2>&1; echo $? > "$work/h.rc" ) &
exec 7>"$work/fifo"; echo '{"id":"h1","text":"ЦАМТО, 1 мая. Один."}' >&7; sleep 1
kill -HUP $(pgrep -f -n -- "--index $work/h") ; sleep 0.3; echo '{"id":"h2","text":"ЦАМТО, 1 мая. Два."}' >&7; exec 7>&-; wait
case_ "SIGHUP commits and exits 129" sh -c "[ \"\$(cat '$work/h.rc')\" = 129 ] && '$BIN' check --index '$work/h' >/dev/null"
echo "hostile: $held of $((held + failed)) cases held"
[ $failed = 0 ]
