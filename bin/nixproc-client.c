/*
 * Runs a nixproc command in the resident nixproc JVM (the daemon), starting it when none runs.
 *
 * Usage: nixproc-client JAR JAVA_OPTS COMMAND ARGS...
 * bin/nixproc-java builds this file on first use (cc -O2, into target/nixproc-client) and runs
 * it; it does what bin/nixproc-client does, with the same protocol, checks and messages, in a
 * fraction of a Python interpreter's start-up time. That script stays as the client for
 * machines without a C compiler: a change to one is a change to both.
 *
 * The daemon's socket is per user and per build of the jar, so a rebuilt jar gets a new daemon.
 * It lives in a directory only its user may enter (see private_dir), and the client sends nothing
 * to a daemon that runs as another user: a request carries the caller's whole environment.
 * The daemon gets this process's working directory, environment, arguments and (for "-")
 * standard input, and sends back standard output, standard error and the exit status.
 *
 * Failures end the command with one line, worded as the script's exceptions are: a refusal
 * (a directory or daemon this user must not trust) says why and what to do; anything else is a
 * lost connection, with Python's wording of the error ("[Errno N] TEXT: 'FILE'").
 */
#define _GNU_SOURCE /* struct ucred and SO_PEERCRED */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void vfail(const char *prefix, const char *fmt, va_list ap) {
    char text[16384];
    vsnprintf(text, sizeof text, fmt, ap);
    fprintf(stderr, "error: %s%s%s\n", prefix, text, *prefix ? ")" : "");
    exit(1);
}

/* A directory or daemon this user must not trust. */
static void refuse(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfail("", fmt, ap);
}

static void lost(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfail("lost the connection to the nixproc daemon (", fmt, ap);
}

/* A failed system call, in Python's words for an OSError (with the file it concerned, if any). */
static void lost_errno(int err, const char *file) {
    if (file) {
        lost("[Errno %d] %s: '%s'", err, strerror(err), file);
    }
    lost("[Errno %d] %s", err, strerror(err));
}

static void *allocate(size_t n) {
    void *p = malloc(n);
    if (!p) {
        lost_errno(ENOMEM, NULL);
    }
    return p;
}

static char *format(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = allocate((size_t) n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t) n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* os.path.join(dir, name) for a relative name. */
static char *join(const char *dir, const char *name) {
    size_t n = strlen(dir);
    return format("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
}

struct buffer {
    char *data;
    size_t length, capacity;
};

static void put(struct buffer *b, const void *p, size_t n) {
    if (n == 0) {
        return; /* p may be an empty buffer's NULL */
    }
    if (b->length + n > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        while (capacity < b->length + n) {
            capacity *= 2;
        }
        char *data = realloc(b->data, capacity);
        if (!data) {
            lost_errno(ENOMEM, NULL);
        }
        b->data = data;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, p, n);
    b->length += n;
}

static void put_int(struct buffer *b, uint32_t v) {
    unsigned char be[4] = {v >> 24, v >> 16, v >> 8, v};
    put(b, be, 4);
}

static void put_field(struct buffer *b, const char *p, size_t n) {
    put_int(b, (uint32_t) n);
    put(b, p, n);
}

/* The environment as Python's os.environ has it: entries with a "=", the first of a name only. */
static void put_environment(struct buffer *b) {
    size_t count = 0;
    struct buffer entries = {0};
    for (char **e = environ; *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq) {
            continue;
        }
        size_t name = (size_t) (eq - *e) + 1;
        char **earlier = environ;
        while (earlier < e && strncmp(*earlier, *e, name) != 0) {
            earlier++;
        }
        if (earlier == e) {
            put_field(&entries, *e, strlen(*e));
            count++;
        }
    }
    put_int(b, (uint32_t) count);
    put(b, entries.data, entries.length);
    free(entries.data);
}

/* All of standard input. */
static void read_stdin(struct buffer *in) {
    char chunk[65536];
    for (;;) {
        ssize_t n = read(0, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            lost_errno(errno, NULL);
        }
        if (n == 0) {
            return;
        }
        put(in, chunk, (size_t) n);
    }
}

static char *working_directory(void) {
    for (size_t size = 4096;; size *= 2) {
        char *cwd = allocate(size);
        if (getcwd(cwd, size)) {
            return cwd;
        }
        free(cwd);
        if (errno != ERANGE) {
            lost_errno(errno, NULL);
        }
    }
}

static void request(struct buffer *b, const char *command, int argc, char **args) {
    struct buffer in = {0};
    int dash = 0;
    for (int i = 0; i < argc; i++) {
        dash |= strcmp(args[i], "-") == 0;
    }
    if (dash && !isatty(0)) {
        read_stdin(&in);
    }
    char *cwd = working_directory();
    put_field(b, cwd, strlen(cwd));
    put_field(b, command, strlen(command));
    put_int(b, (uint32_t) argc);
    for (int i = 0; i < argc; i++) {
        put_field(b, args[i], strlen(args[i]));
    }
    put_environment(b);
    put_field(b, in.data, in.length);
    free(cwd);
    free(in.data);
}

/*
 * A connection to the daemon at path, or -1 when there is none to reach. The kernel's word on who
 * listens: only root could have put another user's socket in our private directory, but a
 * request must never reach anyone else.
 */
static int connect_daemon(const char *path, const char *folder) {
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    size_t n = strlen(path);
    if (n > sizeof address.sun_path) {
        return -1;
    }
    memcpy(address.sun_path, path, n);
    int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0) {
        return -1;
    }
    struct ucred peer;
    socklen_t size = sizeof peer;
    int r;
    while ((r = connect(s, (struct sockaddr *) &address, (socklen_t) (offsetof(struct sockaddr_un, sun_path) + n))) < 0
           && errno == EINTR) {
    }
    if (r < 0 || getsockopt(s, SOL_SOCKET, SO_PEERCRED, &peer, &size) < 0) {
        close(s);
        return -1;
    }
    if (peer.uid != getuid()) {
        close(s);
        refuse("the nixproc daemon at %s runs as user %u, not as you (user %u); nothing was sent. Remove %s (as root)"
               " and run the command again, or set NIXPROC_DAEMON=0 to run without the daemon",
               path, (unsigned) peer.uid, (unsigned) getuid(), folder);
    }
    return s;
}

