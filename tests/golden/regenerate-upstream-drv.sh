#!/usr/bin/env bash
# Records, with real Nix 2.8, the .drv paths of upstream nix-processmgmt's example processes
# (../shared/upstream/nix-processmgmt) for every backend, evaluated against the pure-Nix stand-in
# <nixpkgs> in tests/src/test/resources/upstream-drv/nixpkgs; UpstreamDrvTest compares ours.
#
#   tests/golden/regenerate-upstream-drv.sh
#
# Each line of upstream-drv/expected.txt: FILE BACKEND ATTRIBUTE RESULT, where ATTRIBUTE is a
# process (its pkg) or "env" (the backend's build-BACKEND-env.nix), and RESULT the .drv path or
# the first line of the error.
set -u -o pipefail

here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data=$here/../src/test/resources/upstream-drv
upstream=$(cd -P "$here/../../../shared/upstream/nix-processmgmt" 2>/dev/null && pwd) \
    || { echo "regenerate-upstream-drv.sh: no ../shared/upstream/nix-processmgmt" >&2; exit 2; }
version=$(nix-instantiate --version 2>/dev/null) || { echo "regenerate-upstream-drv.sh: nix-instantiate not found" >&2; exit 2; }
case $version in
    "nix-instantiate (Nix) 2.8."*) ;;
    *) echo "regenerate-upstream-drv.sh: need Nix 2.8.x, found: $version" >&2; exit 2 ;;
esac

backends="sysvinit systemd supervisord docker s6-rc launchd bsdrc cygrunsrv disnix"
cases="webapps-sysvinit/processes.nix:sysvinit webapps-sysvinit/processes-advanced.nix:sysvinit"
for f in webapps-agnostic/processes.nix webapps-agnostic/processes-advanced.nix services-agnostic/processes.nix; do
    for b in $backends; do cases="$cases $f:$b"; done
done

# The environment UpstreamDrvTest gives nixproc: read-only evaluation, nothing else configured.
eval_one() {
    env -i PATH="$PATH" HOME=/fake-home NIX_PATH="nixpkgs=$data/nixpkgs" NIX_STORE_DIR=/nix/store \
        NIX_STATE_DIR=/tmp/nixproc-golden-nix-state NIX_CONF_DIR=/tmp/nixproc-golden-nix-conf \
        NIX_USER_CONF_FILES=/dev/null NIX_REMOTE=dummy:// \
        nix-instantiate --eval "$@" "$data/drv-paths.nix" --argstr upstream "$upstream"
}

result() {
    local out
    if out=$(eval_one "$@" 2>"$tmp"); then
        printf '%s' "$out" | tr -d '"'
    else
        grep -m1 '^error: ' "$tmp"
    fi
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
out=$data/expected.txt
: >"$out"
for c in $cases; do
    file=${c%%:*} backend=${c##*:}
    names=$(eval_one --strict --argstr file "$file" --argstr backend "$backend" -A names 2>/dev/null | tr -d '[]"')
    for n in $names env; do
        attr=$n.pkg.drvPath
        [[ $n == env ]] && attr=env.drvPath
        echo "$file $backend $n $(result --argstr file "$file" --argstr backend "$backend" -A "$attr")" >>"$out"
    done
done
echo "regenerate-upstream-drv.sh: $(wc -l <"$out") results in $out" >&2
