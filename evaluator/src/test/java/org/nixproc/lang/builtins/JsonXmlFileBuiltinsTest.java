package org.nixproc.lang.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.lang.ast.Source;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalOptions;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.print.XmlPrinter;
import org.nixproc.lang.value.Value;

/**
 * toJSON, fromJSON, fromTOML, toXML and --xml output, and the file builtins, evaluated through
 * the parser and evaluator. Every expected output and error message was printed by Nix 2.8
 * ({@code nix-instantiate --eval --strict -E}, or {@code --xml} for the XML documents).
 */
class JsonXmlFileBuiltinsTest {
    @TempDir
    Path dir;

    /** Expressions and expected outputs here are Java strings; the shared helpers take bytes. */
    private static void ok(String expr, String expected) {
        EvalAssertions.ok(Bytes.fromJava(expr), Bytes.fromJava(expected));
    }

    private static NixError fails(String expr, String message) {
        return EvalAssertions.fails(Bytes.fromJava(expr), message);
    }

    private String file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    // ---- toJSON and fromJSON

    @Test
    void toJsonWritesCompactJsonWithStringConversions() {
        ok("builtins.toJSON { a = [ 1 2.5 \"x\\n\" null true ]; d = { __toString = s: \"S\"; }; e = { outPath = \"/o\"; }; f = \"é\\t\\\"\\\\\"; }",
                "\"{\\\"a\\\":[1,2.5,\\\"x\\\\n\\\",null,true],\\\"d\\\":\\\"S\\\",\\\"e\\\":\\\"/o\\\",\\\"f\\\":\\\"é\\\\t\\\\\\\"\\\\\\\\\\\"}\"");
    }

    @Test
    void toJsonRejectsFunctionsAtTheLambda() {
        NixError e = fails("builtins.toJSON { a = { b = 1; c = x: x; }; }", "cannot convert a function to JSON");
        assertEquals(36, e.pos().column());
        fails("builtins.toJSON { a = map; }", "cannot convert the built-in function 'map' to JSON");
    }

    @Test
    void fromJsonReadsEveryKindOfValue() {
        ok("builtins.fromJSON ''{\"a\": [1, 2.5, -3e2, \"\\u00e9\\ud83d\\ude00\", null, true, false, {}], \"b\": 18446744073709551615}''",
                "{ a = [ 1 2.5 -300 \"é😀\" null true false { } ]; b = -1; }");
        ok("builtins.fromJSON ''{\"a\":1,\"a\":2}''", "{ a = 2; }");
        ok("builtins.fromJSON \"-0.0\"", "-0");
        ok("builtins.fromJSON \"123456789012345678901234\"", "1.23457e+23");
        ok("builtins.fromJSON ''\"a\\u0000b\"''", "\"a\"");
        ok("builtins.fromJSON \" [ ] \"", "[ ]");
    }

    @Test
    void fromJsonErrorsAreTheJsonLibrarysWithoutAPosition() {
        NixError e = fails("builtins.fromJSON \"{\"", "[json.exception.parse_error.101] parse error at line 1, column 2: "
                + "syntax error while parsing object key - unexpected end of input; expected string literal");
        assertFalse(e.pos().isKnown());
        assertEquals("while decoding a JSON string", e.trace().get(0).message());
        fails("builtins.fromJSON \"{ a: 1 }\"", "[json.exception.parse_error.101] parse error at line 1, column 3: "
                + "syntax error while parsing object key - invalid literal; last read: '{ a'; expected string literal");
        fails("builtins.fromJSON \"[1 2]\"", "[json.exception.parse_error.101] parse error at line 1, column 4: "
                + "syntax error while parsing array - unexpected number literal; expected ']'");
        fails("builtins.fromJSON \"null x\"", "[json.exception.parse_error.101] parse error at line 1, column 6: "
                + "syntax error while parsing value - invalid literal; last read: 'null x'; expected end of input");
        fails("builtins.fromJSON \"1.\"", "[json.exception.parse_error.101] parse error at line 1, column 3: "
                + "syntax error while parsing value - invalid number; expected digit after '.'; last read: '1.'");
        fails("builtins.fromJSON ''\"\\ud800\"''", "[json.exception.parse_error.101] parse error at line 1, column 8: "
                + "syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF must be followed by "
                + "U+DC00..U+DFFF; last read: '\"\\ud800\"'");
        fails("builtins.fromJSON \"\\\"a\\tb\\\"\"", "[json.exception.parse_error.101] parse error at line 1, column 3: "
                + "syntax error while parsing value - invalid string: control character U+0009 (HT) must be escaped to "
                + "\\u0009 or \\t; last read: '\"a<U+0009>'");
        fails("builtins.fromJSON \"1e400\"", "[json.exception.out_of_range.406] number overflow parsing '1e400'");
    }

    // ---- fromTOML

