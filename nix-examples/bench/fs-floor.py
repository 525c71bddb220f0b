#!/usr/bin/env python3
"""The file-system floor of a build: the seconds it takes just to create, under DEST, the
directories, files (same contents) and symlinks (same targets) that the tree SOURCE holds.

Usage: fs-floor.py SOURCE DEST
"""
import os
import sys


def main():
    source, dest = sys.argv[1:3]
    dirs, files, links = [], [], []
    for top, subdirs, names in os.walk(source):
        rel = os.path.relpath(top, source)
        dirs.append(rel)
        for n in subdirs + names:
            p = os.path.join(top, n)
            if os.path.islink(p):
                links.append((os.path.join(rel, n), os.readlink(p)))
            elif n in names:
                with open(p, "rb") as f:
                    files.append((os.path.join(rel, n), f.read()))
    links_in_subdirs = {p for p, _ in links}
    dirs = [d for d in dirs if d not in links_in_subdirs]
    os.chdir(os.path.join(dest))
    start = os.times().elapsed
    for d in dirs:
        os.mkdir(d) if d != "." else None
    for p, data in files:
        with open(p, "wb") as f:
            f.write(data)
    for p, target in links:
        os.symlink(target, p)
    seconds = os.times().elapsed - start
    print(f"{len(dirs)} directories, {len(files)} files, {len(links)} symlinks: {seconds:.2f} s")


if __name__ == "__main__":
    main()
