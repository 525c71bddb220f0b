package org.nixproc.lang.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nixproc.lang.ast.Source;
import org.nixproc.lang.print.ValuePrinter;

class PlatformTest {
    @Test
    void namesThePlatformAsNixDoes() {
        assertEquals("x86_64-linux", Platform.system("amd64", "Linux"));
        assertEquals("i686-linux", Platform.system("x86", "Linux"));
        assertEquals("aarch64-linux", Platform.system("aarch64", "Linux"));
        assertEquals("aarch64-darwin", Platform.system("aarch64", "Mac OS X"));
        assertEquals("x86_64-darwin", Platform.system("x86_64", "Mac OS X"));
    }

    @Test
    void currentSystemIsThisMachines() {
        EvalState st = new EvalState(EvalOptions.defaults());
        String printed = Bytes.toJava(ValuePrinter.print(st.eval(st.parse(
                new Source(Source.STRING, "builtins.currentSystem", false), "/"))));
        assertEquals("\"" + Platform.system() + "\"", printed);
    }
}