    @Test
    void fromTomlReadsTablesArraysAndNumbers() {
        ok("builtins.fromTOML \"a = 1\\n[b]\\nc = [1, \\\"x\\\", 1.5, true]\\n[[d]]\\ne = 0x1F\\n[[d]]\\nf.g = 0b101\\n\"",
                "{ a = 1; b = { c = [ 1 \"x\" 1.5 true ]; }; d = [ { e = 31; } { f = { g = 5; }; } ]; }");
        ok("builtins.fromTOML ''\n  a = \"\"\"\n  x\"\"\"\n  b = 'C:\\d'\n  c = { x = 1, y.z = 2 }\n  \"k.q\" = 1_000\n''",
                "{ a = \"x\"; b = \"C:\\\\d\"; c = { x = 1; y = { z = 2; }; }; \"k.q\" = 1000; }");
        ok("builtins.fromTOML \"a = 9223372036854775808\\nb = -inf\\nc = 1e400\"",
                "{ a = 9223372036854775807; b = -inf; c = 1.79769e+308; }");
        ok("builtins.fromTOML \"[a.b]\\n[a]\\nc = 1\"", "{ a = { b = { }; c = 1; }; }");
    }

    @Test
    void fromTomlErrorsAreTheTomlLibrarys() {
        fails("builtins.fromTOML \"a = \"", "while parsing a TOML string: [error] toml::parse_key_value_pair: missing value "
                + "after key-value separator '='\n --> fromTOML\n   |\n 1 | a =\n   |     ^--- expected value, but got nothing");
        fails("builtins.fromTOML \"a = 1\\na = 2\"", "while parsing a TOML string: [error] toml::insert_value: value (\"a\") "
                + "already exists.\n --> fromTOML\n   |\n 1 | a = 1\n   |     ^--- value already exists here\n ...\n"
                + " 2 | a = 2\n   |     ^--- value defined twice");
        fails("builtins.fromTOML \"[a]\\n[a]\"", "while parsing a TOML string: [error] toml::insert_value: table (\"a\") "
                + "already exists.\n --> fromTOML\n   |\n 1 | [a]\n   | ~~~ table already exists here\n ...\n"
                + " 2 | [a]\n   | ~~~ table defined twice");
        fails("builtins.fromTOML \"a = 01\"", "while parsing a TOML string: [error] bad integer: leading zero\n --> fromTOML\n"
                + "   |\n 1 | a = 01\n   |     ^--- here\n   |\nHint: pass: -42, 1_000, 1_2_3_4_5, 0xC0FFEE, 0b0010, "
                + "0o755\nHint: fail: 1__000, 0123");
        NixError e = fails("builtins.fromTOML \"a = 1979-05-27\"", "while parsing a TOML string: Dates and times are not supported");
        assertEquals(1, e.pos().column());
    }

    // ---- XML

    @Test
    void toXmlWritesTheDocumentWithoutLocations() {
        ok("builtins.toXML { a = [ 1 \"x\" ]; b = x: x; c = { p, q ? 1, ... }@r: p; }",
                "\"<?xml version='1.0' encoding='utf-8'?>\\n<expr>\\n  <attrs>\\n    <attr name=\\\"a\\\">\\n      <list>\\n"
                + "        <int value=\\\"1\\\" />\\n        <string value=\\\"x\\\" />\\n      </list>\\n    </attr>\\n"
                + "    <attr name=\\\"b\\\">\\n      <function>\\n        <varpat name=\\\"x\\\" />\\n      </function>\\n"
                + "    </attr>\\n    <attr name=\\\"c\\\">\\n      <function>\\n        <attrspat ellipsis=\\\"1\\\" name=\\\"r\\\">\\n"
                + "          <attr name=\\\"p\\\" />\\n          <attr name=\\\"q\\\" />\\n        </attrspat>\\n"
                + "      </function>\\n    </attr>\\n  </attrs>\\n</expr>\\n\"");
    }

    @Test
    void xmlShowsDerivationsOnceAndEscapesAttributes() {
        EvalState st = new EvalState(EvalOptions.defaults());
        Value v = st.eval(st.parse(new Source(Source.STRING, "let d = { type = \"derivation\"; drvPath = \"/d.drv\"; }; "
                + "in [ d d \"<&>\\\"\\n\" ]", false), "/"));
        assertEquals("<?xml version='1.0' encoding='utf-8'?>\n<expr>\n  <list>\n    <derivation drvPath=\"/d.drv\">\n"
                + "      <attr name=\"drvPath\">\n        <string value=\"/d.drv\" />\n      </attr>\n"
                + "      <attr name=\"type\">\n        <string value=\"derivation\" />\n      </attr>\n    </derivation>\n"
                + "    <derivation drvPath=\"/d.drv\">\n      <repeated />\n    </derivation>\n"
                + "    <string value=\"&lt;&amp;&gt;&quot;&#xA;\" />\n  </list>\n</expr>\n",
                XmlPrinter.print(st, v, true, false));
    }