/* The byte length of the whitespace character at p (as Python's str.split sees it, in UTF-8), or 0. */
static size_t space_at(const unsigned char *p) {
    if (*p == ' ' || (*p >= '\t' && *p <= '\r') || (*p >= 0x1c && *p <= 0x1f)) {
        return 1;
    }
    if (p[0] == 0xc2 && (p[1] == 0x85 || p[1] == 0xa0)) {
        return 2;
    }
    if (p[0] == 0xe1 && p[1] == 0x9a && p[2] == 0x80) { /* U+1680 */
        return 3;
    }
    if (p[0] == 0xe2 && p[1] == 0x80 && ((p[2] >= 0x80 && p[2] <= 0x8a) || p[2] == 0xa8 || p[2] == 0xa9 || p[2] == 0xaf)) {
        return 3; /* U+2000-U+200A, U+2028, U+2029, U+202F */
    }
    if ((p[0] == 0xe2 && p[1] == 0x81 && p[2] == 0x9f) || (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)) {
        return 3; /* U+205F, U+3000 */
    }
    return 0;
}

/* java JAVA_OPTS... -jar JAR daemon PATH, JAVA_OPTS split on whitespace. */
static char **daemon_command(const char *jar, const char *java_opts, const char *path) {
    size_t n = strlen(java_opts);
    char **argv = allocate((n / 2 + 6) * sizeof *argv);
    char *opts = allocate(n + 1);
    memcpy(opts, java_opts, n + 1);
    size_t argc = 0;
    argv[argc++] = "java";
    for (char *p = opts; *p;) {
        size_t space = space_at((unsigned char *) p);
        if (space) {
            *p = '\0';
            p += space;
            continue;
        }
        argv[argc++] = p;
        while (*p && !space_at((unsigned char *) p)) {
            p++;
        }
    }
    argv[argc++] = "-jar";
    argv[argc++] = (char *) jar;
    argv[argc++] = "daemon";
    argv[argc++] = (char *) path;
    argv[argc] = NULL;
    return argv;
}

static void close_from(int low) {
#ifdef SYS_close_range
    if (syscall(SYS_close_range, low, ~0U, 0) == 0) {
        return;
    }
#endif
    for (long fd = low, max = sysconf(_SC_OPEN_MAX); fd < max; fd++) {
        close((int) fd);
    }
}

/*
 * Runs the daemon in a session of its own, standard input /dev/null, its output appended to
 * log, no other descriptor of ours. A failed exec is reported here, as a failed start.
 */
