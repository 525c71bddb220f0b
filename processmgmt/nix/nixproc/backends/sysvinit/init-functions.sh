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
# A reason nixproc_check_started gave is printed after FAIL.
evaluate_retval() {
    _nixproc_rc=$?
    if [ "$_nixproc_rc" -eq 0 ]; then
        _nixproc_status OK
    else
        _nixproc_status FAIL
        [ -n "${_nixproc_why:-}" ] && printf '%s\n' "$_nixproc_why" >&2
    fi
    _nixproc_why=
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

# The program's executable: its path if it is not a link, else nothing (a link into a shared
# executable, such as /usr/sbin/nginx, would also match every other process of that executable).
_nixproc_exe_of() {
    case "$1" in
        */*) [ -f "$1" ] && [ ! -L "$1" ] && [ "$(readlink -f -- "$1")" = "$1" ] && printf '%s\n' "$1" ;;
    esac
    return 0
}

# _nixproc_runs PID PROGRAM EXE: whether PID is alive, not this script, and runs PROGRAM: its
# executable is EXE (when not empty), or PROGRAM is one of its arguments or of the words of its
# first one (a program such as nginx rewrites its title: "nginx: master process PROGRAM ...").
_nixproc_runs() {
    _nixproc_alive "$1" || return 1
    # Never this script, its parent, or a subshell of it (same command line).
    [ "$1" = "$$" ] || [ "$1" = "$PPID" ] && return 1
    cmp -s "/proc/$1/cmdline" "/proc/$$/cmdline" && return 1
    if [ -n "$3" ] && [ "$(readlink "/proc/$1/exe" 2>/dev/null)" = "$3" ]; then
        return 0
    fi
    { tr '\000' '\n' < "/proc/$1/cmdline"; tr '\000' '\n' < "/proc/$1/cmdline" | head -n 1 | tr ' ' '\n'; } 2>/dev/null \
        | grep -Fqx -e "$2"
}

# _nixproc_candidates PROGRAM EXE: the PIDs that may run PROGRAM (verified by _nixproc_runs), found
# in one pass over the process table.
_nixproc_candidates() {
    {
        [ -n "$2" ] && ls -l /proc/[0-9]*/exe 2>/dev/null | awk -v exe="$2" '{
            i = index($0, " -> ")
            if (i && substr($0, i + 4) == exe) { split(substr($0, 1, i - 1), a, "/proc/"); split(a[2], b, "/"); print b[1] }
        }'
        grep -lF -e "$1" /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3
    } | sort -un
}

# The PIDs among those in file $1 that run program $2.
_nixproc_pids_from() {
    _nixproc_exe=$(_nixproc_exe_of "$2")
    for _nixproc_pid in $(cat "$1" 2>/dev/null); do
        _nixproc_runs "$_nixproc_pid" "$2" "$_nixproc_exe" && printf '%s\n' "$_nixproc_pid"
    done
}

# pidofproc [-p PIDFILE] PATHNAME: prints the PIDs of the program; exit status as for status.
# Without -p: the default PID file if there is one, else the processes running the program.
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
        _nixproc_pids=$(_nixproc_pids_from "$_nixproc_pidfile" "$1")
        if [ -n "$_nixproc_pids" ]; then
            echo $_nixproc_pids
            return 0
        fi
        return 1
    fi
    if [ -z "$_nixproc_explicit" ]; then
        _nixproc_exe=$(_nixproc_exe_of "$1")
        _nixproc_pids=
        for _nixproc_pid in $(_nixproc_candidates "$1" "$_nixproc_exe"); do
            _nixproc_runs "$_nixproc_pid" "$1" "$_nixproc_exe" && _nixproc_pids="$_nixproc_pids $_nixproc_pid"
        done
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

# start_daemon [-f] [-n NICE] [-p PIDFILE] [-u USER] PATHNAME [ARGS...]: starts the program
# unless it is already running (-f: start it anyway), with a clean environment
# (nixproc_clean_exec), as USER when given; a stale PID file is removed first.
start_daemon() {
    _nixproc_sd_force=
    _nixproc_sd_nice=
    _nixproc_sd_pidfile=
    _nixproc_sd_user=
    while [ $# -gt 0 ]; do
        case "$1" in
            -f) _nixproc_sd_force=1; shift ;;
            -n) _nixproc_sd_nice="$2"; shift 2 ;;
            -p) _nixproc_sd_pidfile="$2"; shift 2 ;;
            -u) _nixproc_sd_user="$2"; shift 2 ;;
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
    if [ -n "$_nixproc_sd_user" ]; then
        nixproc_check_user "$_nixproc_sd_user" || return 1
        set -- setpriv --reuid="$_nixproc_sd_user" --regid="$(id -g -- "$_nixproc_sd_user")" --init-groups -- "$@"
    fi
    if [ -n "$_nixproc_sd_nice" ]; then
        set -- nice -n "$_nixproc_sd_nice" "$@"
    fi
    nixproc_clean_exec "$@"
}