    @Test
    void lazyXmlLeavesThunksUnevaluatedAndNamesStringSourcesByTheirText() {
        EvalState st = new EvalState(EvalOptions.defaults());
        String text = "{ a = 1 + 1; b = x: x; }";
        Value v = st.eval(st.parse(new Source(Source.STRING, text, false), "/"));
        String path = "path=\"{ a = 1 + 1; b = x: x; }\"";
        assertEquals("<?xml version='1.0' encoding='utf-8'?>\n<expr>\n  <attrs>\n"
                + "    <attr column=\"3\" line=\"1\" name=\"a\" " + path + ">\n      <unevaluated />\n    </attr>\n"
                + "    <attr column=\"14\" line=\"1\" name=\"b\" " + path + ">\n      <unevaluated />\n    </attr>\n"
                + "  </attrs>\n</expr>\n", XmlPrinter.print(st, v, false, true));
        assertTrue(XmlPrinter.print(st, v, true, true).contains("<function column=\"18\" line=\"1\" " + path + ">"));
    }

    // ---- files

    @Test
    void readFileAndHashFile() throws IOException {
        String f = file("h.txt", "hello\n");
        ok("builtins.readFile " + f, "\"hello\\n\"");
        ok("builtins.hashFile \"md5\" " + f, "\"b1946ac92492d2347c6235b4d2611184\"");
        ok("builtins.hashFile \"sha1\" \"" + f + "\"", "\"f572d396fae9206628714fb2ce00f72e94f2258f\"");
        ok("builtins.hashFile \"sha256\" " + f, "\"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03\"");
        ok("builtins.hashFile \"sha512\" " + f, "\"e7c22b994c59d9cf2b48e549b1e24666636045930d3da7c1acb299d1c3b7f931f94aae41edda"
                + "2c2b207a36e10f8bcb8d45223e54878f5b316e7ce3b6bc019629\"");
    }

    @Test
    void fileErrorsAreSystemErrorsWithoutAPosition() throws IOException {
        String missing = dir.resolve("missing").toString();
        NixError e = fails("builtins.readFile " + missing, "opening file '" + missing + "': No such file or directory");
        assertFalse(e.pos().isKnown());
        fails("builtins.readFile " + dir, "reading from file: Is a directory");
        String f = file("f", "x");
        fails("builtins.readFile \"" + f + "/\"", "opening file '" + f + "/': Not a directory");
        fails("builtins.readDir " + missing, "opening directory '" + missing + "': No such file or directory");
        fails("builtins.readDir " + f, "opening directory '" + f + "': Not a directory");
        fails("builtins.hashFile \"sha256\" " + missing, "opening file '" + missing + "': No such file or directory");
        e = fails("builtins.readFile \"rel\"", "string 'rel' doesn't represent an absolute path");
        assertEquals("while realising the context of a path", e.trace().get(0).message());
        fails("builtins.toPath \"a\"", "string 'a' doesn't represent an absolute path");
    }

    @Test
    void pathExistsDoesNotFollowTheLastSymlink() throws IOException {
        String f = file("f", "x");
        Files.createDirectory(dir.resolve("d"));
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nothing"));
        String d = dir.toString();
        ok("map builtins.pathExists [ " + f + " \"" + f + "/\" \"" + d + "/d/\" \"" + d + "/dangling\" " + d + "/nothing \""
                + d + "/nothing/../f\" \"" + d + "/d/../f\" \"" + f + "/.\" ]", "[ true false true true false false true false ]");
    }

    @Test
    void readDirGivesTheTypeOfEachEntryItself() throws IOException {
        file("f", "x");
        Files.createDirectory(dir.resolve("d"));
        Files.createSymbolicLink(dir.resolve("l"), dir.resolve("d"));
        ok("builtins.readDir " + dir, "{ d = \"directory\"; f = \"regular\"; l = \"symlink\"; }");
        ok("builtins.readDir " + dir + "/l", "{ }");
    }

    @Test
    void toPathMakesAStringCanonical() {
        ok("builtins.toPath \"/a/../b//c/\"", "\"/b/c\"");
        ok("builtins.toPath { outPath = \"/x/./y\"; }", "\"/x/y\"");
        ok("builtins.toPath /a/b", "\"/a/b\"");
    }

    @Test
    void registersTheBuiltinsUnderTheirNames() {
        ok("map (n: builtins.hasAttr n builtins) [ \"toJSON\" \"fromJSON\" \"fromTOML\" \"toXML\" \"readFile\" "
                + "\"pathExists\" \"readDir\" \"hashFile\" \"toPath\" ]", "[ true true true true true true true true true ]");
    }
}
