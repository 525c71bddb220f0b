package org.nixproc.lang.builtins;

import static org.nixproc.lang.builtins.EvalAssertions.fails;
import static org.nixproc.lang.builtins.EvalAssertions.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nixproc.lang.eval.EvalOptions;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.print.ValuePrinter;
import org.nixproc.lang.value.Value;

/**
 * The list and attribute-set builtins, evaluated through the parser and evaluator. Every expected
 * output and error message was printed by Nix 2.8 ({@code nix-instantiate --eval --strict -E}).
 */
class ListAndAttrBuiltinsTest {

    /** The value of an expression and what builtins.trace wrote while computing it. */
    private static String traced(String expr) {
        EvalState st = new EvalState(EvalOptions.defaults());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        st.traceOutput(new PrintStream(out, true, StandardCharsets.ISO_8859_1));
        Value v = EvalAssertions.eval(st, expr);
        return out.toString(StandardCharsets.ISO_8859_1).replace("\n", "|") + ValuePrinter.print(v);
    }

    /** map, filter, foldl', genList, concatMap, concatLists; functors as functions. */
    @Test
    void mapFilterFoldAndFriends() {
        ok("map (x: x * 2) [1 2 3]",
                "[ 2 4 6 ]");
        ok("builtins.map (x: x) []",
                "[ ]");
        ok("builtins.filter (x: x > 2) [1 2 3 4]",
                "[ 3 4 ]");
        ok("builtins.filter (x: x == 2) [1 2 3 2]",
                "[ 2 2 ]");
        ok("builtins.foldl' (a: b: a + b) 0 (builtins.genList (x: x) 1000)",
                "499500");
        ok("builtins.foldl' (a: b: a ++ [b]) [] [1 2 3]",
                "[ 1 2 3 ]");
        ok("builtins.foldl' (a: b: {x = b;}) 0 [(throw \"e\") 1]",
                "{ x = 1; }");
        ok("builtins.genList (x: x * x) 5",
                "[ 0 1 4 9 16 ]");
        ok("builtins.genList (x: x) 0",
                "[ ]");
        ok("builtins.concatMap (x: [x x]) [1 2]",
                "[ 1 1 2 2 ]");
        ok("builtins.concatLists [[1] [] [2 3]]",
                "[ 1 2 3 ]");
        ok("builtins.concatLists []",
                "[ ]");
        ok("builtins.filter {__functor = s: x: true;} [1]",
                "[ 1 ]");
        ok("map {__functor = s: a: a + 1;} [3 2 1]",
                "[ 4 3 2 ]");
        ok("builtins.foldl' {__functor = s: a: b: a + b;} 0 [3 2 1]",
                "6");
    }

    /** length, elemAt, head, tail, catAttrs, elem, any, all, partition, groupBy. */
    @Test
    void accessorsAndPredicates() {
        ok("builtins.length [1 2 3]",
                "3");
        ok("builtins.length []",
                "0");
        ok("builtins.elemAt [1 2 3] 2",
                "3");
        ok("builtins.head [1 2]",
                "1");
        ok("builtins.tail [1 2 3]",
                "[ 2 3 ]");
        ok("builtins.catAttrs \"a\" [{a = 1;} {b = 0;} {a = 2;}]",
                "[ 1 2 ]");
        ok("builtins.elem 1.0 [2 1]",
                "true");
        ok("builtins.elem [1 2] [[1 2]]",
                "true");
        ok("builtins.elem {} [{}]",
                "true");
        ok("builtins.elem (x: x) [(x: x)]",
                "false");
        ok("builtins.any (x: x > 2) [1 2 3]",
                "true");
        ok("builtins.all (x: x > 2) [1 2 3]",
                "false");
        ok("builtins.all (x: x) []",
                "true");
        ok("builtins.any (x: x) []",
                "false");
        ok("builtins.partition (x: x > 2) [1 2 3 4]",
                "{ right = [ 3 4 ]; wrong = [ 1 2 ]; }");
        ok("builtins.groupBy (x: x) [\"b\" \"a\" \"b\"]",
                "{ a = [ \"a\" ]; b = [ \"b\" \"b\" ]; }");
        ok("builtins.groupBy (x: x) []",
                "{ }");
    }

