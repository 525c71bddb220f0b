package org.nixproc.processmgmt.rc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two rcswitch processes on one profile at once: the profile's lock makes the second wait for
 * the first, so each gets a generation of its own and the processes left running are those of
 * the profile's current generation.
 */
class ConcurrentSwitchTest {
    private static final Pattern GENERATION = Pattern.compile("profile 'web' is now at generation ([0-9]+)");

    @TempDir
    Path tmp;
    RcFixture fx;

    @BeforeEach
    void setUp() throws IOException {
        fx = new RcFixture(tmp);
    }

    @AfterEach
    void tearDown() throws IOException {
        fx.close();
    }

    // A fixture script whose start takes a while, so that two switches overlap.
    private Path slowScript(String name, String version) throws IOException {
        Path pkg = fx.script(name, version, false);
        Path script = pkg.resolve("etc/rc.d/init.d").resolve(name);
        Files.writeString(script, Files.readString(script).replace("start)\n", "start)\n  sleep 0.7\n"));
        return pkg;
    }

    private Process rcswitch(String rcDir, int i) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.nixproc.cli.Main", "rcswitch", "--profile", "web",
                rcDir);
        pb.environment().put("NIX_STORE_DIR", fx.store.toString());
        pb.environment().put("NIXPROC_STORE_STATE_DIR", tmp.resolve("state").toString());
        pb.environment().put("HOME", tmp.toString());
        pb.directory(tmp.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve("switch-" + i + ".log").toFile());
        return pb.start();
    }

    @Test
    void twoSwitchesOfOneProfileGetDistinctGenerationsAndTheLastOneRuns() throws Exception {
        Path a1 = slowScript("a", "1");
        Path b1 = slowScript("b", "1");
        Path a2 = slowScript("a", "2");
        Path c1 = slowScript("c", "1");
        fx.profile("p1", a1, b1);
        fx.profile("p2", a2, c1);

        List<Process> switches = List.of(rcswitch("p1/etc/rc.d/rc3.d", 1), rcswitch("p2/etc/rc.d/rc3.d", 2));
        Set<Integer> generations = new TreeSet<>();
        List<String> logs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            assertTrue(switches.get(i).waitFor(120, TimeUnit.SECONDS));
            String log = Files.readString(tmp.resolve("switch-" + (i + 1) + ".log"), StandardCharsets.UTF_8);
            logs.add(log);
            assertEquals(0, switches.get(i).exitValue(), log);
            Matcher m = GENERATION.matcher(log);
            assertTrue(m.find(), log);
            generations.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(Set.of(1, 2), generations, logs.toString());

        // The current generation is the one made last, and exactly its processes run.
        Path profiles = tmp.resolve("state/profiles");
        Path current = Files.readSymbolicLink(profiles.resolve(Files.readSymbolicLink(profiles.resolve("web"))));
        assertEquals(Path.of("web-2-link"), Files.readSymbolicLink(profiles.resolve("web")));
        boolean p2Won = current.equals(tmp.resolve("p2").toRealPath());
        assertTrue(p2Won || current.equals(tmp.resolve("p1").toRealPath()), current.toString());
        List<String> running = new ArrayList<>();
        for (String id : List.of("a-1", "b-1", "a-2", "c-1")) {
            String[] nv = id.split("-");
            if (fx.alive(fx.pid(nv[0], nv[1]))) {
                running.add(id);
            }
        }
        assertEquals(p2Won ? List.of("a-2", "c-1") : List.of("a-1", "b-1"), running, logs.toString());
        assertEquals(running.size(), fx.alivePids().size(), "nothing else runs");
    }
}
