package org.nixproc.tests.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expressions of nix-examples/post are the post's, byte for byte, but for fixes: every line
 * of the post's excerpt is in the file, in order, except one replaced by each {@code # post:}
 * comment, and every line of the file that is not the post's is such a comment or follows one (or
 * a {@code # not in the post} comment) as its replacement. The post is read from
 * {@code ../shared/seed} when present (the spec is not part of the repository).
 */
class PostFilesTest {
    private static final Path POST = Deployment.repo().resolve("../shared/seed/000_2a1e9395e83a5bc4.txt").normalize();

    @ParameterizedTest
    @CsvSource({"scripts/nginx-activities.nix,314,348", "scripts/nginx-instructions.nix,368,398",
        "scripts/nginx-process.nix,406,421", "scripts/webapp.nix,427,440", "scripts/nginx-dependencies.nix,450,466",
        "simple/webapp.nix,481,494", "simple/nginx-reverse-proxy.nix,500,542", "simple/processes.nix,550,600",
        "simple/profile.nix,630,643", "multi-instance/webapp.nix,699,715",
        "multi-instance/nginx-reverse-proxy.nix,730,775", "multi-instance/constructors.nix,785,824",
        "multi-instance/processes.nix,830,922", "users/webapp.nix,961,990", "users/constructors.nix,1001,1033",
        "disnix/nginx-reverse-proxy.nix,1058,1119", "disnix/services.nix,1134,1170",
        "disnix/infrastructure.nix,1180,1183", "disnix/distribution.nix,1187,1192"})
    void fileIsThePostsExpression(String file, int first, int last) throws Exception {
        assumeTrue(Files.exists(POST), "needs the post in " + POST);
        List<String> post = Files.readAllLines(POST).subList(first - 1, last);
        List<String> ours = Files.readAllLines(Deployment.example("post").resolve(file));
        // Longest common subsequence of lines.
        int[][] l = new int[post.size() + 1][ours.size() + 1];
        for (int i = post.size() - 1; i >= 0; i--) {
            for (int j = ours.size() - 1; j >= 0; j--) {
                l[i][j] = post.get(i).equals(ours.get(j)) ? l[i + 1][j + 1] + 1 : Math.max(l[i + 1][j], l[i][j + 1]);
            }
        }
        boolean[] common = new boolean[ours.size()];
        for (int i = 0, j = 0; i < post.size() && j < ours.size();) {
            if (post.get(i).equals(ours.get(j))) {
                common[j] = true;
                i++;
                j++;
            } else if (l[i + 1][j] >= l[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        int fixes = 0;
        List<String> unexplained = new ArrayList<>();
        boolean inFix = false;
        for (int j = 0; j < ours.size(); j++) {
            String line = ours.get(j).strip();
            boolean marker = line.startsWith("# post:") || line.startsWith("# not in the post")
                    || line.startsWith("# Not shown in the post") || line.contains("; # post:") || line.contains(" # post:");
            if (line.startsWith("# post:") || line.contains("# post:")) {
                fixes++;
            }
            if (common[j]) {
                inFix = false;
            } else if (marker) {
                inFix = !line.contains("# post:") || line.startsWith("# post:");
            } else if (!inFix) {
                unexplained.add(ours.get(j));
            }
        }
        assertEquals(List.of(), unexplained, file + ": lines that are neither the post's nor a noted fix");
        int missing = post.size() - l[0][0];
        assertTrue(missing <= fixes, file + ": " + missing + " lines of the post missing, " + fixes + " fixes noted");
    }
}