    /** Laziness: which elements, values and accumulators are forced (throw marks what must stay unforced). */
    @Test
    void forcesOnlyWhatNixForces() {
        ok("builtins.length (map (x: throw \"no\") [1 2 3])",
                "3");
        ok("builtins.length (builtins.genList (x: throw \"no\") 3)",
                "3");
        ok("builtins.attrNames (builtins.mapAttrs (n: v: throw \"no\") {a = 1; b = 2;})",
                "[ \"a\" \"b\" ]");
        ok("builtins.attrNames (builtins.listToAttrs [{name = \"a\"; value = throw \"no\";}])",
                "[ \"a\" ]");
        ok("builtins.length (builtins.concatMap (x: [(throw \"no\")]) [1 2])",
                "2");
        ok("builtins.length (builtins.filter (x: true) [(throw \"no\")])",
                "1");
        ok("builtins.length (builtins.tail [(throw \"a\") (throw \"b\")])",
                "1");
        ok("builtins.length (builtins.attrValues {a = throw \"x\";})",
                "1");
        ok("builtins.length (builtins.catAttrs \"a\" [{a = throw \"x\";}])",
                "1");
        ok("builtins.length (builtins.concatLists [[1] [(throw \"x\")]])",
                "2");
        ok("builtins.attrNames (builtins.zipAttrsWith (n: v: throw \"x\") [{a = 1;} {b = throw \"y\";}])",
                "[ \"a\" \"b\" ]");
        ok("builtins.attrNames (builtins.removeAttrs {a = throw \"x\"; b = 1;} [\"b\"])",
                "[ \"a\" ]");
        ok("builtins.attrNames (builtins.intersectAttrs {a = throw \"x\";} {a = throw \"y\";})",
                "[ \"a\" ]");
        ok("builtins.attrNames (builtins.groupBy (x: x.n) [{n = \"a\"; v = throw \"x\";}])",
                "[ \"a\" ]");
        ok("builtins.elem 1 [1 (throw \"a\")]",
                "true");
        ok("builtins.any (x: x) [true (throw \"a\")]",
                "true");
        ok("builtins.all (x: x) [false (throw \"a\")]",
                "false");
        ok("builtins.elem (throw \"a\") []",
                "false");
        ok("builtins.map 1 []",
                "[ ]");
        ok("builtins.mapAttrs 1 {}",
                "{ }");
        fails("builtins.foldl' (a: b: a) (throw \"a\") []",
                "a");
        fails("builtins.foldl' (a: b: b) 0 [(throw \"e\") 1]",
                "e");
        ok("builtins.length (builtins.genericClosure { startSet = [{key = 1; x = throw \"no\";}]; operator = x: []; })",
                "1");
        ok("(builtins.listToAttrs [{name = \"a\"; value = 1; extra = throw \"x\";}]).a",
                "1");
        ok("builtins.listToAttrs [ {name = \"a\"; value = 1;} {name = \"a\";} ]",
                "{ a = 1; }");
        fails("builtins.partition (x: true) [(throw \"a\")]",
                "a");
        fails("builtins.length (builtins.sort (a: b: true) [(throw \"a\")])",
                "a");
    }

