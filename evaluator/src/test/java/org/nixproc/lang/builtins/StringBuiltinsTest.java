package org.nixproc.lang.builtins;

import static org.nixproc.lang.builtins.EvalAssertions.eval;
import static org.nixproc.lang.builtins.EvalAssertions.fails;
import static org.nixproc.lang.builtins.EvalAssertions.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.EvalOptions;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/**
 * The string builtins (with match and split), evaluated through the parser and evaluator. Every
 * expected output and error message was printed by Nix 2.8 ({@code nix-instantiate --eval
 * --strict -E}). Expressions and outputs are byte strings: a non-ASCII character is written as
 * its UTF-8 bytes, one Latin-1 escape per byte, so that lone bytes can be expected too.
 */
class StringBuiltinsTest {

    /** substring: byte offsets, C-int start and length, coercion, evaluation order. */
    @Test
    void substring() {
        ok("builtins.substring 1 2 \"abcd\"",
                "\"bc\"");
        ok("builtins.substring 1 100 \"abc\"",
                "\"bc\"");
        ok("builtins.substring 5 2 \"abc\"",
                "\"\"");
        ok("builtins.substring 3 0 \"abc\"",
                "\"\"");
        ok("builtins.substring 1 (-1) \"abcd\"",
                "\"bcd\"");
        ok("builtins.substring 4294967297 4294967296 \"abc\"",
                "\"\"");
        ok("builtins.substring 1 4294967297 \"abc\"",
                "\"b\"");
        ok("builtins.substring (-4294967295) 1 \"abc\"",
                "\"b\"");
        fails("builtins.substring (-1) 1 \"abc\"",
                "negative start position in 'substring'");
        fails("builtins.substring 2147483648 1 \"abc\"",
                "negative start position in 'substring'");
        ok("builtins.substring 0 2 { outPath = \"xyz\"; }",
                "\"xy\"");
        fails("builtins.substring 0 1 1",
                "cannot coerce an integer to a string");
        fails("builtins.substring \"a\" 1 \"abc\"",
                "value is a string while an integer was expected");
        fails("builtins.substring (-1) 1 (throw \"x\")",
                "x");
        ok("builtins.substring 0 1 \"\u00c3\u00a9\"",
                "\"\u00c3\"");
        ok("builtins.substring 1 1 \"\u00c3\u00a9\"",
                "\"\u00a9\"");
        ok("builtins.substring 0 2 \"\u00c3\u00a9!\"",
                "\"\u00c3\u00a9\"");
    }

    /** stringLength counts bytes. */
    @Test
    void stringLength() {
        ok("builtins.stringLength \"\"",
                "0");
        ok("builtins.stringLength \"abc\"",
                "3");
        ok("builtins.stringLength \"\u00c3\u00a9\"",
                "2");
        ok("builtins.stringLength \"\u00f0\u009f\u0098\u0080\"",
                "4");
        ok("builtins.stringLength { __toString = s: \"abcd\"; }",
                "4");
        fails("builtins.stringLength 1",
                "cannot coerce an integer to a string");
        ok("builtins.stringLength (builtins.substring 0 1 \"\u00c3\u00a9\")",
                "1");
    }

