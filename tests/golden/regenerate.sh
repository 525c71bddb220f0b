#!/usr/bin/env bash
# Regenerate the expected outputs of the golden Nix language corpus
# (tests/src/test/resources/golden/lang) with real Nix 2.8.
#
#   tests/golden/regenerate.sh            # all cases
#   tests/golden/regenerate.sh NAME...    # only these cases (eval-okay-foo ...)
#
# See tests/golden/README.md for the layout and the rules.
set -u -o pipefail
shopt -s nullglob

here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lang=$here/../src/test/resources/golden/lang
cd "$lang" || { echo "regenerate.sh: no directory $lang" >&2; exit 2; }
lang_phys=$(pwd -P)
lang_logical=$(pwd -L)

version=$(nix-instantiate --version 2>/dev/null) || { echo "regenerate.sh: nix-instantiate not found" >&2; exit 2; }
case $version in
    "nix-instantiate (Nix) 2.8."*) ;;
    *) echo "regenerate.sh: need Nix 2.8.x, found: $version" >&2; exit 2 ;;
esac

# Fixed environment for every case. Relative NIX_PATH entries are resolved
# against the current directory, which is the lang directory.
run_env=(env -i
    PATH="$PATH"
    HOME=/fake-home
    LC_ALL=C
    TEST_VAR=foo
    NIX_PATH=dir3:dir4:nixpkgs=dir3/nixpkgs-fake
    NIX_REMOTE=dummy://
    NIX_STORE_DIR=/nix/store
    NIX_STATE_DIR=/tmp/nixproc-golden-nix-state
    NIX_CONF_DIR=/tmp/nixproc-golden-nix-conf
    NIX_USER_CONF_FILES=/dev/null
    XDG_CONFIG_HOME=/fake-home/.config
    XDG_CACHE_HOME=/tmp/nixproc-golden-nix-cache
)

# Replace the absolute path of the lang directory with /pwd.
scrub() {
    local s
    s=$(cat; printf x)
    s=${s%x}
    s=${s//"$lang_phys"//pwd}
    [[ $lang_logical != "$lang_phys" ]] && s=${s//"$lang_logical"//pwd}
    printf '%s' "$s"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bad=()
count=0

regen_one() {
    local name=$1 file=$1.nix
    local -a mode=(--eval --strict) extra=()
    local want_rc
    case $name in
        eval-okay-*) want_rc=0 ;;
        eval-lazy-*) want_rc=0; mode=(--eval) ;;
        eval-fail-*|parse-fail-*) want_rc=1 ;;
        *) return ;;
    esac
    if [[ -f $name.flags ]]; then
        # The flags file holds one line of shell words (quotes allowed).
        eval "extra=($(<"$name.flags"))"
    fi
    local rc=0
    "${run_env[@]}" timeout 60 nix-instantiate "${mode[@]}" "${extra[@]}" "./$file" \
        >"$tmp/out" 2>"$tmp/err" </dev/null || rc=$?
    count=$((count + 1))
    if [[ $rc != "$want_rc" ]]; then
        bad+=("$name (exit $rc, want $want_rc)")
        echo "== $name: exit $rc" >&2
        head -c 2000 "$tmp/err" >&2
        return
    fi
    case $name in
        eval-okay-*|eval-lazy-*)
            scrub <"$tmp/out" >"$name.exp"
            # Warnings and trace output of okay cases, kept only when non-empty.
            if [[ -s $tmp/err ]]; then
                scrub <"$tmp/err" >"$name.err.exp"
            else
                rm -f "$name.err.exp"
            fi
            ;;
        *)
            scrub <"$tmp/err" >"$name.err.exp"
            rm -f "$name.exp"
            ;;
    esac
}

if (($#)); then
    for n in "$@"; do n=${n%.nix}; n=${n##*/}; regen_one "$n"; done
else
    for f in eval-okay-*.nix eval-lazy-*.nix eval-fail-*.nix parse-fail-*.nix; do
        regen_one "${f%.nix}"
    done
    # Drop expected files whose case no longer exists.
    for f in *.exp; do
        base=${f%.exp}; base=${base%.err}
        [[ -f $base.nix ]] || { echo "removing stale $f" >&2; rm -f "$f"; }
    done
fi

echo "regenerate.sh: $count cases run, ${#bad[@]} with an unexpected exit code" >&2
if ((${#bad[@]})); then
    printf '  %s\n' "${bad[@]}" >&2
    exit 1
fi