    /** sort: ordering of lessThan, stability, inconsistent comparators, functor comparators. */
    @Test
    void sortIsStableAndUsesTheComparator() {
        ok("builtins.sort builtins.lessThan [ 3 1.5 2 ]",
                "[ 1.5 2 3 ]");
        ok("builtins.sort builtins.lessThan [ \"b\" \"a\" \"B\" \"\" ]",
                "[ \"\" \"B\" \"a\" \"b\" ]");
        ok("builtins.sort builtins.lessThan [ [1 2] [1] [0 5] [] ]",
                "[ [ ] [ 0 5 ] [ 1 ] [ 1 2 ] ]");
        ok("builtins.sort (a: b: a.k < b.k) [ {k=1; v=\"a\";} {k=0; v=\"b\";} {k=1; v=\"c\";} {k=0; v=\"d\";} ]",
                "[ { k = 0; v = \"b\"; } { k = 0; v = \"d\"; } { k = 1; v = \"a\"; } { k = 1; v = \"c\"; } ]");
        ok("builtins.sort (a: b: true) [ 1 2 3 4 5 6 7 8 9 10 ]",
                "[ 10 9 8 7 6 5 4 3 2 1 ]");
        ok("builtins.sort (a: b: false) [ 5 4 3 2 1 ]",
                "[ 5 4 3 2 1 ]");
        ok("builtins.sort (a: b: a > b) (builtins.genList (i: builtins.bitAnd (i * 37) 31) 100)",
                "[ 31 31 31 30 30 30 29 29 29 28 28 28 27 27 27 26 26 26 25 25 25 24 24 24 23 23 23 22 22 22 21 21 21 20 20 20 19 19 19 18 18 18 17 17 17 16 16 16 15 15 15 15 14 14 14 13 13 13 12 12 12 11 11 11 10 10 10 10 9 9 9 8 8 8 7 7 7 6 6 6 5 5 5 5 4 4 4 3 3 3 2 2 2 1 1 1 0 0 0 0 ]");
        ok("builtins.sort (a: b: a / 4 < b / 4) (builtins.genList (i: builtins.bitAnd (i * 31 + 5) 63) 45)",
                "[ 3 1 2 0 5 6 4 10 8 14 12 18 16 22 20 26 24 27 25 30 28 31 29 34 32 35 33 36 39 37 43 41 47 45 51 49 55 53 59 57 58 63 61 62 60 ]");
        ok("builtins.sort {__functor = s: a: b: a < b;} [3 2 1]",
                "[ 1 2 3 ]");
        ok("builtins.sort (a: b: a < b) [ ]",
                "[ ]");
    }

    /** attrNames, attrValues, getAttr, hasAttr, removeAttrs, intersectAttrs, mapAttrs, zipAttrsWith, listToAttrs, genericClosure. */
    @Test
    void attributeSetBuiltins() {
        ok("builtins.attrNames {b=1; a=2; \"A\"=3;}",
                "[ \"A\" \"a\" \"b\" ]");
        ok("builtins.attrValues {b=1; a=2; \"A\"=3;}",
                "[ 3 2 1 ]");
        ok("builtins.getAttr \"a\" {a = 1;}",
                "1");
        ok("builtins.hasAttr \"a\" {a = 1;}",
                "true");
        ok("builtins.hasAttr \"b\" {a = 1;}",
                "false");
        ok("builtins.removeAttrs {a = 1; b = 2;} [\"a\" \"c\"]",
                "{ b = 2; }");
        ok("builtins.removeAttrs {a = 1;} []",
                "{ a = 1; }");
        ok("builtins.intersectAttrs {a = 1; b = 2;} {b = 3; c = 4;}",
                "{ b = 3; }");
        ok("builtins.mapAttrs (n: v: n + v) {a = \"x\"; b = \"y\";}",
                "{ a = \"ax\"; b = \"by\"; }");
        ok("builtins.zipAttrsWith (n: v: [n v]) [{a = 1; b = 2;} {b = 3; c = 4;}]",
                "{ a = [ \"a\" [ 1 ] ]; b = [ \"b\" [ 2 3 ] ]; c = [ \"c\" [ 4 ] ]; }");
        ok("builtins.zipAttrsWith (n: v: v) []",
                "{ }");
        ok("builtins.listToAttrs [{name = \"b\"; value = 1;} {name = \"a\"; value = 2;} {name = \"b\"; value = 3;}]",
                "{ a = 2; b = 1; }");
        ok("builtins.listToAttrs []",
                "{ }");
        ok("builtins.unsafeGetAttrPos \"a\" (builtins.mapAttrs (n: v: v) {a = 1;})",
                "null");
        ok("builtins.genericClosure { startSet = [{key = 5;}]; operator = x: if x.key == 0 then [] else [{key = x.key - 1;} {key = x.key / 2;}]; }",
                "[ { key = 5; } { key = 4; } { key = 2; } { key = 3; } { key = 1; } { key = 0; } ]");
        ok("builtins.genericClosure { startSet = [{key = 1;} {key = 1.0;}]; operator = x: []; }",
                "[ { key = 1; } ]");
        ok("builtins.genericClosure { startSet = [{key = [1 2];} {key = [1 2];} {key = [1 3];}]; operator = x: []; }",
                "[ { key = [ 1 2 ]; } { key = [ 1 3 ]; } ]");
        ok("builtins.genericClosure { startSet = [{key = {};}]; operator = x: []; }",
                "[ { key = { }; } ]");
    }

