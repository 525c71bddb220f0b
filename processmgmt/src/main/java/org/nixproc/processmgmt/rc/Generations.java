package org.nixproc.processmgmt.rc;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nixproc.store.local.StoreFiles;

/**
 * The generations of a deployment profile, kept as Nix keeps a profile's: in the state directory's
 * {@code profiles/}, {@code NAME-N-link} points at the N-th deployed profile (a store path) and
 * {@code NAME} at the current generation's link. The garbage collector counts everything under
 * {@code profiles/} as a root, so a generation's processes stay in the store until it is deleted.
 * Beside them, {@code NAME.rcdir} records the rc directory inside the profile (such as
 * {@code etc/rc.d/rc3.d}) that was switched to.
 */
public final class Generations {
    /** One generation: its number, the store path it points at and when it was made. */
    public record Generation(int number, Path target, Instant created) {
    }

    private final Path dir;
    private final String name;

    public Generations(Path profilesDir, String name) {
        if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            throw new IllegalArgumentException("invalid profile name '" + name + "'");
        }
        this.dir = profilesDir;
        this.name = name;
    }

    /**
     * Locks the profile until the lock is closed: held while the profile is read, its processes
     * switched and a generation added, so that concurrent switches are done one after the other.
     */
    public ProfileLock lock(PrintStream err) {
        return ProfileLock.acquire(dir, name, err);
    }

    /** The generations, oldest first. */
    public List<Generation> list() {
        TreeMap<Integer, Generation> gens = new TreeMap<>();
        Pattern p = Pattern.compile(Pattern.quote(name) + "-([0-9]+)-link");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path e : entries) {
                    Matcher m = p.matcher(e.getFileName().toString());
                    if (m.matches() && Files.isSymbolicLink(e)) {
                        FileTime t = Files.getLastModifiedTime(e, LinkOption.NOFOLLOW_LINKS);
                        int n = Integer.parseInt(m.group(1));
                        gens.put(n, new Generation(n, Files.readSymbolicLink(e), t.toInstant()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading '" + dir + "'", e);
            }
        }
        return new ArrayList<>(gens.values());
    }

    /** The current generation's number, if the profile exists. */
    public Optional<Integer> current() {
        Path link = dir.resolve(name);
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        try {
            Matcher m = Pattern.compile(Pattern.quote(name) + "-([0-9]+)-link")
                    .matcher(Files.readSymbolicLink(link).getFileName().toString());
            return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Optional<Generation> get(int number) {
        return list().stream().filter(g -> g.number() == number).findFirst();
    }

    /** The rc directory inside the profile recorded for this profile ({@code etc/rc.d/rc3.d} by default). */
    public String rcSubdir() {
        Path f = dir.resolve(name + ".rcdir");
        try {
            return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8).trim() : "etc/rc.d/rc3.d";
        } catch (IOException e) {
            return "etc/rc.d/rc3.d";
        }
    }

    /**
     * Makes {@code target} the current generation: a new one, unless the current generation
     * already points there (as Nix does). Returns its number. {@code rcSubdir} is recorded
     * unless null (a profile that is not an rc directory's).
     */
    public int add(Path target, String rcSubdir) {
        try {
            Files.createDirectories(dir);
            if (rcSubdir != null) {
                Files.writeString(dir.resolve(name + ".rcdir"), rcSubdir + "\n", StandardCharsets.UTF_8);
            }
            Optional<Integer> cur = current();
            if (cur.isPresent()) {
                Optional<Generation> g = get(cur.get());
                if (g.isPresent() && g.get().target().equals(target)) {
                    return cur.get();
                }
            }
            List<Generation> gens = list();
            int n = gens.isEmpty() ? 1 : gens.get(gens.size() - 1).number() + 1;
            StoreFiles.replaceSymlink(dir.resolve(linkName(n)), target);
            switchTo(n);
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("recording a generation of profile '" + name + "'", e);
        }
    }

    /** Points the profile at generation {@code n}. */
    public void switchTo(int n) {
        try {
            StoreFiles.replaceSymlink(dir.resolve(name), Path.of(linkName(n)));
        } catch (IOException e) {
            throw new UncheckedIOException("switching profile '" + name + "'", e);
        }
    }

    /**
     * The generations a --delete-generations specification names, in order: numbers, {@code old}
     * (all but the current), {@code +N} (all but the newest N) and {@code Nd} (made more than N
     * days ago). The current one may be among them; {@link #delete} refuses it.
     */
    public List<Integer> matching(List<String> specs) {
        int cur = current().orElse(-1);
        List<Generation> all = list();
        java.util.SortedSet<Integer> doomed = new java.util.TreeSet<>();
        for (String spec : specs) {
            if (spec.equals("old")) {
                all.stream().filter(g -> g.number() != cur).forEach(g -> doomed.add(g.number()));
            } else if (spec.matches("\\+[0-9]+")) {
                int keep = Integer.parseInt(spec.substring(1));
                for (int i = 0; i < all.size() - keep; i++) {
                    doomed.add(all.get(i).number());
                }
            } else if (spec.matches("[0-9]+d")) {
                Instant limit = Instant.now().minus(java.time.Duration.ofDays(Long.parseLong(spec.substring(0, spec.length() - 1))));
                all.stream().filter(g -> g.created().isBefore(limit)).forEach(g -> doomed.add(g.number()));
            } else if (spec.matches("[0-9]+")) {
                doomed.add(Integer.parseInt(spec));
            } else {
                throw new IllegalArgumentException("invalid generation specification '" + spec + "'");
            }
        }
        return new ArrayList<>(doomed);
    }

    /** Deletes generation {@code n}'s link (never the current one's). */
    public boolean delete(int n) {
        if (current().orElse(-1) == n) {
            return false;
        }
        try {
            return Files.deleteIfExists(dir.resolve(linkName(n)));
        } catch (IOException e) {
            throw new UncheckedIOException("deleting generation " + n + " of profile '" + name + "'", e);
        }
    }

    private String linkName(int n) {
        return name + "-" + n + "-link";
    }
}
