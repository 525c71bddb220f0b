# nixproc's implementation of the LSB init functions (start_daemon, killproc, pidofproc), the
# status helpers sysvinit scripts use (statusproc, loadproc, evaluate_retval, log_*_msg), in
# POSIX sh. Exit codes follow the LSB: for status 0 running, 1 dead with a PID file left, 3 not
# running, 4 unknown; for actions 0 success, 1 generic failure, 2 invalid arguments, 5 program
# not installed, 7 program not running. PID files whose process is gone are removed.
#
# NIXPROC_RUNTIME_DIR (set above by init-functions.nix) holds the default PID files
# (NAME.pid for an executable NAME). NIXPROC_KILL_DELAY: seconds killproc waits after TERM
# before sending KILL (default 5).

: "${NIXPROC_RUNTIME_DIR:=/var/run}"
: "${NIXPROC_KILL_DELAY:=5}"

# ---- messages

_nixproc_status() {
    # $1: OK, FAIL or WARN; colours only on a terminal
    if [ -t 1 ] && [ "${TERM:-dumb}" != dumb ]; then
        case "$1" in
            OK) printf ' \033[1;32m%s\033[0m\n' "$1" ;;
            FAIL) printf ' \033[1;31m%s\033[0m\n' "$1" ;;
            *) printf ' \033[1;33m%s\033[0m\n' "$1" ;;
        esac
    else
        printf ' %s\n' "$1"
    fi
}

# Prints a message without ending the line: evaluate_retval (or log_*_msg2) ends it.
log_info_msg() {
    printf '%s' "$*"
}

log_success_msg() {
    printf '%s' "$*"
    _nixproc_status OK
}

log_failure_msg() {
    printf '%s' "$*"
    _nixproc_status FAIL
}

log_warning_msg() {
    printf '%s' "$*"
    _nixproc_status WARN
}

log_success_msg2() {
    _nixproc_status OK
}

log_failure_msg2() {
    _nixproc_status FAIL
}

log_warning_msg2() {
    _nixproc_status WARN
}

# Ends the line of log_info_msg with OK or FAIL, after the exit status of the previous command,
# and returns that status.
evaluate_retval() {
    _nixproc_rc=$?
    if [ "$_nixproc_rc" -eq 0 ]; then
        _nixproc_status OK
    else
        _nixproc_status FAIL
    fi
    return "$_nixproc_rc"
}

# ---- processes

_nixproc_alive() {
    case "$1" in
        ''|*[!0-9]*) return 1 ;;
    esac
    if [ -r "/proc/$1/stat" ]; then
        # A zombie has finished: only its parent's wait is missing.
        _nixproc_stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
        case "${_nixproc_stat##*) }" in
            Z*|X*) return 1 ;;
        esac
        return 0
    fi
    kill -0 "$1" 2>/dev/null
}

_nixproc_default_pidfile() {
    printf '%s/%s.pid' "$NIXPROC_RUNTIME_DIR" "$(basename "$1")"
}

# pidofproc [-p PIDFILE] PATHNAME: prints the PIDs of the program; exit status as for status.
# Without -p: the default PID file if there is one, else the process table (pidof).
pidofproc() {
    _nixproc_pidfile=
    _nixproc_explicit=
    while [ $# -gt 0 ]; do
        case "$1" in
            -p) _nixproc_pidfile="$2"; _nixproc_explicit=1; shift 2 ;;
            --) shift; break ;;
            *) break ;;
        esac
    done
    if [ $# -lt 1 ]; then
        echo "pidofproc: no program given" >&2
        return 4
    fi
    [ -n "$_nixproc_pidfile" ] || _nixproc_pidfile=$(_nixproc_default_pidfile "$1")
    if [ -f "$_nixproc_pidfile" ]; then
        _nixproc_pids=
        for _nixproc_pid in $(cat "$_nixproc_pidfile" 2>/dev/null); do
            if _nixproc_alive "$_nixproc_pid"; then
                _nixproc_pids="$_nixproc_pids $_nixproc_pid"
            fi
        done
        if [ -n "$_nixproc_pids" ]; then
            echo $_nixproc_pids
            return 0
        fi
        return 1
    fi
    if [ -z "$_nixproc_explicit" ] && command -v pidof >/dev/null 2>&1; then
        _nixproc_pids=$(pidof -x "$1" 2>/dev/null || pidof -x "$(basename "$1")" 2>/dev/null)
        if [ -n "$_nixproc_pids" ]; then
            echo $_nixproc_pids
            return 0
        fi
    fi
    return 3
}