    /** replaceStrings: first pattern wins, empty patterns, every replacement forced (Nix 2.8). */
    @Test
    void replaceStrings() {
        ok("builtins.replaceStrings [ \"a\" ] [ \"b\" ] \"banana\"",
                "\"bbnbnb\"");
        ok("builtins.replaceStrings [ \"oo\" \"o\" ] [ \"0\" \"1\" ] \"foooo\"",
                "\"f00\"");
        ok("builtins.replaceStrings [ \"o\" \"oo\" ] [ \"1\" \"0\" ] \"foooo\"",
                "\"f1111\"");
        ok("builtins.replaceStrings [ \"\" ] [ \"X\" ] \"abc\"",
                "\"XaXbXcX\"");
        ok("builtins.replaceStrings [ \"\" ] [ \"X\" ] \"\"",
                "\"X\"");
        ok("builtins.replaceStrings [ \"b\" \"\" ] [ \"Y\" \"X\" ] \"abc\"",
                "\"XaYXcX\"");
        ok("builtins.replaceStrings [ ] [ ] \"abc\"",
                "\"abc\"");
        ok("builtins.replaceStrings [ \"\u00c3\u00a9\" ] [ \"e\" ] \"caf\u00c3\u00a9\"",
                "\"cafe\"");
        ok("builtins.replaceStrings [ \"a\" \"b\" ] [ \"b\" \"a\" ] \"abba\"",
                "\"baab\"");
        fails("builtins.replaceStrings [ \"a\" ] [ \"b\" \"c\" ] \"abc\"",
                "'from' and 'to' arguments to 'replaceStrings' have different lengths");
        fails("builtins.replaceStrings [ \"a\" ] [ (throw \"unused\") ] \"xyz\"",
                "unused");
        fails("builtins.replaceStrings [ 1 ] [ \"x\" ] \"a\"",
                "value is an integer while a string was expected");
        fails("builtins.replaceStrings [ \"a\" ] [ 1 ] \"a\"",
                "value is an integer while a string was expected");
        fails("builtins.replaceStrings [ \"a\" ] [ \"b\" ] 1",
                "value is an integer while a string was expected");
        fails("builtins.replaceStrings [ \"a\" ] [ \"b\" ] { outPath = \"a\"; }",
                "value is a set while a string was expected");
        fails("builtins.replaceStrings \"a\" [ \"b\" ] \"a\"",
                "value is a string while a list was expected");
    }

    /** concatStringsSep coerces like interpolation, not like toString. */
    @Test
    void concatStringsSep() {
        ok("builtins.concatStringsSep \", \" [ \"a\" \"b\" \"c\" ]",
                "\"a, b, c\"");
        ok("builtins.concatStringsSep \", \" [ ]",
                "\"\"");
        ok("builtins.concatStringsSep \"\" [ \"a\" \"b\" ]",
                "\"ab\"");
        ok("builtins.concatStringsSep \"/\" [ \"a\" { outPath = \"o\"; } { __toString = s: \"t\"; } ]",
                "\"a/o/t\"");
        fails("builtins.concatStringsSep \",\" [ 1 ]",
                "cannot coerce an integer to a string");
        fails("builtins.concatStringsSep \",\" [ \"a\" null ]",
                "cannot coerce null to a string");
        fails("builtins.concatStringsSep 1 [ ]",
                "value is an integer while a string was expected");
        fails("builtins.concatStringsSep \",\" \"a\"",
                "value is a string while a list was expected");
        fails("builtins.concatStringsSep (throw \"sep\") (throw \"list\")",
                "sep");
    }

    /** baseNameOf and dirOf; dirOf keeps paths as paths. */
    @Test
    void baseNameOfAndDirOf() {
        ok("baseNameOf \"/a/b/c.nix\"",
                "\"c.nix\"");
        ok("baseNameOf \"/a/b/\"",
                "\"b\"");
        ok("baseNameOf \"/a/b//\"",
                "\"\"");
        ok("baseNameOf \"abc\"",
                "\"abc\"");
        ok("baseNameOf \"\"",
                "\"\"");
        ok("baseNameOf \"/\"",
                "\"\"");
        ok("baseNameOf /foo/bar",
                "\"bar\"");
        ok("baseNameOf { outPath = \"/x/y\"; }",
                "\"y\"");
        fails("baseNameOf 1",
                "cannot coerce an integer to a string");
        ok("dirOf \"/a/b/c.nix\"",
                "\"/a/b\"");
        ok("dirOf \"/a/b/\"",
                "\"/a/b\"");
        ok("dirOf \"//a//b\"",
                "\"//a/\"");
        ok("dirOf \"a\"",
                "\".\"");
        ok("dirOf \"a/b\"",
                "\"a\"");
        ok("dirOf \"\"",
                "\".\"");
        ok("dirOf \"/a\"",
                "\"/\"");
        ok("dirOf /foo/bar",
                "/foo");
        ok("dirOf /foo",
                "/");
        ok("builtins.typeOf (dirOf /foo/bar)",
                "\"path\"");
        ok("builtins.typeOf (dirOf \"/foo/bar\")",
                "\"string\"");
        ok("dirOf { outPath = \"/x/y\"; }",
                "\"/x\"");
        fails("dirOf 1",
                "cannot coerce an integer to a string");
    }

