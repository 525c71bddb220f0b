package org.nixproc.cli;

import org.nixproc.processmgmt.disnix.CoordinatorProfile;
import org.nixproc.processmgmt.disnix.DeploymentGraph;
import org.nixproc.processmgmt.disnix.Manifest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.lang.eval.Bytes;

/** disnix-visualize: DOT of a manifest or of the current generation, SVG through Graphviz, its errors. */
class DisnixVisualizeTest {
    @TempDir
    Path tmp;

    record Result(int status, String out, String err) {
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DisnixVisualize.run(args, new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]),
                Map.of("NIXPROC_STORE_STATE_DIR", tmp.resolve("state").toString(), "NIX_STORE_DIR", tmp.resolve("store").toString(),
                        "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")), Bytes.fromJava(tmp.toString())));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path manifest() throws Exception {
        Manifest m = new Manifest(null, Map.of("t1", new Manifest.Target("t1", "h1", null, "/p", "x86_64-linux", 1)),
                List.of(new Manifest.Mapping("web", "t1", "sysvinit-script", "sysvinit-script", "/s/web")), List.of());
        Path f = tmp.resolve("manifest");
        Files.writeString(f, m.text());
        return f;
    }

    @Test
    void dotOfAManifestOrOfTheCurrentGeneration() throws Exception {
        Path f = manifest();
        Result r = run(f.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(DeploymentGraph.dot(Manifest.read(f)), r.out());
        assertEquals(1, run().status());
        new CoordinatorProfile(tmp.resolve("state/profiles/disnix-coordinator"), "default").add(f);
        assertEquals(r.out(), run().out());
    }

    @Test
    void svgThroughGraphviz() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v dot").start().waitFor() == 0, "no Graphviz dot");
        Result r = run(manifest().toString(), "--format", "svg", "-o", "out.svg");
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(tmp.resolve("out.svg")).contains("<svg"));
    }

    @Test
    void badRequests() throws Exception {
        assertEquals(2, run(manifest().toString(), "--format", "svg").status());
        assertEquals(2, run("--format", "gif").status());
        Result r = run(tmp.resolve("missing").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("error: cannot read manifest"), r.err());
    }
}