# statusproc [-p PIDFILE] PATHNAME: says whether the program runs; exit status as pidofproc's.
statusproc() {
    _nixproc_sp_pidfile=
    if [ "$1" = -p ]; then
        _nixproc_sp_pidfile="$2"
    fi
    _nixproc_sp_pids=$(pidofproc "$@")
    _nixproc_sp_rc=$?
    [ "$1" = -p ] && shift 2
    _nixproc_sp_name=$(basename "$1")
    [ -n "$_nixproc_sp_pidfile" ] || _nixproc_sp_pidfile=$(_nixproc_default_pidfile "$1")
    case "$_nixproc_sp_rc" in
        0) echo "$_nixproc_sp_name is running with Process ID(s) $_nixproc_sp_pids." ;;
        1) echo "$_nixproc_sp_name is not running but $_nixproc_sp_pidfile exists." ;;
        *) echo "$_nixproc_sp_name is not running." ;;
    esac
    return "$_nixproc_sp_rc"
}

# start_daemon [-f] [-n NICE] [-p PIDFILE] PATHNAME [ARGS...]: starts the program unless it is
# already running (-f: start it anyway); a stale PID file is removed first.
start_daemon() {
    _nixproc_sd_force=
    _nixproc_sd_nice=
    _nixproc_sd_pidfile=
    while [ $# -gt 0 ]; do
        case "$1" in
            -f) _nixproc_sd_force=1; shift ;;
            -n) _nixproc_sd_nice="$2"; shift 2 ;;
            -p) _nixproc_sd_pidfile="$2"; shift 2 ;;
            --) shift; break ;;
            *) break ;;
        esac
    done
    if [ $# -lt 1 ]; then
        echo "start_daemon: no program given" >&2
        return 2
    fi
    if [ ! -x "$1" ] && ! command -v "$1" >/dev/null 2>&1; then
        echo "start_daemon: $1 is not installed" >&2
        return 5
    fi
    if [ -z "$_nixproc_sd_force" ]; then
        if [ -n "$_nixproc_sd_pidfile" ]; then
            pidofproc -p "$_nixproc_sd_pidfile" "$1" >/dev/null
        else
            pidofproc "$1" >/dev/null
        fi
        case $? in
            0) return 0 ;;
            1) rm -f "${_nixproc_sd_pidfile:-$(_nixproc_default_pidfile "$1")}" ;;
        esac
    fi
    if [ -n "$_nixproc_sd_nice" ]; then
        nice -n "$_nixproc_sd_nice" "$@"
    else
        "$@"
    fi
}

# loadproc: another name of start_daemon (Linux From Scratch's).
loadproc() {
    start_daemon "$@"
}

# killproc [-p PIDFILE] PATHNAME [SIGNAL]: with SIGNAL, sends it; without, sends TERM, waits up
# to NIXPROC_KILL_DELAY seconds, then sends KILL, and removes the PID file. Stopping a program
# that does not run succeeds; signalling one gives 7.
killproc() {
    _nixproc_kp_pidfile=
    while [ $# -gt 0 ]; do
        case "$1" in
            -p) _nixproc_kp_pidfile="$2"; shift 2 ;;
            --) shift; break ;;
            *) break ;;
        esac
    done
    if [ $# -lt 1 ]; then
        echo "killproc: no program given" >&2
        return 2
    fi
    _nixproc_kp_signal="${2#-}"
    if [ -n "$_nixproc_kp_pidfile" ]; then
        _nixproc_kp_pids=$(pidofproc -p "$_nixproc_kp_pidfile" "$1")
    else
        _nixproc_kp_pids=$(pidofproc "$1")
    fi
    _nixproc_kp_rc=$?
    [ -n "$_nixproc_kp_pidfile" ] || _nixproc_kp_pidfile=$(_nixproc_default_pidfile "$1")
    if [ "$_nixproc_kp_rc" -ne 0 ]; then
        [ "$_nixproc_kp_rc" -eq 1 ] && rm -f "$_nixproc_kp_pidfile"
        if [ -n "$_nixproc_kp_signal" ]; then
            return 7
        fi
        return 0
    fi
    if [ -n "$_nixproc_kp_signal" ]; then
        kill "-$_nixproc_kp_signal" $_nixproc_kp_pids
        return $?
    fi
    kill -TERM $_nixproc_kp_pids 2>/dev/null
    _nixproc_kp_waited=0
    while :; do
        _nixproc_kp_left=
        for _nixproc_pid in $_nixproc_kp_pids; do
            _nixproc_alive "$_nixproc_pid" && _nixproc_kp_left="$_nixproc_kp_left $_nixproc_pid"
        done
        [ -z "$_nixproc_kp_left" ] && break
        if [ "$_nixproc_kp_waited" -ge $((NIXPROC_KILL_DELAY * 10)) ]; then
            kill -KILL $_nixproc_kp_left 2>/dev/null
            sleep 0.1
            break
        fi
        sleep 0.1
        _nixproc_kp_waited=$((_nixproc_kp_waited + 1))
    done
    rm -f "$_nixproc_kp_pidfile"
    return 0
}