static void spawn(char **argv, int log) {
    int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (devnull < 0) {
        lost_errno(errno, "/dev/null");
    }
    int report[2];
    if (pipe(report) < 0) {
        lost_errno(errno, NULL);
    }
    fcntl(report[0], F_SETFD, FD_CLOEXEC);
    fcntl(report[1], F_SETFD, FD_CLOEXEC);
    pid_t pid = fork();
    if (pid < 0) {
        lost_errno(errno, NULL);
    }
    if (pid == 0) {
        int err = 0;
        /* The report's end goes to descriptor 3 (still closed on exec), so that all above it can go. */
        if (setsid() < 0 || dup2(devnull, 0) < 0 || dup2(log, 1) < 0 || dup2(log, 2) < 0 || dup2(report[1], 3) < 0
            || fcntl(3, F_SETFD, FD_CLOEXEC) < 0) {
            err = errno;
        } else {
            close_from(4);
            execvp(argv[0], argv);
            err = errno;
        }
        while (write(3, &err, sizeof err) < 0 && errno == EINTR) {
        }
        _exit(127);
    }
    close(report[1]);
    close(devnull);
    int err;
    ssize_t n;
    while ((n = read(report[0], &err, sizeof err)) < 0 && errno == EINTR) {
    }
    close(report[0]);
    if (n == sizeof err) {
        lost_errno(err, argv[0]);
    }
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + (double) t.tv_nsec / 1e9;
}

/* Starts the daemon and connects to it; under a lock, so that clients starting at once share one. */
static int start_daemon(const char *jar, const char *path, const char *java_opts, const char *folder) {
    char *lock_path = format("%s.lock", path);
    int lock = open(lock_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    if (lock < 0) {
        lost_errno(errno, lock_path);
    }
    while (flock(lock, LOCK_EX) < 0) {
        if (errno != EINTR) {
            lost_errno(errno, NULL);
        }
    }
    int s = connect_daemon(path, folder); /* started by the client that held the lock before us */
    if (s < 0) {
        char *log_path = format("%s.log", path);
        int log = open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
        if (log < 0) {
            lost_errno(errno, log_path);
        }
        spawn(daemon_command(jar, java_opts, path), log);
        close(log);
        for (double deadline = now() + 30; s < 0 && now() < deadline;) {
            s = connect_daemon(path, folder);
            if (s < 0) {
                nanosleep(&(struct timespec) {.tv_nsec = 20 * 1000 * 1000}, NULL);
            }
        }
        if (s < 0) {
            lost("the nixproc daemon did not start; see %s", log_path);
        }
        free(log_path);
    }
    close(lock);
    free(lock_path);
    return s;
}

/* n bytes from s: 0, or -1 with errno set (0 at the end of the stream). */
static int read_exact(int s, void *p, size_t n) {
    for (size_t got = 0; got < n;) {
        ssize_t r = read(s, (char *) p + got, n - got);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            errno = r < 0 ? errno : 0;
            return -1;
        }
        got += (size_t) r;
    }
    return 0;
}

/* Without SIGPIPE: a connection that a stopping daemon dropped is retried. */
static int send_all(int s, const char *p, size_t n) {
    while (n > 0) {
        ssize_t r = send(s, p, n, MSG_NOSIGNAL);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r < 0) {
            return -1;
        }
        p += r;
        n -= (size_t) r;
    }
    return 0;
}

/* A lost connection: Python's EOFError has no words, its OSError the system's. */
static void lost_read(void) {
    if (errno == 0) {
        lost("");
    }
    lost_errno(errno, NULL);
}

static void write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t r = write(fd, p, n);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r < 0) {
            lost_errno(errno, NULL);
        }
        p += r;
        n -= (size_t) r;
    }
}

/*
 * $XDG_RUNTIME_DIR when it is this user's own (owned, mode 0700, as its specification
 * requires: a root shell may inherit another user's), else $TMPDIR or /tmp.
 */
