package org.nixproc.processmgmt.rc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a script depends on another, told as Nix tells references: a package depends on
 * another if its files (or its symlinks' targets) name the other's store path. A sysvinit script
 * built with {@code dependencies} names them, so a process whose dependency failed to start is
 * not started, while the others are.
 */
final class Dependencies {
    private static final long MAX_BYTES = 64L << 20;

    private final Map<Path, String> contents = new HashMap<>();

    /** The first of {@code failed} whose package the script's package refers to, if any. */
    Optional<RcScript> firstDependency(RcScript script, Collection<RcScript> failed) {
        String text = contentsOf(script.packageRoot());
        for (RcScript f : failed) {
            if (!f.packageRoot().equals(script.packageRoot()) && refersTo(text, f.packageRoot().toString())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    // A whole path component must match: /store/x-web must not be found in /store/x-web2.
    private static boolean refersTo(String text, String path) {
        int i = text.indexOf(path);
        while (i >= 0) {
            int end = i + path.length();
            if (end == text.length() || !isNameChar(text.charAt(end))) {
                return true;
            }
            i = text.indexOf(path, i + 1);
        }
        return false;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '+' || c == '?' || c == '=';
    }

    // Every file and link target of the package, read once per run and bounded in size.
    private String contentsOf(Path root) {
        return contents.computeIfAbsent(root, r -> {
            StringBuilder sb = new StringBuilder();
            try {
                Files.walkFileTree(r, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (attrs.isSymbolicLink()) {
                            sb.append(Files.readSymbolicLink(file)).append('\n');
                        } else if (attrs.isRegularFile() && sb.length() + attrs.size() < MAX_BYTES) {
                            sb.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // An unreadable package refers to nothing we can tell.
            }
            return sb.toString();
        });
    }
}