    /** Error messages, word for word as Nix 2.8 prints them. */
    @Test
    void errorMessagesAreNixs() {
        fails("builtins.head []",
                "list index 0 is out of bounds");
        fails("builtins.tail []",
                "'tail' called on an empty list");
        fails("builtins.elemAt [1] 5",
                "list index 5 is out of bounds");
        fails("builtins.elemAt [1] (-1)",
                "list index -1 is out of bounds");
        fails("builtins.elemAt (throw \"a\") (throw \"b\")",
                "b");
        fails("builtins.elemAt [1] 1.0",
                "value is a float while an integer was expected");
        fails("builtins.getAttr \"x\" {y = 1;}",
                "attribute 'x' missing for call to 'getAttr'");
        fails("builtins.genList (x: x) (-1)",
                "cannot create list of size -1");
        fails("builtins.sort 1 []",
                "value is an integer while a function was expected");
        fails("builtins.sort builtins.lessThan [1 \"a\" 2]",
                "cannot compare a string with an integer");
        fails("builtins.sort (a: b: a < b) [{} {}]",
                "cannot compare a set with a set");
        fails("builtins.sort (x: y: 1) [1 2]",
                "value is an integer while a Boolean was expected");
        fails("builtins.filter (x: 1) [[]]",
                "value is an integer while a Boolean was expected");
        fails("builtins.filter 1 [[]]",
                "value is an integer while a function was expected");
        fails("builtins.map 1 [1]",
                "attempt to call something which is not a function but an integer");
        fails("builtins.foldl' 1 0 []",
                "value is an integer while a function was expected");
        fails("builtins.foldl' (x: 1) 1 [[]]",
                "attempt to call something which is not a function but an integer");
        fails("builtins.concatMap (x: 1) [[]]",
                "value is an integer while a list was expected");
        fails("builtins.groupBy (x: 1) [[]]",
                "value is an integer while a string was expected");
        fails("builtins.catAttrs \"a\" [{a = 1;} {} 1]",
                "value is an integer while a set was expected");
        fails("builtins.removeAttrs {a = 1; b = 2;} [\"a\" 1]",
                "value is an integer while a string was expected");
        fails("builtins.concatLists [[1] 2]",
                "value is an integer while a list was expected");
        fails("builtins.length 1",
                "value is an integer while a list was expected");
        fails("builtins.attrNames 1",
                "value is an integer while a set was expected");
        fails("builtins.hasAttr 1 {}",
                "value is an integer while a string was expected");
        fails("builtins.zipAttrsWith (x: 1) [1]",
                "value is an integer while a set was expected");
        fails("builtins.listToAttrs [ { value = 1; } ]",
                "attribute 'name' missing for call to 'listToAttrs'");
        fails("builtins.listToAttrs [ { name = \"a\"; } ]",
                "attribute 'value' missing for call to 'listToAttrs'");
        fails("builtins.listToAttrs [ {name = 1; value = 1;} ]",
                "value is an integer while a string was expected");
        fails("builtins.listToAttrs [ 1 ]",
                "value is an integer while a set was expected");
        fails("builtins.genericClosure { startSet = []; }",
                "attribute 'operator' missing for call to 'genericClosure'");
        fails("builtins.genericClosure { operator = 1; }",
                "attribute 'startSet' missing for call to 'genericClosure'");
        fails("builtins.genericClosure { startSet = [{}]; operator = x: []; }",
                "attribute 'key' required");
        fails("builtins.genericClosure { startSet = [{key = {};} {key = {};}]; operator = x: []; }",
                "cannot compare a set with a set");
        fails("builtins.genericClosure { startSet = [{key = 1;} {key = \"a\";}]; operator = x: []; }",
                "cannot compare a string with an integer");
        fails("builtins.genericClosure { startSet = [{key = 1;} {key = 1.0;}]; operator = x: 1; }",
                "value is an integer while a list was expected");
        fails("builtins.elem 2 [1 (throw \"a\")]",
                "a");
    }
    /** sort makes the comparisons of C++'s std::stable_sort, in the same order (seen through trace). */
    @Test
    void sortComparesPairsInNixsOrder() {
        assertEquals("trace: 1 3|trace: 2 3|trace: 2 1|[ 1 2 3 ]",
                traced("builtins.sort (a: b: builtins.trace \"${toString a} ${toString b}\" (a < b)) [3 1 2]"));
        assertEquals("trace: 3 5|trace: 8 3|trace: 8 5|trace: 1 3|trace: 9 1|trace: 9 8|trace: 2 1|trace: 2 9|"
                + "trace: 2 8|trace: 2 5|trace: 2 3|trace: 2 1|trace: 7 1|trace: 7 9|trace: 7 8|trace: 7 5|"
                + "trace: 6 4|trace: 6 4|trace: 4 1|trace: 4 2|trace: 4 3|trace: 4 5|trace: 6 5|trace: 6 7|"
                + "trace: 11 0|trace: 11 0|trace: 15 0|trace: 15 11|trace: 13 0|trace: 13 15|trace: 13 11|"
                + "trace: 12 0|trace: 12 15|trace: 12 13|trace: 12 11|trace: 14 0|trace: 14 15|trace: 14 13|"
                + "trace: 10 0|trace: 10 15|trace: 10 14|trace: 10 13|trace: 10 12|trace: 10 11|trace: 10 0|"
                + "trace: 20 0|trace: 20 10|trace: 20 11|trace: 20 12|trace: 20 13|trace: 20 14|trace: 20 15|"
                + "trace: 20 9|trace: 15 9|trace: 14 9|trace: 13 9|trace: 12 9|trace: 11 9|trace: 10 9|"
                + "trace: 0 9|trace: 0 8|trace: 0 7|trace: 0 6|trace: 0 5|trace: 0 4|trace: 0 3|trace: 0 2|"
                + "trace: 0 1|[ 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 20 ]",
                traced("builtins.sort (a: b: builtins.trace \"${toString a} ${toString b}\" (a < b)) "
                        + "[5 3 8 1 9 2 7 4 6 0 11 15 13 12 14 10 20]"));
    }