    /** match: whole-string POSIX ERE matching over bytes, groups, libstdc++ syntax rules and limits. */
    @Test
    void match() {
        ok("builtins.match \"abc\" \"abc\"",
                "[ ]");
        ok("builtins.match \"abc\" \"abcd\"",
                "null");
        ok("builtins.match \"a(b)c\" \"abc\"",
                "[ \"b\" ]");
        ok("builtins.match \"(a)(b)?(c)\" \"ac\"",
                "[ \"a\" null \"c\" ]");
        ok("builtins.match \"(.*)\\\\.nix\" \"foo.nix\"",
                "[ \"foo\" ]");
        ok("builtins.match \"\" \"\"",
                "[ ]");
        ok("builtins.match \".*\" \"\"",
                "[ ]");
        ok("builtins.match \"b\" \"abc\"",
                "null");
        ok("builtins.match \"a|bc\" \"bc\"",
                "[ ]");
        ok("builtins.match \"((a)|b)+\" \"ab\"",
                "[ \"b\" \"a\" ]");
        ok("builtins.match \"(x)*\" \"\"",
                "[ null ]");
        ok("builtins.match \"(a|ab)(c|bcd)(d*)\" \"abcd\"",
                "[ \"a\" \"bcd\" \"\" ]");
        ok("builtins.match \"(a*)*\" \"a\"",
                "[ \"\" ]");
        ok("builtins.match \"(a|)*\" \"aa\"",
                "[ \"\" ]");
        ok("builtins.match \"[[:space:]]+([^[:space:]]+)[[:space:]]+\" \"  foo   \"",
                "[ \"foo\" ]");
        ok("builtins.match \"[[:alpha:]]+([[:digit:]]+)\" \"abc42\"",
                "[ \"42\" ]");
        ok("builtins.match \"[[:w:]]+\" \"a_1\"",
                "[ ]");
        ok("builtins.match \"[[:ALPHA:]]+\" \"Ab\"",
                "[ ]");
        ok("builtins.match \"[]a]+\" \"]a\"",
                "[ ]");
        ok("builtins.match \"[^]a]+\" \"bc\"",
                "[ ]");
        ok("builtins.match \"[a-]+\" \"a-\"",
                "[ ]");
        ok("builtins.match \"[%--]+\" \"%-,\"",
                "[ ]");
        ok("builtins.match \"[\\\\]+\" \"\\\\\"",
                "[ ]");
        ok("builtins.match \"[.]\" \".\"",
                "[ ]");
        ok("builtins.match \"[[.hyphen.]]\" \"-\"",
                "[ ]");
        ok("builtins.match \"[[=a=]]+\" \"aA\"",
                "[ ]");
        ok("builtins.match \"a**\" \"aaa\"",
                "[ ]");
        ok("builtins.match \"a+?\" \"\"",
                "[ ]");
        ok("builtins.match \"x{2}{3}\" \"xxxxxx\"",
                "[ ]");
        ok("builtins.match \"a{2,3}\" \"aaaa\"",
                "null");
        ok("builtins.match \"a{0}\" \"\"",
                "[ ]");
        ok("builtins.match \"a{2147483648}\" \"\"",
                "[ ]");
        ok("builtins.match \"}]\" \"}]\"",
                "[ ]");
        fails("builtins.match \"\\\\$\\\\{(.*)\\\\}\" \"\\${x}\"",
                "invalid regular expression '\\$\\{(.*)\\}'");
        ok("builtins.match \"\\\\{\" \"{\"",
                "[ ]");
        ok("builtins.match \"a\\\\|b\" \"a|b\"",
                "[ ]");
        ok("builtins.match \"a.c\" \"a\\nc\"",
                "[ ]");
        ok("builtins.match \"(.)\" \"\u00c3\u00a9\"",
                "null");
        ok("builtins.match \"(.)(.)\" \"\u00c3\u00a9\"",
                "[ \"\u00c3\" \"\u00a9\" ]");
        ok("builtins.match \"[^a]\" \"\u00c3\u00a9\"",
                "null");
        ok("builtins.match \"[[:alpha:]]+\" \"\u00c3\u00a9\"",
                "null");
        ok("builtins.match \"x^\" \"x\"",
                "null");
        ok("builtins.match \"^a$\" \"a\"",
                "[ ]");
        fails("builtins.match \"(\" \"x\"",
                "invalid regular expression '('");
        fails("builtins.match \")\" \"x\"",
                "invalid regular expression ')'");
        fails("builtins.match \"*a\" \"a\"",
                "invalid regular expression '*a'");
        fails("builtins.match \"a{2,1}\" \"a\"",
                "invalid regular expression 'a{2,1}'");
        fails("builtins.match \"a{,2}\" \"a\"",
                "invalid regular expression 'a{,2}'");
        fails("builtins.match \"a{1\" \"a\"",
                "invalid regular expression 'a{1'");
        fails("builtins.match \"[a\" \"a\"",
                "invalid regular expression '[a'");
        fails("builtins.match \"[z-a]\" \"a\"",
                "invalid regular expression '[z-a]'");
        fails("builtins.match \"[a-c-e]\" \"a\"",
                "invalid regular expression '[a-c-e]'");
        fails("builtins.match \"[[:foo:]]\" \"a\"",
                "invalid regular expression '[[:foo:]]'");
        fails("builtins.match \"\\\\}\" \"}\"",
                "invalid regular expression '\\}'");
        fails("builtins.match \"\\\\-\" \"-\"",
                "invalid regular expression '\\-'");
        fails("builtins.match \"\\\\n\" \"n\"",
                "invalid regular expression '\\n'");
        fails("builtins.match \"\\\\w\" \"w\"",
                "invalid regular expression '\\w'");
        fails("builtins.match \"(a)\\\\1\" \"aa\"",
                "invalid regular expression '(a)\\1'");
        fails("builtins.match \"\\\\\" \"a\"",
                "invalid regular expression '\\'");
        fails("builtins.match \"^*\" \"a\"",
                "invalid regular expression '^*'");
        fails("builtins.match \"(?:a)\" \"a\"",
                "invalid regular expression '(?:a)'");
        ok("builtins.match \"a{99993}\" \"\"",
                "null");
        fails("builtins.match \"a{99994}\" \"\"",
                "memory limit exceeded by regular expression 'a{99994}'");
        fails("builtins.match \"(ab|c){11110}\" \"\"",
                "memory limit exceeded by regular expression '(ab|c){11110}'");
        fails("builtins.match 1 \"a\"",
                "value is an integer while a string was expected");
        fails("builtins.match \"a\" 1",
                "value is an integer while a string was expected");
        fails("builtins.match \"(\" (throw \"not forced\")",
                "invalid regular expression '('");
        ok("builtins.match \"(|a){2}(.{1,2})\" \"a-a\"",
                "[ \"a\" \"-a\" ]");
        ok("builtins.match \"(a|(b))(|c){2,3}(.{1,2})\" \"acc-a\"",
                "[ \"a\" null \"c\" \"-a\" ]");
        ok("builtins.match \"(^|x){2}b\" \"b\"",
                "[ \"\" ]");
        ok("builtins.match \"(a?){3}\" \"aa\"",
                "[ \"\" ]");
        ok("builtins.match \"()*\" \"\"",
                "[ \"\" ]");
        ok("builtins.match \"(a*)+\" \"b\"",
                "null");
        ok("builtins.match \"(.+)+(.+)\" \"17.0.14+7\"",
                "[ \"17.0.14+\" \"7\" ]");
    }

