#!/usr/bin/env bash
# Regenerate the expected outputs of the store golden cases (tests/src/test/resources/golden/store)
# with real Nix 2.8: for each NAME.nix, what `nix-instantiate NAME.nix` prints and the bytes of
# every .drv file in the closure, with the store at the fixed directory /tmp/nixproc-golden-store
# (the store directory is part of every hash, so the test uses the same one).
#
#   tests/golden/regenerate-store.sh [NAME...]
set -u -o pipefail
here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cases=$here/../src/test/resources/golden/store
store=/tmp/nixproc-golden-store
state=/tmp/nixproc-golden-nixstate
version=$(nix-instantiate --version 2>/dev/null) || { echo "regenerate-store.sh: nix-instantiate not found" >&2; exit 2; }
case $version in
    "nix-instantiate (Nix) 2.8."*) ;;
    *) echo "regenerate-store.sh: need Nix 2.8.x, found: $version" >&2; exit 2 ;;
esac
cd "$cases" || exit 2
rm -rf "$store" "$state"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for f in *.nix; do [ "$f" = common.nix ] || names+=("${f%.nix}"); done
fi
status=0
for name in "${names[@]}"; do
    out=$(env -i PATH="$PATH" HOME=/fake-home NIX_STORE_DIR="$store" NIX_STATE_DIR="$state" NIX_PATH= \
        NIX_CONF_DIR=/nonexistent NIX_USER_CONF_FILES=/dev/null \
        nix-instantiate "./$name.nix" 2>/dev/null) || { echo "FAIL $name" >&2; status=1; continue; }
    {
        printf '%s\n' "$out"
        drvs=$(printf '%s\n' "$out" | sed 's/!.*//')
        # shellcheck disable=SC2086
        for p in $(NIX_STORE_DIR="$store" NIX_STATE_DIR="$state" nix-store -qR $drvs | sort); do
            case $p in
                *.drv) printf '=== %s\n%s\n' "$p" "$(cat "$p")" ;;
                *) printf '=== %s\n' "$p" ;;
            esac
        done
    } > "$name.exp"
done
rm -rf "$store" "$state"
exit $status