    /** genericClosure works breadth-first and applies the operator once per new key. */
    @Test
    void genericClosureVisitsBreadthFirst() {
        assertEquals("trace: 3|trace: 2|trace: 0|trace: 1|[ { key = 3; } { key = 2; } { key = 0; } { key = 1; } ]",
                traced("builtins.genericClosure { startSet = [{key = 3;}]; operator = x: builtins.trace x.key "
                        + "(if x.key == 0 then [] else [{key = x.key - 1;} {key = 0;}]); }"));
    }

    /** Large inputs stay fast: no quadratic steps in foldl', listToAttrs, sort or genericClosure. */
    @Test
    void largeInputs() {
        ok("builtins.foldl' (a: b: a + b) 0 (builtins.genList (x: x) 1000000)", "499999500000");
        ok("let s = builtins.listToAttrs (builtins.genList (i: { name = toString i; value = i; }) 100000); "
                + "in builtins.foldl' (a: i: a + s.${toString i}) 0 (builtins.genList (x: x) 100000)", "4999950000");
        ok("builtins.elemAt (builtins.sort builtins.lessThan (builtins.genList (i: 99999 - i) 100000)) 5", "5");
        ok("builtins.length (builtins.genericClosure { startSet = [{key = 0;}]; "
                + "operator = x: if x.key >= 100000 then [] else [{key = x.key + 1;}]; })", "100001");
    }
}
