# Helpers of the post's command sequences (sourced): each step is printed, and a failing command
# ends the run.
set -euo pipefail
step() { echo "== $*"; }
# get HOST PORT EXPECTED: the response body of http://localhost:PORT/ for HOST contains EXPECTED
# (retried for up to 15 s: a node process needs a moment to listen, nginx answers 502 meanwhile).
get() {
    local body=
    for _ in $(seq 1 75); do
        body=$(curl -s -H "Host: $1" "http://localhost:$2/" || true)
        case "$body" in *"$3"*) echo "$1:$2 says: $body"; return 0 ;; esac
        sleep 0.2
    done
    echo "error: $1:$2 answered '$body', not '$3'" >&2
    return 1
}
