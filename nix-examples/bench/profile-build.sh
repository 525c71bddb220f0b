#!/usr/bin/env bash
# Benchmark (not a test): nix-build of the profile of a composition of INSTANCES (default 1000)
# web applications behind one nginx — evaluation, every init script and the profile written —
# on a cold store (a fresh NIX_STORE_DIR) and then warm (the same command again, nothing to build).
# The disk's metadata operations are slow and noisy, so the floor is measured in the same run: the
# time to merely create the store's directories, files and symlinks again (fs-floor.py). Most of
# their cost can be the kernel's: ext4 without a journal gives a new inode only after skipping the
# ones freed in the last seconds, or minutes while their block is not yet written back, so creating
# files is slow after a large deletion (the previous run's, another program's) and fast otherwise.
#   nix-examples/bench/profile-build.sh [INSTANCES]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-1000}"
scratch="$(mktemp -d /tmp/nixproc-bench.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
export NIX_STORE_DIR="$scratch/store" NIXPROC_STORE_STATE_DIR="$scratch/state"
[ -f "$root/target/nixproc.jar" ] || (cd "$root" && mvn -q -B -DskipTests install)

build() {
  "$root/bin/nix-build" "$here/profile.nix" --arg instances "$n" --argstr stateDir "$scratch/var" \
    --arg forceDisableUserChange true -o "$scratch/result" >"$scratch/log" 2>&1 || { cat "$scratch/log" >&2; exit 1; }
}
seconds() { local s=$EPOCHREALTIME; "$@"; awk -v a="$s" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }'; }

# Each measurement starts with the disk's earlier writes (say, a previous run's deletions) flushed.
sync
cold=$(seconds build)
scripts=$(ls "$scratch/result/etc/rc.d/init.d" | wc -l)
warm=$(seconds build)
printf 'profile of %s instances: %s init scripts, %s store paths\n' "$n" "$scripts" "$(ls "$NIX_STORE_DIR" | wc -l)"
printf 'cold store (evaluate, build everything): %.2f s\n' "$cold"
printf 'warm store (evaluate, nothing to build):  %.2f s\n' "$warm"
mkdir "$scratch/floor"
sync
printf 'file-system floor (create the same tree):  %s\n' "$(python3 "$here/fs-floor.py" "$NIX_STORE_DIR" "$scratch/floor")"
chmod -R u+w "$scratch"
