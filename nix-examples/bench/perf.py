#!/usr/bin/env python3
"""Benchmark (not a test): our nix-instantiate beside real Nix's, workload by workload, in one run.

Usage: nix-examples/bench/perf.py [--rounds N] [--workloads DIR] [--repeat N] [--profile] [WORKLOAD ...]

For each workload (a .nix file evaluated with `nix-instantiate --eval --strict`, by default the
ones of ../shared/bench/workloads) a fresh resident JVM is started (a private TMPDIR gives it its
own socket), and the columns are:
  nix s, nix MB      real Nix's median wall time and peak RSS (when nix-instantiate is installed)
  first s            our first run, on the fresh JVM: its start-up included
  warm s             the median of our next runs (Nix and we alternate, round by round)
  jvm peak MB        the resident JVM's peak RSS over all of these runs
  idle MB (s)        its RSS once idle: polled until under 150 MB, for at most 60 s
  out                whether our output is byte-identical to Nix's
Then compose-10000 --repeat times on one JVM (the RSS after each tenth run: it must not grow),
and with --profile, nix-examples/bench/profile-build.sh beside ../shared/bench/profile-nix28/run.
Only figures of one run are comparable: the machine's load changes them.
"""
import argparse
import hashlib
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OURS = [os.path.join(ROOT, "bin", "nix-instantiate"), "--eval", "--strict"]
NIX = ["nix-instantiate", "--eval", "--strict"]
IDLE_TARGET_KB = 150 * 1024
IDLE_LIMIT_S = 60


def run(cmd, env):
    """Our command: wall seconds and stdout's sha256."""
    start = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=HERE)
    seconds = time.monotonic() - start
    if p.returncode != 0:
        raise RuntimeError("%s failed (exit %s): %s" % (" ".join(cmd), p.returncode, p.stderr.decode()[-2000:]))
    return seconds, hashlib.sha256(p.stdout).hexdigest()