# nixproc_clean_exec COMMAND [ARGS...]: runs the command with only PATH and the variables that
# NIXPROC_ENV names (the process's declared environment), as init systems start services.
nixproc_clean_exec() {
    (
        for _nixproc_name in $NIXPROC_ENV PATH; do
            eval "set -- \"\$_nixproc_name=\${$_nixproc_name-}\" \"\$@\""
        done
        exec env -i "$@"
    )
}

# nixproc_check_user USER: whether the user exists; says what to do if not.
nixproc_check_user() {
    if ! id -u -- "$1" >/dev/null 2>&1; then
        _nixproc_why="user '$1' does not exist: deploy with rcswitch as root, which creates the users the package declares (dysnomia-support/users), or create it first"
        return 1
    fi
}

# nixproc_check_started [-p PIDFILE] [-l LOG] [-t SECONDS] PATHNAME: after SECONDS (default 1),
# whether the program still runs; if not, the reason (with the log's last lines) is given to
# evaluate_retval, and the status is 7 (program is not running).
nixproc_check_started() {
    _nixproc_cs_pidfile=
    _nixproc_cs_log=
    _nixproc_cs_delay=1
    while [ $# -gt 0 ]; do
        case "$1" in
            -p) _nixproc_cs_pidfile="$2"; shift 2 ;;
            -l) _nixproc_cs_log="$2"; shift 2 ;;
            -t) _nixproc_cs_delay="$2"; shift 2 ;;
            --) shift; break ;;
            *) break ;;
        esac
    done
    sleep "$_nixproc_cs_delay"
    if [ -n "$_nixproc_cs_pidfile" ]; then
        pidofproc -p "$_nixproc_cs_pidfile" "$1" >/dev/null && return 0
    else
        pidofproc "$1" >/dev/null && return 0
    fi
    _nixproc_why="$(basename "$1") is not running $_nixproc_cs_delay s after start"
    if [ -n "$_nixproc_cs_log" ] && [ -s "$_nixproc_cs_log" ]; then
        _nixproc_why="$_nixproc_why; last lines of $_nixproc_cs_log:
$(tail -n 10 "$_nixproc_cs_log" | sed 's/^/  /')"
    elif [ -n "$_nixproc_cs_log" ]; then
        _nixproc_why="$_nixproc_why; its log $_nixproc_cs_log is empty"
    fi
    return 7
}

# loadproc: another name of start_daemon (Linux From Scratch's).
loadproc() {
    start_daemon "$@"
}

# The PIDs of the descendants of the given processes.
_nixproc_descendants() {
    cat /proc/[0-9]*/stat 2>/dev/null | awk -v roots="$*" '
        { s = $0; sub(/.*\) /, "", s); split(s, f, " "); parent[$1] = f[2] }
        END {
            n = split(roots, r, " "); for (i = 1; i <= n; i++) want[r[i]] = 1
            do { more = 0; for (p in parent) if (!(p in want) && (parent[p] in want)) { want[p] = 1; print p; more = 1 } } while (more)
        }'
}

# The process groups the given processes lead (not this script's own).
_nixproc_groups() {
    _nixproc_own=$(sed 's/.*) //' "/proc/$$/stat" 2>/dev/null | cut -d' ' -f3)
    for _nixproc_pid in "$@"; do
        _nixproc_pgid=$(sed 's/.*) //' "/proc/$_nixproc_pid/stat" 2>/dev/null | cut -d' ' -f3)
        [ "$_nixproc_pgid" = "$_nixproc_pid" ] && [ "$_nixproc_pgid" != "$_nixproc_own" ] && printf -- '-%s\n' "$_nixproc_pgid"
    done
}

# killproc [-p PIDFILE] PATHNAME [SIGNAL]: with SIGNAL, sends it; without, sends TERM, waits up
# to NIXPROC_KILL_DELAY seconds for the program and everything it started to end, then KILLs
# what is left, with the process groups the program leads, and removes the PID file. Stopping a
# program that does not run succeeds; signalling one gives 7.
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
    # Noted before TERM: once a supervisor is gone its process is an orphan we could not find.
    _nixproc_kp_family="$_nixproc_kp_pids $(_nixproc_descendants $_nixproc_kp_pids)"
    _nixproc_kp_groups=$(_nixproc_groups $_nixproc_kp_pids)
    kill -TERM $_nixproc_kp_pids 2>/dev/null
    _nixproc_kp_waited=0
    while :; do
        _nixproc_kp_left=
        for _nixproc_pid in $_nixproc_kp_family; do
            _nixproc_alive "$_nixproc_pid" && _nixproc_kp_left="$_nixproc_kp_left $_nixproc_pid"
        done
        [ -z "$_nixproc_kp_left" ] && break
        if [ "$_nixproc_kp_waited" -ge $((NIXPROC_KILL_DELAY * 10)) ]; then
            kill -s KILL -- $_nixproc_kp_left $_nixproc_kp_groups 2>/dev/null
            sleep 0.1
            break
        fi
        sleep 0.1
        _nixproc_kp_waited=$((_nixproc_kp_waited + 1))
    done
    rm -f "$_nixproc_kp_pidfile"
    return 0
}