    /** split: matches walked like std::sregex_iterator, longest alternative, groups. */
    @Test
    void split() {
        ok("builtins.split \",\" \"a,b,c\"",
                "[ \"a\" [ ] \"b\" [ ] \"c\" ]");
        ok("builtins.split \"(,)\" \"a,b\"",
                "[ \"a\" [ \",\" ] \"b\" ]");
        ok("builtins.split \"([ab])\" \"xaybz\"",
                "[ \"x\" [ \"a\" ] \"y\" [ \"b\" ] \"z\" ]");
        ok("builtins.split \"x\" \"\"",
                "[ \"\" ]");
        ok("builtins.split \"x\" \"abc\"",
                "[ \"abc\" ]");
        ok("builtins.split \"(a)|(b)\" \"1a2b3\"",
                "[ \"1\" [ \"a\" null ] \"2\" [ null \"b\" ] \"3\" ]");
        ok("builtins.split \",\" \",\"",
                "[ \"\" [ ] \"\" ]");
        ok("builtins.split \"a*\" \"baab\"",
                "[ \"\" [ ] \"b\" [ ] \"\" [ ] \"b\" [ ] \"\" ]");
        ok("builtins.split \"\" \"abc\"",
                "[ \"\" [ ] \"a\" [ ] \"b\" [ ] \"c\" [ ] \"\" ]");
        ok("builtins.split \"\" \"\"",
                "[ \"\" [ ] \"\" ]");
        ok("builtins.split \"(o+)\" \"oooofoooo\"",
                "[ \"\" [ \"oooo\" ] \"f\" [ \"oooo\" ] \"\" ]");
        ok("builtins.split \"(a|ab)\" \"xabx\"",
                "[ \"x\" [ \"ab\" ] \"x\" ]");
        ok("builtins.split \",|, \" \"a, b,c\"",
                "[ \"a\" [ ] \"b\" [ ] \"c\" ]");
        ok("builtins.split \"(^a)\" \"aaa\"",
                "[ \"\" [ \"a\" ] \"aa\" ]");
        ok("builtins.split \"^\" \"ab\"",
                "[ \"\" [ ] \"ab\" ]");
        ok("builtins.split \"$\" \"ab\"",
                "[ \"ab\" [ ] \"\" ]");
        ok("builtins.split \"()*|.c*\" \"bb\"",
                "[ \"\" [ null ] \"\" [ null ] \"\" [ \"\" ] \"\" ]");
        ok("builtins.split \"[[:space:]]+|([',.!?])\" \"Nix Rocks!\\nThat's why.\\n\"",
                "[ \"Nix\" [ null ] \"Rocks\" [ \"!\" ] \"\" [ null ] \"That\" [ \"'\" ] \"s\" [ null ] \"why\" [ \".\" ] \"\" [ null ] \"\" ]");
        ok("builtins.split \"(.)\" \"\u00c3\u00a9\"",
                "[ \"\" [ \"\u00c3\" ] \"\" [ \"\u00a9\" ] \"\" ]");
        ok("builtins.split \"b|((c)(ab))+a\" \"bcabcb\"",
                "[ \"\" [ null null null ] \"ca\" [ null null null ] \"c\" [ null null null ] \"\" ]");
        ok("builtins.split \"(c+|()+)*|.c*\" \"cbb\"",
                "[ \"\" [ \"\" \"\" ] \"\" [ null null ] \"\" [ null null ] \"\" [ \"\" \"\" ] \"\" ]");
        ok("builtins.split \"(x?){2}\" \"axxb\"",
                "[ \"\" [ \"\" ] \"a\" [ \"x\" ] \"\" [ \"\" ] \"b\" [ \"\" ] \"\" ]");
        fails("builtins.split \"f(o*o\" \"1foo2\"",
                "invalid regular expression 'f(o*o'");
        fails("builtins.split \"foo\" { }",
                "value is a set while a string was expected");
    }

