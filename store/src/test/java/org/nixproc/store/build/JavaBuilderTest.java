package org.nixproc.store.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** builtin:NAME derivations run Java builders found with ServiceLoader. */
class JavaBuilderTest {
    @TempDir
    Path tmp;
    BuildFixture f;

    @BeforeEach
    void open() {
        f = new BuildFixture(tmp);
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** Writes $content and the path of its input to $out; fails when asked to. Registered in test resources. */
    public static final class TestWriteBuilder implements JavaBuilder {
        @Override
        public String name() {
            return "test-write";
        }

        @Override
        public void build(BuildContext ctx) throws Exception {
            if (ctx.env().containsKey("fail")) {
                ctx.log().println("about to fail");
                throw new IllegalStateException("asked to fail");
            }
            ctx.log().println("writing " + ctx.outputs().get("out"));
            Files.writeString(ctx.output("out"), ctx.env().get("content") + " " + ctx.env().get("dep"));
            Files.writeString(ctx.buildDir().resolve("scratch"), "scratch files go here");
        }
    }

    @Test
    void serviceLoaderFindsTestBuilder() {
        assertTrue(JavaBuilders.load().find("test-write").isPresent());
    }

    @Test
    void builtinBuilderRunsInProcessWithReferences() throws Exception {
        String d = f.instantiate("let dep = mk \"dep\" \"echo > $out\"; in derivation { name = \"jb\"; system = \"builtin\";"
                + " builder = \"builtin:test-write\"; content = \"hello\"; dep = dep; }");
        String out = f.out(d);
        f.realiser().realise(List.of(d));
        String text = Files.readString(Path.of(out));
        assertTrue(text.startsWith("hello " + f.storeDir), text);
        String dep = text.substring("hello ".length());
        assertEquals(Set.of(dep), f.store.queryReferences(out));
        assertTrue(f.log().contains("building '" + d + "'...\nwriting " + out + "\n"), f.log());
    }

    @Test
    void failingBuiltinBuilderFailsTheBuild() {
        String d = f.instantiate("derivation { name = \"jbf\"; system = \"builtin\"; builder = \"builtin:test-write\";"
                + " fail = \"1\"; }");
        BuildError e = assertThrows(BuildError.class, () -> f.realiser().realise(List.of(d)));
        assertEquals("builder for '" + d + "' failed with exit code 1;\n       last 2 log lines:\n"
                + "       > about to fail\n       > error: asked to fail", e.getMessage());
        assertFalse(Files.exists(Path.of(f.out(d))));
    }

    @Test
    void unknownBuiltinIsUnsupported() {
        String d = f.instantiate("derivation { name = \"jbu\"; system = \"builtin\"; builder = \"builtin:nope\"; }");
        BuildError e = assertThrows(BuildError.class, () -> f.realiser().realise(List.of(d)));
        assertTrue(e.getMessage().endsWith("> error: unsupported builtin builder 'nope'"), e.getMessage());
    }

    @Test
    void aBuilderUsingNoBuildDirectoryGetsNone() throws Exception {
        JavaBuilder noDir = new JavaBuilder() {
            @Override
            public String name() {
                return "no-dir";
            }

            @Override
            public boolean usesBuildDir(java.util.Map<String, String> attributes) {
                return false;
            }

            @Override
            public void build(BuildContext ctx) throws Exception {
                assertFalse(ctx.env().containsKey("TMPDIR"));
                assertThrows(IllegalStateException.class, ctx::buildDir);
                Files.writeString(ctx.output("out"), "no scratch space needed");
            }
        };
        String d = f.instantiate("derivation { name = \"nd\"; system = \"builtin\"; builder = \"builtin:no-dir\"; }");
        new Realiser(f.store, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                f.settings().withBuilders(JavaBuilders.of(noDir))).realise(List.of(d));
        assertEquals("no scratch space needed", Files.readString(Path.of(f.out(d))));
        assertFalse(Files.exists(f.buildRoot), "no build directory made");
    }
}
