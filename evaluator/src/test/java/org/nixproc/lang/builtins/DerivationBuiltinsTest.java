package org.nixproc.lang.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.lang.ast.Source;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalOptions;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.print.ValuePrinter;
import org.nixproc.lang.value.Value;
import org.nixproc.store.EvalStore;

/**
 * derivationStrict, derivation, toFile, path, filterSource, storePath, placeholder and the
 * context builtins, against the read-only store. Every expected path, output and message was
 * printed by Nix 2.8 ({@code NIX_REMOTE=dummy:// nix-instantiate --eval --strict -E}); source
 * paths are hashed by contents and name only, so the files made here give the paths Nix gave
 * for the same files elsewhere ({@code SRC} in an expression is their directory).
 */
class DerivationBuiltinsTest {
    private static final String STORE = "/nix/store";

    @TempDir
    static Path tmp;

    private static String src;

    @BeforeAll
    static void files() throws IOException {
        Path dir = tmp.toRealPath().resolve("src");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("a.txt"), "hello\n");
        Files.writeString(dir.resolve("sub/b.txt"), "world\n");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("a.txt"));
        src = dir.toString();
    }

    private static String warnings;

    private static Value eval(String expr, String storeDir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EvalOptions d = EvalOptions.defaults();
        EvalState st = new EvalState(new EvalOptions(d.searchPath(), false, d.environment(), d.workingDirectory(),
                new EvalStore(storeDir, new PrintStream(err, true, StandardCharsets.UTF_8))));
        try {
            Value v = st.eval(st.parse(new Source(Source.STRING, Bytes.fromJava(expr.replace("SRC", src)), false), "/"));
            st.forceDeep(v);
            return v;
        } finally {
            warnings = err.toString(StandardCharsets.UTF_8);
        }
    }

    private static void ok(String expr, String expected) {
        okIn(STORE, expr, expected);
    }

    private static void okIn(String storeDir, String expr, String expected) {
        Value v;
        try {
            v = eval(expr, storeDir);
        } catch (NixError e) {
            fail(expr + " failed: " + e.getMessage());
            return;
        }
        assertEquals(expected, Bytes.toJava(ValuePrinter.print(v)), expr);
    }

    private static void fails(String expr, String message) {
        try {
            Value v = eval(expr, STORE);
            fail(expr + " gave " + ValuePrinter.print(v) + " instead of failing");
        } catch (NixError e) {
            assertEquals(message.replace("SRC", src), Bytes.toJava(e.getMessage()), expr);
        }
    }

    private static final String SYS = "builder = \"/bin/sh\"; system = \"x86_64-linux\";";

    @Test
    void simpleDerivation() {
        ok("let d = derivation { name = \"hello\"; " + SYS + " }; in [ d.drvPath d.outPath ]",
                "[ \"/nix/store/x0sj6ynccvc1a8kxr8fifnlf7qlxw6hd-hello.drv\" "
                        + "\"/nix/store/pnwh4xsfs4j508bs9iw6bpkyc4zw6ryx-hello\" ]");
        ok("derivation { name = \"hello\"; " + SYS + " }",
                "{ all = [ «repeated» ]; builder = \"/bin/sh\"; drvAttrs = { builder = \"/bin/sh\"; name = \"hello\"; "
                        + "system = \"x86_64-linux\"; }; drvPath = \"/nix/store/x0sj6ynccvc1a8kxr8fifnlf7qlxw6hd-hello.drv\"; "
                        + "name = \"hello\"; out = «repeated»; outPath = \"/nix/store/pnwh4xsfs4j508bs9iw6bpkyc4zw6ryx-hello\"; "
                        + "outputName = \"out\"; system = \"x86_64-linux\"; type = \"derivation\"; }");
    }

    @Test
    void argsAndEnvironment() {
        ok("builtins.derivationStrict { name = \"env\"; " + SYS + " args = [ \"-c\" \"echo $foo > $out\" 1 true null ]; "
                + "foo = \"bar\"; n = 42; f = 1.5; l = [ \"a\" [ ] \"b\" ]; }",
                "{ drvPath = \"/nix/store/mpdfya7qlw55g82dx23ga0sdbf76fkxq-env.drv\"; "
                        + "out = \"/nix/store/mdpzns0yry9s6z9mv5ia9sp9w7ydj1w5-env\"; }");
        ok("builtins.derivationStrict { name = \"n\"; " + SYS + " __ignoreNulls = true; x = null; }",
                "{ drvPath = \"/nix/store/4asl03mzzhh6hj3ylg6jxf9c4wh25dz8-n.drv\"; "
                        + "out = \"/nix/store/dgd4d4979i4g3fc25y4f3067gzhfaa03-n\"; }");
    }

    @Test
    void multipleOutputs() {
        ok("builtins.derivationStrict { name = \"multi\"; " + SYS + " outputs = [ \"out\" \"dev\" \"lib\" ]; }",
                "{ dev = \"/nix/store/cnr8n8g7k3l7913d10wbs7mk11byk3qm-multi-dev\"; "
                        + "drvPath = \"/nix/store/v27a425rg4n7prwzpyyw0y1fw2ssc46f-multi.drv\"; "
                        + "lib = \"/nix/store/vscn60gjvw2l9cclny9zr26kvxb7gl5d-multi-lib\"; "
                        + "out = \"/nix/store/h49lgbknv1fggzyb77p6d3ag1frnz354-multi\"; }");
        ok("builtins.derivationStrict { name = \"multi\"; " + SYS + " outputs = \" lib\\tdev \"; }",
                "{ dev = \"/nix/store/30kx2rzswngib05vk7422f25pdaay5vg-multi-dev\"; "
                        + "drvPath = \"/nix/store/381px51syffp0n5lfx7ghyih3cc3h1ll-multi.drv\"; "
                        + "lib = \"/nix/store/z63pzhn3bkjys2as803hiynsd2c95hnr-multi-lib\"; }");
        fails("builtins.derivationStrict { name = \"x\"; " + SYS + " outputs = [ \"out\" \"out\" ]; }",
                "duplicate derivation output 'out'");
    }

    @Test
    void dependencies() {
        ok("let a = derivation { name = \"a\"; " + SYS + " outputs = [ \"out\" \"dev\" ]; }; in "
                + "builtins.derivationStrict { name = \"b\"; builder = \"${a}/bin/sh\"; system = \"x86_64-linux\"; dev = a.dev; }",
                "{ drvPath = \"/nix/store/w7jix937shwr4bcba0zcy1rhffs4kr91-b.drv\"; "
                        + "out = \"/nix/store/s9w5z7z2bx69lx8xzc56d117q1j925cq-b\"; }");
        ok("let a = derivation { name = \"a\"; " + SYS + " }; b = derivation { name = \"b\"; " + SYS + " inherit a; }; in "
                + "builtins.derivationStrict { name = \"c\"; " + SYS + " inherit a b; }",
                "{ drvPath = \"/nix/store/6l9yci0dd4jq566qkd157b4j5xzisnik-c.drv\"; "
                        + "out = \"/nix/store/w27ng5bfbb7l2ci0bjfs0ihdrcymcdha-c\"; }");
    }

    @Test
    void fixedOutputFlat() {
        ok("builtins.derivationStrict { name = \"fixed\"; " + SYS + " outputHash = "
                + "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"; outputHashAlgo = \"sha256\"; }",
                "{ drvPath = \"/nix/store/x12yvvh80b3fpqkfxbk06zrvinq916bv-fixed.drv\"; "
                        + "out = \"/nix/store/jspds48qb346qg0qzb3v8ibysj3zcq7y-fixed\"; }");
        ok("builtins.derivationStrict { name = \"fixed\"; " + SYS + " outputHash = "
                + "\"1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s\"; outputHashAlgo = \"sha256\"; }",
                "{ drvPath = \"/nix/store/g35hddfjvg3jdxqkbwxmih9a4cshlc3h-fixed.drv\"; "
                        + "out = \"/nix/store/jspds48qb346qg0qzb3v8ibysj3zcq7y-fixed\"; }");
        ok("builtins.derivationStrict { name = \"fixed\"; " + SYS
                + " outputHash = \"sha1:a9993e364706816aba3e25717850c26c9cd0d89d\"; }",
                "{ drvPath = \"/nix/store/xdg4p3kkcl883xs4c0gsdwyhngjhdhjw-fixed.drv\"; "
                        + "out = \"/nix/store/154aw8w34z2hm5almhqlk5ag27gr3y09-fixed\"; }");
    }

    @Test
    void fixedOutputRecursive() {
        ok("builtins.derivationStrict { name = \"fixed\"; " + SYS
                + " outputHash = \"sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=\"; outputHashMode = \"recursive\"; }",
                "{ drvPath = \"/nix/store/n1ffw8wkqryqm78sfy50f830sr716clh-fixed.drv\"; "
                        + "out = \"/nix/store/p51h6m9yq2qzgdn3mqhg5fl7fa99yr0v-fixed\"; }");
        ok("builtins.derivationStrict { name = \"fixed\"; " + SYS + " outputHash = \"900150983cd24fb0d6963f7d28e17f72\"; "
                + "outputHashAlgo = \"md5\"; outputHashMode = \"recursive\"; }",
                "{ drvPath = \"/nix/store/888vx3r567q803qnmvhn59rbw8v8nd64-fixed.drv\"; "
                        + "out = \"/nix/store/ca1csi10nzkv71lqfk56vh17qyi8rswf-fixed\"; }");
    }

    /** What depends on a fixed-output derivation does not depend on how it is fetched. */
    @Test
    void fixedOutputInputsHashedByOutput() {
        ok("let f = b: derivation { name = \"src\"; builder = b; system = \"x86_64-linux\"; "
                + "outputHash = \"sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=\"; }; "
                + "use = s: (derivation { name = \"use\"; " + SYS + " inherit s; }).outPath; in [ (use (f \"/bin/sh\")) (use (f \"/bin/bash\")) ]",
                "[ \"/nix/store/4nnprlkrnv9d3fn03x7brqb5a9r1d951-use\" \"/nix/store/4nnprlkrnv9d3fn03x7brqb5a9r1d951-use\" ]");
    }

    @Test
    void fixedOutputHashErrors() {
        ok("builtins.derivationStrict { name = \"fixed\"; " + SYS + " outputHash = \"\"; outputHashAlgo = \"sha256\"; }",
                "{ drvPath = \"/nix/store/2hhsijxdymgvgndfr41f1asahwqghbkr-fixed.drv\"; "
                        + "out = \"/nix/store/ap9h69qwrm5060ldi96axyklh3pr3yjn-fixed\"; }");
        assertEquals("warning: found empty hash, assuming 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='\n", warnings);
        fails("builtins.derivationStrict { name = \"fixed\"; " + SYS + " outputHash = \"\"; }",
                "empty hash requires explicit hash type");
        fails("builtins.derivationStrict { name = \"fixed\"; " + SYS + " outputHash = \"abc\"; outputHashAlgo = \"sha256\"; }",
                "hash 'abc' has wrong length for hash type 'sha256'");
        fails("builtins.derivationStrict { name = \"fixed\"; " + SYS + " outputHash = \"abc\"; outputs = [ \"out\" \"dev\" ]; }",
                "multiple outputs are not supported in fixed-output derivations");
    }

    @Test
    void toFile() {
        ok("builtins.toFile \"foo.txt\" \"contents\"", "\"/nix/store/crv1rprds4inqifs5d31hz608p2fjw4n-foo.txt\"");
        ok("let f = builtins.toFile \"a\" \"x\"; in builtins.toFile \"b\" \"${SRC/a.txt} ${f}\"",
                "\"/nix/store/g6jyday5wgsz0nfgl3vvjl126fzka1yw-b\"");
        fails("builtins.toFile \"b\" \"${derivation { name = \"a\"; " + SYS + " }}\"",
                "in 'toFile': the file named 'b' must not contain a reference to a derivation but contains "
                        + "(!out!/nix/store/7g5giqf764p3y3zv7a8rqsy9sqqq5kw4-a.drv)");
    }

    @Test
    void pathAndFilterSource() {
        ok("builtins.path { path = SRC; name = \"src\"; }", "\"/nix/store/0fldpqxwczyrzpfyp184ja5z9hgbwqgb-src\"");
        ok("builtins.path { path = SRC/a.txt; recursive = false; }", "\"/nix/store/fdwm55r4skpypx1gwzb7x69ckav1rv09-a.txt\"");
        ok("builtins.path { path = SRC; name = \"src\"; filter = p: t: baseNameOf p != \"sub\"; }",
                "\"/nix/store/51i44pz3klvw6y7hn83gs0a0cpi81vsv-src\"");
        ok("builtins.filterSource (p: t: t != \"symlink\") SRC", "\"/nix/store/gaghlb45irian20n9nskwv4l3c0hsj0q-src\"");
        fails("builtins.path { path = SRC; name = \"src\"; filter = p: t: t != \"symlink\"; "
                + "sha256 = \"0000000000000000000000000000000000000000000000000000\"; }",
                "store path mismatch in (possibly filtered) path added from 'SRC'");
    }

    @Test
    void pathsInStrings() {
        ok("[ \"${SRC/a.txt}\" \"${SRC/sub}\" \"${SRC/link}\" ]",
                "[ \"/nix/store/z3n6ml62lc6l9glpaz6fq7fvi2rks9vq-a.txt\" \"/nix/store/b4jc5in4809yycbxy6b4zqbgmf37fk07-sub\" "
                        + "\"/nix/store/hsfpb0gqgq1qhwi2c1pgrb4vhawrwxld-link\" ]");
        ok("builtins.getContext \"${SRC/a.txt}\"", "{ \"/nix/store/z3n6ml62lc6l9glpaz6fq7fvi2rks9vq-a.txt\" = { path = true; }; }");
        fails("\"${SRC/missing}\"", "getting status of 'SRC/missing': No such file or directory");
    }

    @Test
    void placeholder() {
        ok("[ (builtins.placeholder \"out\") (placeholder \"dev\") ]",
                "[ \"/1rz4g4znpzjwh1xymhjpm42vipw92pr73vdgl6xs1hycac8kf2n9\" \"/02qcpld1y6xhs5gz9bchpxaw0xdhmsp5dv88lh25r2ss44kh8dxz\" ]");
    }

    @Test
    void otherStoreDirectory() {
        okIn("/foo/store", "let d = derivation { name = \"hello\"; " + SYS + " }; in [ d.drvPath d.outPath builtins.storeDir ]",
                "[ \"/foo/store/gshrcsp6yhk13q00h5m836rdp7p0i1bq-hello.drv\" \"/foo/store/85gnakcl9d3cz91zm5yd2i8ppz8w1al6-hello\" "
                        + "\"/foo/store\" ]");
        okIn("/foo/store", "let f = builtins.toFile \"a\" \"x\"; in builtins.toFile \"b\" \"${SRC/a.txt} ${f}\"",
                "\"/foo/store/n659lbs1wvpxyvcvnq1r1r49hhfb76xp-b\"");
        okIn("/foo/store", "(builtins.derivationStrict { name = \"fixed\"; " + SYS
                + " outputHash = \"sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=\"; outputHashMode = \"recursive\"; }).out",
                "\"/foo/store/ihhy45kdsykhza0nz346xnjb4qnkx4ag-fixed\"");
    }

    @Test
    void storePath() throws IOException {
        Path store = tmp.toRealPath().resolve("store");
        Files.createDirectories(store.resolve("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-foo/bin"));
        String s = store.toString();
        okIn(s, "builtins.getContext (builtins.storePath " + s + "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-foo/bin)",
                "{ \"" + s + "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-foo\" = { path = true; }; }");
        okIn(s, "builtins.storePath \"" + s + "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-foo//bin/\"",
                "\"" + s + "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-foo/bin\"");
        // The parent of the store exists (Nix stats each component while canonicalising).
        NixError e = assertThrows(NixError.class, () -> eval("builtins.storePath " + s + "/..", s));
        assertEquals("path '" + tmp.toRealPath() + "' is not in the Nix store", Bytes.toJava(e.getMessage()));
    }

    @Test
    void contexts() {
        String d = "let d = derivation { name = \"d\"; " + SYS + " outputs = [ \"out\" \"dev\" ]; }; in ";
        ok(d + "builtins.getContext \"${d} ${d.dev} ${d.drvPath}\"",
                "{ \"/nix/store/hp4acm5j27vjrxkv7g67dwsiqrdn44jr-d.drv\" = { allOutputs = true; outputs = [ \"dev\" \"out\" ]; }; }");
        ok(d + "builtins.getContext (builtins.unsafeDiscardOutputDependency \"${d.drvPath}\")",
                "{ \"/nix/store/hp4acm5j27vjrxkv7g67dwsiqrdn44jr-d.drv\" = { path = true; }; }");
        ok("builtins.getContext (builtins.appendContext \"x\" { \"/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-foo.drv\" = "
                + "{ outputs = [ \"out\" ]; allOutputs = true; path = true; }; })",
                "{ \"/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-foo.drv\" = { allOutputs = true; outputs = [ \"out\" ]; path = true; }; }");
        ok(d + "[ (builtins.hasContext d.outPath) (builtins.hasContext (builtins.unsafeDiscardStringContext d.outPath)) ]",
                "[ true false ]");
        fails("builtins.appendContext \"x\" { \"/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-foo\" = { allOutputs = true; }; }",
                "Tried to add all-outputs context of \"/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-foo\", "
                        + "which is not a derivation, to a string");
    }

    @Test
    void badNamesAndMissingAttributes() {
        fails("derivation { name = \"bad name!\"; " + SYS + " }",
                "store path '4brjcljsyf2slpks58aahj1rbw5ax8z0-bad name!' contains illegal character ' '");
        fails("builtins.toFile \"a b\" \"x\"", "store path 'dm85kbl5cy82j2dzvy1874s14y3salv3-a b' contains illegal character ' '");
        fails("builtins.derivationStrict { name = \"x.drv\"; " + SYS + " }", "derivation names are not allowed to end in '.drv'");
        fails("builtins.derivationStrict { name = \"x\"; system = \"x86_64-linux\"; }", "required attribute 'builder' missing");
        fails("builtins.derivationStrict { name = \"x\"; builder = \"/bin/sh\"; }", "required attribute 'system' missing");
        fails("builtins.derivationStrict { " + SYS + " }", "attribute 'name' missing for call to 'derivationStrict'");
    }

    @Test
    void structuredAttributes() {
        ok("(builtins.derivationStrict { name = \"eval-okay-derivation-legacy\"; system = \"x86_64-linux\"; "
                + "builder = \"/dontcare\"; __structuredAttrs = true; allowedReferences = [ ]; maxSize = 1234; }).out",
                "\"/nix/store/kxv70g8inxnq8mxacq6gm0f9k2izpgpn-eval-okay-derivation-legacy\"");
    }
}
