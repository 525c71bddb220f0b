package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nixproc.store.local.StoreFiles;

/**
 * The coordinator's deployment generations, kept as a Nix profile: in the coordinator profile
 * directory (by default {@code STATE/profiles/disnix-coordinator}, a garbage-collector root),
 * {@code NAME-N-link} points at the N-th deployed manifest and {@code NAME} at the current one.
 * {@code NAME.lock} serialises the deployments of this coordinator.
 */
public final class CoordinatorProfile {
    /** One generation: its number, its manifest and when it was made. */
    public record Generation(int number, Path manifest, Instant created) {
    }

    private final Path dir;
    private final String name;
    private final Pattern linkPattern;

    public CoordinatorProfile(Path dir, String name) {
        if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.+-]*")) {
            throw new IllegalArgumentException("invalid profile name '" + name + "'");
        }
        this.dir = dir;
        this.name = name;
        this.linkPattern = Pattern.compile(Pattern.quote(name) + "-([0-9]+)-link");
    }

    public List<Generation> list() throws IOException {
        TreeMap<Integer, Generation> gens = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                for (Path e : s) {
                    Matcher m = linkPattern.matcher(e.getFileName().toString());
                    if (m.matches() && Files.isSymbolicLink(e)) {
                        int n = Integer.parseInt(m.group(1));
                        gens.put(n, new Generation(n, Files.readSymbolicLink(e),
                                Files.getLastModifiedTime(e, LinkOption.NOFOLLOW_LINKS).toInstant()));
                    }
                }
            }
        }
        return List.copyOf(gens.values());
    }

    public Optional<Generation> current() throws IOException {
        Path link = dir.resolve(name);
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        Matcher m = linkPattern.matcher(Files.readSymbolicLink(link).getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        int n = Integer.parseInt(m.group(1));
        return list().stream().filter(g -> g.number() == n).findFirst();
    }

    public Optional<Generation> get(int n) throws IOException {
        return list().stream().filter(g -> g.number() == n).findFirst();
    }

    /** Makes {@code manifest} current: a new generation unless the current one is that manifest. */
    public int add(Path manifest) throws IOException {
        Optional<Generation> cur = current();
        if (cur.isPresent() && cur.get().manifest().equals(manifest)) {
            return cur.get().number();
        }
        List<Generation> gens = list();
        int n = gens.isEmpty() ? 1 : gens.get(gens.size() - 1).number() + 1;
        Files.createDirectories(dir);
        StoreFiles.replaceSymlink(dir.resolve(name + "-" + n + "-link"), manifest);
        switchTo(n);
        return n;
    }

    void switchTo(int n) throws IOException {
        StoreFiles.replaceSymlink(dir.resolve(name), Path.of(name + "-" + n + "-link"));
    }

    /** Takes the coordinator's deployment lock, or says who holds it. */
    public FileLock lock() throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".lock");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("another disnix-env is deploying profile '" + name + "' (lock " + file + ")");
        }
        return lock;
    }
}