def nix_run(path):
    """Real Nix: wall seconds, its peak RSS in KB, and the output's sha256."""
    start = time.monotonic()
    p = subprocess.Popen(NIX + [path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=HERE)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.monotonic() - start
    if status != 0:
        raise RuntimeError("nix-instantiate failed on " + path)
    return seconds, usage.ru_maxrss, hashlib.sha256(out).hexdigest()


class Jvm:
    """A resident JVM of our own: a private TMPDIR gives it its own socket directory."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="nixproc-perf.")
        self.env = dict(os.environ, TMPDIR=self.tmp)
        self.pid = None

    def run(self, *args):
        seconds, sha = run(OURS + list(args), self.env)
        if self.pid is None:
            self.pid = self._find()
        return seconds, sha

    def _find(self):
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    with open("/proc/%s/cmdline" % pid, "rb") as f:
                        args = f.read().split(b"\0")
                except OSError:
                    continue
                if b"daemon" in args and any(a.startswith(self.tmp.encode() + b"/") for a in args):
                    return int(pid)
        raise RuntimeError("no resident JVM found for " + self.tmp)

    def status(self, field):
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        raise RuntimeError(field + " missing")

    def idle(self):
        """(RSS KB, seconds) once under the target, or at the limit."""
        start = time.monotonic()
        while True:
            rss = self.status("VmRSS")
            waited = time.monotonic() - start
            if rss < IDLE_TARGET_KB or waited >= IDLE_LIMIT_S:
                return rss, waited
            time.sleep(0.5)

    def stop(self):
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.tmp, ignore_errors=True)


def mb(kb):
    return "%.0f" % (kb / 1024)


def ratio(a, b):
    return "%.2f" % (a / b) if a is not None and b else "-"


def workload_row(path, rounds, have_nix):
    name = os.path.basename(path)[:-4]
    jvm = Jvm()
    try:
        first, sha = jvm.run(path)
        nix_s, nix_kb, warm = [], [], []
        nix_sha = None
        if have_nix:
            nix_run(path)  # warm-up: its file cache
        for r in range(rounds):
            order = ("nix", "ours") if r % 2 == 0 else ("ours", "nix")
            for tool in order:
                if tool == "nix" and have_nix:
                    s, kb, nix_sha = nix_run(path)
                    nix_s.append(s)
                    nix_kb.append(kb)
                elif tool == "ours":
                    s, our_sha = jvm.run(path)
                    warm.append(s)
                    if our_sha != sha:
                        raise RuntimeError(name + ": our output changed between runs")
        peak = jvm.status("VmHWM")
        idle_kb, idle_s = jvm.idle()
    finally:
        jvm.stop()
    n_s = statistics.median(nix_s) if nix_s else None
    n_kb = statistics.median(nix_kb) if nix_kb else None
    w = statistics.median(warm)
    same = "-" if nix_sha is None else ("ok" if nix_sha == sha else "DIFFERS")
    return [name, "%.3f" % n_s if n_s else "-", mb(n_kb) if n_kb else "-", "%.3f" % first, ratio(first, n_s),
            "%.3f" % w, ratio(w, n_s), mb(peak), ratio(peak, n_kb), "%s (%.0fs)" % (mb(idle_kb), idle_s), same]


def repeat_row(path, times):
    jvm = Jvm()
    try:
        seen = []
        for i in range(1, times + 1):
            jvm.run(path)
            if i == 1 or i % 10 == 0:
                seen.append("%d:%s" % (i, mb(jvm.status("VmRSS"))))
        peak = jvm.status("VmHWM")
        idle_kb, idle_s = jvm.idle()
    finally:
        jvm.stop()
    return "%s x%d on one JVM: RSS MB after run %s; peak %s MB; idle %s MB after %.0f s" % (
        os.path.basename(path)[:-4], times, " ".join(seen), mb(peak), mb(idle_kb), idle_s)


def print_table(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    for r in [header] + rows:
        print("  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
        sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--workloads", default=os.path.join(ROOT, "..", "shared", "bench", "workloads"))
    ap.add_argument("--repeat", type=int, default=20, help="compose-10000 runs on one JVM (0: none)")
    ap.add_argument("--profile", action="store_true", help="also build the 1000-process profile, ours and Nix's")
    ap.add_argument("workload", nargs="*")
    a = ap.parse_args()
    names = a.workload or sorted(f[:-4] for f in os.listdir(a.workloads) if f.endswith(".nix"))
    have_nix = shutil.which("nix-instantiate") is not None
    print("# %s, %d cores, load %.1f; %d rounds; Nix: %s" % (
        os.uname().nodename, os.cpu_count(), os.getloadavg()[0], a.rounds,
        subprocess.run(["nix-instantiate", "--version"], capture_output=True, text=True).stdout.strip()
        if have_nix else "not installed"))
    # The jar, its class-data archive and the client are made on first use: not in a first run.
    prepare = Jvm()
    try:
        prepare.run("-E", "1")
    finally:
        prepare.stop()
    rows = []
    failed = False
    for n in names:
        try:
            rows.append(workload_row(os.path.join(a.workloads, n + ".nix"), a.rounds, have_nix))
        except RuntimeError as e:
            print("%s: %s" % (n, e), file=sys.stderr)
            failed = True
    print_table(["workload", "nix s", "nix MB", "first s", "/nix", "warm s", "/nix", "jvm peak MB", "/nix",
                 "idle MB (s)", "out"], rows)
    if any(r[-1] == "DIFFERS" for r in rows):
        failed = True
    if a.repeat:
        print(repeat_row(os.path.join(a.workloads, "compose-10000.nix"), a.repeat))
    if a.profile:
        profile(have_nix)
    return 1 if failed else 0


def profile(have_nix):
    """Ours cold and warm against the file-system floor and Nix's warm, from one period of load."""
    ours = subprocess.run([os.path.join(HERE, "profile-build.sh")], capture_output=True, text=True, check=True).stdout
    print(ours.rstrip())
    figures = dict(re.findall(r"^(cold|warm) store .*:\s+([0-9.]+) s$", ours, re.M))
    floor = float(re.search(r"^file-system floor .*:\s+([0-9.]+) s$", ours, re.M).group(1))
    print("ours cold / file-system floor: %s" % ratio(float(figures["cold"]), floor))
    nix_script = os.path.join(ROOT, "..", "shared", "bench", "profile-nix28", "run")
    if have_nix and os.path.exists(nix_script):
        nix = subprocess.run([nix_script], capture_output=True, text=True).stdout
        print(nix.rstrip())
        nix_warm = [float(w) for w in re.findall(r"warm ([0-9.]+) s", nix)]
        if nix_warm:
            print("ours warm / Nix warm: %s" % ratio(float(figures["warm"]), statistics.median(nix_warm)))


if __name__ == "__main__":
    sys.exit(main())