static const char *base_dir(void) {
    const char *xdg = getenv("XDG_RUNTIME_DIR");
    struct stat st;
    if (xdg && xdg[0] == '/' && lstat(xdg, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid()
        && !(st.st_mode & 077)) {
        return xdg;
    }
    const char *tmp = getenv("TMPDIR");
    return tmp && *tmp ? tmp : "/tmp";
}

/*
 * BASE/nixproc-UID, made by this user with mode 0700, or refused when it is anyone else's.
 *
 * There is no race between the check and the use: once the directory is ours and closed to
 * others, and its parent is ours or sticky (like /tmp), only we or root can replace or enter it.
 */
static char *private_dir(const char *base) {
    unsigned uid = getuid();
    char *folder = join(base, format("nixproc-%u", uid));
    struct stat parent, st;
    if (stat(base, &parent) < 0) {
        refuse("cannot use %s for the nixproc daemon's socket (%s); set TMPDIR to a directory of yours,"
               " or NIXPROC_DAEMON=0 to run without the daemon", base, strerror(errno));
    }
    if ((parent.st_uid != uid && parent.st_uid != 0) || ((parent.st_mode & 022) && !(parent.st_mode & S_ISVTX))) {
        refuse("%s may be changed by other users (owner %u, mode %04o), so the nixproc daemon's socket cannot live"
               " there; set TMPDIR to a directory of yours, or NIXPROC_DAEMON=0 to run without the daemon",
               base, (unsigned) parent.st_uid, (unsigned) (parent.st_mode & 07777));
    }
    if (mkdir(folder, 0700) < 0 && errno != EEXIST) {
        lost_errno(errno, folder);
    }
    if (lstat(folder, &st) < 0) {
        lost_errno(errno, folder);
    }
    char *problem;
    if (!S_ISDIR(st.st_mode)) {
        problem = "is not a directory";
    } else if (st.st_uid != uid) {
        problem = format("is owned by user %u, not by you (user %u)", (unsigned) st.st_uid, uid);
    } else if (st.st_mode & 077) {
        problem = format("may be entered by other users (mode %04o)", (unsigned) (st.st_mode & 07777));
    } else {
        return folder;
    }
    refuse("the nixproc daemon's directory %s %s; nothing was sent to it. Remove it (rm -rf %s, as root if need be)"
           " and run the command again, or set NIXPROC_DAEMON=0 to run without the daemon", folder, problem, folder);
    return NULL;
}

/*
 * The socket's name is the jar's modification time (whole seconds, from the floating-point
 * time as Python computes it, so that both clients find the same daemon) and size.
 */
static char *socket_path(const char *jar, char **folder) {
    struct stat st;
    if (stat(jar, &st) < 0) {
        lost_errno(errno, jar);
    }
    *folder = private_dir(base_dir());
    long long mtime = (long long) ((double) st.st_mtim.tv_sec + (double) st.st_mtim.tv_nsec * 1e-9);
    return join(*folder, format("daemon-%lld-%lld.sock", mtime, (long long) st.st_size));
}

static void interrupted(int signal) {
    (void) signal;
    /* As Nix words Ctrl-C; the daemon's side ends when it finds the connection gone. */
    static const char message[] = "error: interrupted by the user\n";
    ssize_t ignored = write(2, message, sizeof message - 1);
    (void) ignored;
    _exit(1);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: nixproc-client JAR JAVA_OPTS COMMAND ARGS...\n");
        return 2;
    }
    /* Like any command, stop quietly when the reader of our output goes away. */
    signal(SIGPIPE, SIG_DFL);
    struct sigaction old;
    if (sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler == SIG_DFL) {
        signal(SIGINT, interrupted);
    }
    const char *jar = argv[1], *java_opts = argv[2], *command = argv[3];
    char *folder;
    char *path = socket_path(jar, &folder);
    struct buffer message = {0};
    request(&message, command, argc - 4, argv + 4);
    /*
     * A daemon that was just stopping (idle, or its jar rebuilt) may drop a new connection
     * before answering anything; then the request goes to a fresh daemon.
     */
    unsigned char header[5];
    int s;
    for (int attempt = 0;; attempt++) {
        s = connect_daemon(path, folder);
        if (s < 0) {
            s = start_daemon(jar, path, java_opts, folder);
        }
        if (send_all(s, message.data, message.length) == 0 && read_exact(s, header, 5) == 0) {
            break;
        }
        /*
         * A stopping daemon removes its socket before it exits; a crashed one's is replaced
         * by the next daemon, so nothing is removed here (it could be a new daemon's).
         */
        int err = errno;
        close(s);
        errno = err;
        if (attempt == 2) {
            lost_read();
        }
    }
    free(message.data);
    char *data = NULL;
    for (;;) {
        int32_t length = (int32_t) ((uint32_t) header[1] << 24 | (uint32_t) header[2] << 16
                                    | (uint32_t) header[3] << 8 | header[4]);
        size_t n = length > 0 ? (size_t) length : 0;
        data = realloc(data, n ? n : 1);
        if (!data) {
            lost_errno(ENOMEM, NULL);
        }
        if (read_exact(s, data, n) < 0) {
            lost_read();
        }
        if (header[0] == 1 || header[0] == 2) {
            write_all(header[0] == 1 ? STDOUT_FILENO : STDERR_FILENO, data, n);
        } else if (n < 4) {
            lost("");
        } else {
            unsigned char *b = (unsigned char *) data;
            return (int32_t) ((uint32_t) b[0] << 24 | (uint32_t) b[1] << 16 | (uint32_t) b[2] << 8 | b[3]);
        }
        if (read_exact(s, header, 5) < 0) {
            lost_read();
        }
    }
}