    /** compareVersions, splitVersion, parseDrvName. */
    @Test
    void versions() {
        ok("builtins.compareVersions \"1.0\" \"2.3\"",
                "-1");
        ok("builtins.compareVersions \"2.1\" \"2.3\"",
                "-1");
        ok("builtins.compareVersions \"2.3\" \"2.3\"",
                "0");
        ok("builtins.compareVersions \"2.5\" \"2.3\"",
                "1");
        ok("builtins.compareVersions \"3.1\" \"2.3\"",
                "1");
        ok("builtins.compareVersions \"2.3.1\" \"2.3\"",
                "1");
        ok("builtins.compareVersions \"2.3.1\" \"2.3a\"",
                "1");
        ok("builtins.compareVersions \"2.3pre1\" \"2.3\"",
                "-1");
        ok("builtins.compareVersions \"2.3\" \"2.3pre1\"",
                "1");
        ok("builtins.compareVersions \"2.3pre3\" \"2.3pre12\"",
                "-1");
        ok("builtins.compareVersions \"2.3a\" \"2.3c\"",
                "-1");
        ok("builtins.compareVersions \"2.3pre1\" \"2.3c\"",
                "-1");
        ok("builtins.compareVersions \"2.3pre1\" \"2.3q\"",
                "-1");
        ok("builtins.compareVersions \"1.0\" \"1.0pre\"",
                "1");
        ok("builtins.compareVersions \"99999999999\" \"2\"",
                "-1");
        ok("builtins.compareVersions \"2147483647\" \"2147483648\"",
                "1");
        ok("builtins.compareVersions \"1.2-a\" \"1.2.a\"",
                "0");
        ok("builtins.compareVersions \"\" \"1\"",
                "-1");
        fails("builtins.compareVersions \"1\" 2",
                "value is an integer while a string was expected");
        ok("builtins.splitVersion \"1.2.3\"",
                "[ \"1\" \"2\" \"3\" ]");
        ok("builtins.splitVersion \"1.2-pre..3abc4\u00c3\u00a9\"",
                "[ \"1\" \"2\" \"pre\" \"3\" \"abc\" \"4\" \"\u00c3\u00a9\" ]");
        ok("builtins.splitVersion \"\"",
                "[ ]");
        ok("builtins.splitVersion \"..-\"",
                "[ ]");
        ok("builtins.splitVersion \"2.3pre1\"",
                "[ \"2\" \"3\" \"pre\" \"1\" ]");
        fails("builtins.splitVersion 1",
                "value is an integer while a string was expected");
        ok("builtins.parseDrvName \"nix-0.12pre12876\"",
                "{ name = \"nix\"; version = \"0.12pre12876\"; }");
        ok("builtins.parseDrvName \"foo-bar-1.0\"",
                "{ name = \"foo-bar\"; version = \"1.0\"; }");
        ok("builtins.parseDrvName \"a-\u00c3\u00a9\"",
                "{ name = \"a\"; version = \"\u00c3\u00a9\"; }");
        ok("builtins.parseDrvName \"-1\"",
                "{ name = \"\"; version = \"1\"; }");
        ok("builtins.parseDrvName \"foo-\"",
                "{ name = \"foo-\"; version = \"\"; }");
        ok("builtins.parseDrvName \"foo\"",
                "{ name = \"foo\"; version = \"\"; }");
        ok("builtins.parseDrvName \"foo-Bar-baz\"",
                "{ name = \"foo-Bar-baz\"; version = \"\"; }");
        fails("builtins.parseDrvName 1",
                "value is an integer while a string was expected");
    }

