package org.nixproc.processmgmt.sysvinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * createSystemVInitScript's options are declared in Nix: {@code builtins.functionArgs} of the
 * outer function and of the inner one (applied to its outer arguments) list every option the
 * builtin renders, each with a default and a one-line comment above it.
 */
class SysVInitOptionsTest {
    private static final String FILE = "<nixproc/backends/sysvinit/create-sysvinit-script.nix>";

    @TempDir
    Path tmp;

    @Test
    void functionArgsListEveryOptionWithADefault() throws Exception {
        SysVInitFixture fx = new SysVInitFixture(tmp);
        TreeSet<String> inner = new TreeSet<>(SysVInitBuiltins.SCRIPT_OPTIONS);
        inner.remove("credentialsPackage");
        assertEquals(allDefaulted(inner), eval(fx, "builtins.functionArgs (import " + FILE + " {})"));
        // The outer set: the builtin's, with stdenv giving the shell and the packages it resolves.
        TreeSet<String> outer = new TreeSet<>(SysVInitBuiltins.GLOBAL_OPTIONS);
        outer.remove("shell");
        outer.addAll(List.of("stdenv", "lib", "writeTextFile", "daemon", "initFunctions", "createCredentials"));
        assertEquals(allDefaulted(outer), eval(fx, "builtins.functionArgs (import " + FILE + ")"));
    }

    @Test
    void everyOptionHasAOneLineComment() throws Exception {
        Path file = SysVInitFixture.moduleDir().resolve("nix/nixproc/backends/sysvinit/create-sysvinit-script.nix");
        List<String> lines = Files.readAllLines(file);
        Pattern formal = Pattern.compile("^(?:[{,]\\s*)?([A-Za-z]+) \\?");
        List<String> uncommented = new ArrayList<>();
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = formal.matcher(lines.get(i));
            if (m.find()) {
                seen++;
                if (i == 0 || !lines.get(i - 1).startsWith("# ")) {
                    uncommented.add(m.group(1));
                }
            }
        }
        assertEquals(List.of(), uncommented);
        assertEquals(SysVInitBuiltins.SCRIPT_OPTIONS.size() - 1 + SysVInitBuiltins.GLOBAL_OPTIONS.size() - 1 + 6, seen);
    }

    @Test
    void defaultsReachTheScript() throws Exception {
        SysVInitFixture fx = new SysVInitFixture(tmp);
        Path out = fx.buildFile("d.nix", "import " + FILE + " { runtimeDir = \"/srv/state/run\"; startCheckDelay = 3; }"
                + " { name = \"d\"; process = \"/bin/sleep\"; processIsDaemon = false; }", null);
        String script = Files.readString(out.resolve("etc/rc.d/init.d/d"));
        assertTrue(script.startsWith("#! /bin/bash\n"), script);
        // logDir defaults to the log directory next to the runtime directory.
        assertTrue(script.contains("--output /srv/state/log/nixproc-d.log"), script);
        assertTrue(script.contains(" -t 3 /bin/sleep"), script);
        assertTrue(fx.evalError("(import " + FILE + " {} { name = \"d\"; readiness = { port = 1; command = \"x\"; }; }).outPath")
                .contains("readiness needs either port or command"));
        // Readiness is recorded in the package, the timeout defaulting to the shared setting.
        Path ready = fx.buildFile("r.nix", "{ web = import " + FILE + " { readinessTimeout = 7; } { name = \"web\";"
                + " process = \"/bin/sleep\"; readiness.port = 5000; }; db = import " + FILE + " {} { name = \"db\";"
                + " readiness = { command = \"pg_isready -q\"; timeout = 60; }; }; }", "web");
        assertEquals("port=5000\ntimeout=7\n", Files.readString(ready.resolve("nixproc-support/readiness/web")));
        Path db = fx.buildFile("r.nix", Files.readString(tmp.resolve("work/r.nix")), "db");
        assertEquals("command='pg_isready -q'\ntimeout=60\n", Files.readString(db.resolve("nixproc-support/readiness/db")));
    }

    private static String eval(SysVInitFixture fx, String expr) throws Exception {
        SysVInitFixture.Run r = fx.nix("nix-instantiate", "--eval", "--strict", "-E", expr);
        assertEquals(0, r.status(), r.err());
        return r.out().strip();
    }

    private static String allDefaulted(TreeSet<String> names) {
        StringBuilder sb = new StringBuilder("{ ");
        for (String n : names) {
            sb.append(n).append(" = true; ");
        }
        return sb.append('}').toString();
    }
}
