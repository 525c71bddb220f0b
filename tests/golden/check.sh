#!/usr/bin/env bash
# Run the golden Nix language corpus against an evaluator and compare with the expected files.
#
#   tests/golden/check.sh [NAME-PATTERN...]      (default: every case)
#   NIX_CMD=... tests/golden/check.sh            (default: bin/nix-instantiate of this repository)
#
# Prints "FAIL name" with a short diff for each mismatch, then "N passed, M failed".
set -u -o pipefail
shopt -s nullglob
here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lang=$here/../src/test/resources/golden/lang
cmd=${NIX_CMD:-$here/../../bin/nix-instantiate}
cd "$lang" || exit 2
lang_phys=$(pwd -P)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run_env=(env -i PATH="$PATH" HOME=/fake-home LC_ALL=C TEST_VAR=foo
    NIX_PATH=dir3:dir4:nixpkgs=dir3/nixpkgs-fake NIX_REMOTE=dummy:// NIX_STORE_DIR=/nix/store)
pass=0
fail=0
patterns=("$@")
[ ${#patterns[@]} -eq 0 ] && patterns=('*')
for pat in "${patterns[@]}"; do
  for f in $pat.nix; do
    name=${f%.nix}
    mode=(--eval --strict)
    case $name in
      eval-okay-*) want=0; expf=$name.exp ;;
      eval-lazy-*) want=0; expf=$name.exp; mode=(--eval) ;;
      eval-fail-*|parse-fail-*) want=1; expf=$name.err.exp ;;
      *) continue ;;
    esac
    extra=()
    [ -f "$name.flags" ] && eval "extra=($(<"$name.flags"))"
    rc=0
    "${run_env[@]}" timeout 30 $cmd "${mode[@]}" "${extra[@]}" "./$f" >"$tmp/out" 2>"$tmp/err" </dev/null || rc=$?
    if [ $want = 0 ]; then got=$tmp/out; else got=$tmp/err; fi
    sed -i "s#$lang_phys#/pwd#g" "$got"
    if [ $rc = $want ] && cmp -s "$got" "$expf"; then
      pass=$((pass + 1))
    else
      fail=$((fail + 1))
      echo "FAIL $name (exit $rc)"
      diff "$expf" "$got" | head -${DIFF_LINES:-6} | sed 's/^/    /'
    fi
  done
done
echo "$pass passed, $fail failed"
