#!/usr/bin/env python3
"""Benchmark: parse time of deeply nested expressions, by construct and depth.

Usage: nesting-depth.py [DEPTH...]   (default 1000 10000 100000)
For each construct and depth it writes the expression to a file and times
`nix-instantiate --parse FILE` of bin/ (the resident JVM, started beforehand) and, when installed,
of Nix itself (in a scratch store). Each cell is seconds and the first words of the answer (a
value, or the error): expressions past the parser's depth limit end in `memory exhausted`.
A run is stopped after TIMEOUT seconds (environment, default 120).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIMEOUT = float(os.environ.get("TIMEOUT", "120"))

CONSTRUCTS = {
    "lists": lambda d: "[" * d + "]" * d,
    "parens": lambda d: "(" * d + "1" + ")" * d,
    "attrsets": lambda d: "{a=" * d + "1" + ";}" * d,
    # Spaced: `x.a.a...` and `1+1+...` are each one run of path characters, which the lexer
    # (flex's too) reads to its end from every token, looking for a '/': quadratic in Nix as well.
    "selections": lambda d: "{a=" * min(d, 100) + "1" + ";}" * min(d, 100) + " .a" * d,
    "plus chains": lambda d: "1" + " + 1" * d,
    "interpolations": lambda d: '"${' * d + '"x"' + '}"' * d,
    "applications": lambda d: "x: x" + " 1" * d,
    "nested applications": lambda d: "x: " + "x (" * d + "1" + ")" * d,
}


def run(command, env):
    start = time.monotonic()
    try:
        p = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return f">{TIMEOUT:.0f}s"
    took = time.monotonic() - start
    answer = (p.stdout if p.returncode == 0 else p.stderr).decode(errors="replace").strip().splitlines()
    return f"{took:.2f}s {(answer[0] if answer else '')[:24]}"


def main():
    depths = [int(a) for a in sys.argv[1:]] or [1000, 10000, 100000]
    scratch = tempfile.mkdtemp(prefix="nesting-")
    env = dict(os.environ, NIX_STORE_DIR=os.path.join(scratch, "store"), NIX_STATE_DIR=os.path.join(scratch, "state"),
               NIXPROC_STORE_STATE_DIR=os.path.join(scratch, "nixproc"))
    nixproc = [os.path.join(ROOT, "bin", "nix-instantiate"), "--parse"]
    nix = shutil.which("nix-instantiate", path="/usr/bin:/bin:/nix/var/nix/profiles/default/bin")
    run(nixproc + ["-E", "1"], env)  # starts the resident JVM
    print(f"{'construct':<20} {'depth':>7}  {'nixproc':<32} {'Nix' if nix else ''}")
    try:
        for name, make in CONSTRUCTS.items():
            for depth in depths:
                path = os.path.join(scratch, "e.nix")
                with open(path, "w") as f:
                    f.write(make(depth))
                ours = run(nixproc + [path], env)
                theirs = run([nix, "--parse", path], env) if nix else ""
                print(f"{name:<20} {depth:>7}  {ours:<32} {theirs}", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