    /** hashString: hex digests of the bytes; unknown algorithms. */
    @Test
    void hashString() {
        ok("builtins.hashString \"md5\" \"abc\"",
                "\"900150983cd24fb0d6963f7d28e17f72\"");
        ok("builtins.hashString \"sha1\" \"abc\"",
                "\"a9993e364706816aba3e25717850c26c9cd0d89d\"");
        ok("builtins.hashString \"sha256\" \"abc\"",
                "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"");
        ok("builtins.hashString \"sha512\" \"abc\"",
                "\"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f\"");
        ok("builtins.hashString \"sha256\" \"\"",
                "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"");
        ok("builtins.hashString \"md5\" \"\u00c3\u00a9\"",
                "\"66ddcd97cfdeabb2f6fb8a999b4bc76f\"");
        fails("builtins.hashString \"sha3\" \"abc\"",
                "unknown hash algorithm 'sha3'");
        fails("builtins.hashString \"SHA256\" \"abc\"",
                "unknown hash algorithm 'SHA256'");
        fails("builtins.hashString \"sha256\" 1",
                "value is an integer while a string was expected");
        fails("builtins.hashString 1 \"a\"",
                "value is an integer while a string was expected");
        fails("builtins.hashString \"sha256\" { outPath = \"a\"; }",
                "value is a set while a string was expected");
    }

    /** The regex cache gives the same answers, and the same error, the second time. */
    @Test
    void regexCache() {
        ok("[ (builtins.match \"(a+)b\" \"aab\") (builtins.match \"(a+)b\" \"aab\") ]", "[ [ \"aa\" ] [ \"aa\" ] ]");
        fails("builtins.match \"(\" \"\"", "invalid regular expression '('");
        fails("builtins.match \"(\" \"\"", "invalid regular expression '('");
    }

    private static final Set<String> CONTEXT = Set.of("!out!/nix/store/5wq5jx7219pmi3xklyhl77fjbqvy6qaj-x.drv");
    /** The outPath of derivation { name = "x"; builder = "b"; system = "s"; }, as Nix 2.8 gives it. */
    private static final NixString OUT = NixString.of("/nix/store/gwwjwi08fyrbrz2d8zkfvy65nzzq2czp-x", CONTEXT);

    /** Calls a builtin by its global name on values (so that strings can carry a context). */
    private static Value call(String name, Value... args) {
        EvalState st = new EvalState(EvalOptions.defaults());
        Value v = st.call(st.global(name).force(), (Lazy[]) args, Pos.NONE);
        st.forceDeep(v);
        return v;
    }

    private static NixList list(String... items) {
        Lazy[] values = new Lazy[items.length];
        for (int i = 0; i < items.length; i++) {
            values[i] = NixString.of(items[i]);
        }
        return new NixList(values);
    }

    /** Which results keep the context of their arguments (checked with builtins.getContext in Nix 2.8). */
    @Test
    void contexts() {
        assertEquals(NixString.of("", CONTEXT), call("__substring", NixInt.of(100),
                NixInt.of(0), OUT));
        assertEquals(Set.of(), ((NixString) call("__replaceStrings", list("a"), new NixList(new Lazy[] {OUT}),
                NixString.of("bcd"))).context());
        assertEquals(NixString.of(OUT.value() + "cd", CONTEXT), call("__replaceStrings", list("b"),
                new NixList(new Lazy[] {OUT}), NixString.of("bcd")));
        assertEquals(NixString.of("", CONTEXT), call("__concatStringsSep", OUT, list()));
        assertEquals(NixString.of("gwwjwi08fyrbrz2d8zkfvy65nzzq2czp-x", CONTEXT), call("baseNameOf", OUT));
        assertEquals(NixString.of("/nix/store", CONTEXT), call("dirOf", OUT));
        assertEquals(NixString.of("d1bcf8410e1d2e0f337d98b440c76660"), call("__hashString", NixString.of("md5"), OUT));
        NixList groups = (NixList) call("__match", NixString.of("(.*)"), OUT);
        assertEquals(NixString.of(OUT.value()), groups.get(0).force());
        NixList parts = (NixList) call("__split", NixString.of("%"), OUT);
        assertEquals(OUT, parts.get(0).force());
        parts = (NixList) call("__split", NixString.of("(x)"), OUT);
        assertEquals(NixString.of("/ni"), parts.get(0).force());
        for (String name : new String[] {"__match", "__split"}) {
            try {
                call(name, OUT, NixString.of("a"));
                fail(name + " accepted a regex with a context");
            } catch (NixError e) {
                assertEquals(true, e.getMessage().startsWith("the string '" + OUT.value() + "' is not allowed"), name);
            }
        }
    }
}
