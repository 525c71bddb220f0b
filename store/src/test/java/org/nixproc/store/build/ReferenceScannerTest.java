package org.nixproc.store.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.store.Nar;

class ReferenceScannerTest {
    static final String A = "/s/" + "a".repeat(32) + "-a";
    static final String B = "/s/0123456789abcdfghijklmnpqrsvwxyz-b";
    static final String C = "/s/" + "z".repeat(32) + "-c";
    static final String D = "/s/" + "5".repeat(32) + "-d";

    @TempDir
    Path tmp;

    @Test
    void findsHashPartsInContentsNamesAndSymlinkTargets() throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("sub"));
        Files.writeString(out.resolve("sub/file"), "binary\0" + B.substring(3, 35) + "\0tail");
        Files.createSymbolicLink(out.resolve("link"), Path.of(A + "/bin/x"));
        Files.writeString(out.resolve("name-" + C.substring(3, 35)), "");
        Files.writeString(out.resolve("partial"), D.substring(3, 34) + "-" + "a".repeat(31));
        ReferenceScanner s = ReferenceScanner.ofPaths(List.of(A, B, C, D));
        Nar.dump(out, s);
        assertEquals(Set.of(A, B, C), s.foundPaths());
    }

    @Test
    void findsHashesSplitAcrossWrites() {
        String h = B.substring(3, 35);
        byte[] data = ("xx" + h + "yy").getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 0; cut <= data.length; cut++) {
            for (int cut2 = cut; cut2 <= data.length; cut2++) {
                ReferenceScanner s = new ReferenceScanner(List.of(h, "z".repeat(32)));
                s.write(data, 0, cut);
                s.write(data, cut, cut2 - cut);
                s.write(data, cut2, data.length - cut2);
                assertEquals(Set.of(h), s.found(), "cuts " + cut + "," + cut2);
            }
        }
    }

    @Test
    void longBase32RunsAreScannedAtEveryOffset() {
        String h = "q".repeat(31) + "r";
        ReferenceScanner s = new ReferenceScanner(List.of(h));
        byte[] run = ("q".repeat(100000) + "r").getBytes(StandardCharsets.ISO_8859_1);
        s.write(run, 0, run.length);
        assertEquals(Set.of(h), s.found());
    }
}
