package org.nixproc.processmgmt.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@code (import <nixpkgs> {}).lib}: each function against the result nixpkgs' lib gives. */
class LibTest {
    @TempDir
    static Path tmp;

    static NixRunner nix;

    @BeforeAll
    static void setUp() throws Exception {
        nix = new NixRunner(tmp);
    }

    private static final List<String[]> CASES = List.of(
            c("optional true 1", "[ 1 ]"), c("optional false 1", "[ ]"),
            c("optionals true [ 1 2 ]", "[ 1 2 ]"), c("optionals false [ 1 2 ]", "[ ]"),
            c("optionalString true \"x\"", "\"x\""), c("optionalString false \"x\"", "\"\""),
            c("optionalAttrs true { a = 1; }", "{ a = 1; }"), c("optionalAttrs false { a = 1; }", "{ }"),
            c("concatMapStrings (x: x + \"-\") [ \"a\" \"b\" ]", "\"a-b-\""),
            c("concatStrings [ \"a\" \"b\" ]", "\"ab\""), c("concatStringsSep \", \" [ \"a\" \"b\" ]", "\"a, b\""),
            c("concatMapStringsSep \":\" toString [ 1 2 ]", "\"1:2\""),
            c("mapAttrs (n: v: n + v) { a = \"1\"; }", "{ a = \"a1\"; }"),
            c("mapAttrsToList (n: v: n + v) { b = \"2\"; a = \"1\"; }", "[ \"a1\" \"b2\" ]"),
            c("filterAttrs (n: v: v > 1) { a = 1; b = 2; }", "{ b = 2; }"),
            c("attrValues { b = 2; a = 1; }", "[ 1 2 ]"), c("attrNames { b = 2; a = 1; }", "[ \"a\" \"b\" ]"),
            c("genAttrs [ \"x\" \"y\" ] (n: n + n)", "{ x = \"xx\"; y = \"yy\"; }"),
            c("nameValuePair \"a\" 1", "{ name = \"a\"; value = 1; }"),
            c("listToAttrs [ (nameValuePair \"a\" 1) ]", "{ a = 1; }"),
            c("foldl (a: b: a - b) 10 [ 1 2 3 ]", "4"), c("foldl' (a: b: a + b) 0 [ 1 2 3 ]", "6"),
            c("foldr (a: b: a - b) 10 [ 1 2 3 ]", "-8"), c("foldr (x: acc: [ x ] ++ acc) [ ] [ 1 2 ]", "[ 1 2 ]"),
            c("range 2 5", "[ 2 3 4 5 ]"), c("range 3 2", "[ ]"),
            c("unique [ 3 1 3 2 1 ]", "[ 3 1 2 ]"), c("flatten [ 1 [ 2 [ 3 ] ] [ ] 4 ]", "[ 1 2 3 4 ]"),
            c("flatten 1", "[ 1 ]"),
            c("escapeShellArg \"it's\"", "\"'it'\\\\''s'\""), c("escapeShellArg 3", "\"'3'\""),
            c("escapeShellArgs [ \"a b\" \"c\" ]", "\"'a b' 'c'\""),
            c("hasPrefix \"ab\" \"abc\"", "true"), c("hasPrefix \"b\" \"abc\"", "false"),
            c("hasSuffix \"bc\" \"abc\"", "true"), c("hasSuffix \"abcd\" \"bcd\"", "false"),
            c("removePrefix \"ab\" \"abc\"", "\"c\""), c("removePrefix \"x\" \"abc\"", "\"abc\""),
            c("splitString \".\" \"a.b..c\"", "[ \"a\" \"b\" \"\" \"c\" ]"),
            c("splitString \"/\" \"/usr/bin\"", "[ \"\" \"usr\" \"bin\" ]"),
            c("toUpper \"abC1\"", "\"ABC1\""), c("toLower \"AbC1\"", "\"abc1\""),
            c("recursiveUpdate { a.b = 1; a.c = 2; x = { y = 1; }; } { a.b = 3; d = 4; x = 5; }",
                    "{ a = { b = 3; c = 2; }; d = 4; x = 5; }"),
            c("zipAttrsWith (n: v: v) [ { a = 1; } { a = 2; b = 3; } ]", "{ a = [ 1 2 ]; b = [ 3 ]; }"),
            c("last [ 1 2 3 ]", "3"), c("init [ 1 2 3 ]", "[ 1 2 ]"),
            c("elem 2 [ 1 2 ]", "true"), c("elem 3 [ 1 2 ]", "false"),
            c("imap0 (i: v: \"${toString i}${v}\") [ \"a\" \"b\" ]", "[ \"0a\" \"1b\" ]"),
            c("imap1 (i: v: \"${toString i}${v}\") [ \"a\" \"b\" ]", "[ \"1a\" \"2b\" ]"),
            c("any (x: x > 1) [ 1 2 ]", "true"), c("all (x: x > 1) [ 1 2 ]", "false"),
            c("isDerivation { type = \"derivation\"; }", "true"), c("isDerivation { }", "false"),
            c("isDerivation (import <nixpkgs> { }).coreutils", "true"),
            c("makeBinPath [ \"/a\" \"/b\" ]", "\"/a/bin:/b/bin\""),
            c("makeBinPath [ { out = \"/o\"; bin = \"/b\"; } { outPath = \"/p\"; out = \"/p\"; } ]", "\"/b/bin:/p/bin\""),
            c("versionAtLeast \"2.10\" \"2.8\"", "true"), c("versionAtLeast \"2.8\" \"2.10\"", "false"),
            c("versionAtLeast \"1.0\" \"1.0\"", "true"),
            c("intersperse 0 [ 1 2 3 ]", "[ 1 0 2 0 3 ]"), c("intersperse 0 [ 1 ]", "[ 1 ]"),
            c("generators.toINI { } { p = { command = \"x y\"; autostart = true; n = 1; }; \"b[1]\" = { a = \"z\"; }; }",
                    "\"[b\\\\[1\\\\]]\\na=z\\n\\n[p]\\nautostart=true\\ncommand=x y\\nn=1\\n\""),
            c("subtractLists [ 1 ] [ 1 2 1 3 ]", "[ 2 3 ]"), c("intersectLists [ 1 3 ] [ 1 2 3 ]", "[ 1 3 ]"),
            c("addContextFrom \"a\" \"b\"", "\"b\""), c("escape [ \"$\" ] \"a$b\"", "\"a\\\\$b\""),
            c("toInt \"42\"", "42"), c("boolToString true", "\"true\""),
            c("getBin { out = \"/o\"; bin = \"/b\"; }", "\"/b\""),
            c("fixedWidthNumber 5 15", "\"00015\""), c("fixedWidthString 3 \" \" \"ab\"", "\" ab\""),
            c("max 3 5", "5"), c("min 3 5", "3"), c("mod 11 4", "3"), c("mod (-11) 4", "-3"),
            c("getExe { name = \"hello-2.1\"; outPath = \"/h\"; }", "\"/h/bin/hello\""),
            c("getExe { pname = \"node\"; name = \"nodejs-20\"; outPath = \"/n\"; meta.mainProgram = \"node\"; }",
                    "\"/n/bin/node\""),
            c("getExe (import <nixpkgs> { }).nodejs == \"${(import <nixpkgs> { }).nodejs}/bin/node\"", "true"),
            c("(import <nixpkgs> { }).stdenv.lib.concatStrings [ \"x\" ]", "\"x\""));

    private static String[] c(String expr, String expected) {
        return new String[] {expr, expected};
    }

    @TestFactory
    Stream<DynamicTest> libFunctions() {
        return CASES.stream().map(tc -> DynamicTest.dynamicTest(tc[0], () -> assertEquals(tc[1],
                nix.eval("with (import <nixpkgs> { }).lib; " + tc[0]))));
    }
}
