package org.nixproc.processmgmt.disnix;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nixproc.lang.ast.Source;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalOptions;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.SearchPath;
import org.nixproc.lang.print.ErrorPrinter;
import org.nixproc.lang.print.JsonPrinter;
import org.nixproc.lang.print.StringEscapes;
import org.nixproc.lang.value.Value;
import org.nixproc.store.EvalStore;

/**
 * The machines of an infrastructure model, as far as reaching them goes: each target's name, the
 * address its {@code targetProperty} (default {@code hostname}) gives and its client interface.
 */
public final class InfrastructureModel {
    /** A target: name, address, client interface (null: the default). */
    public record Machine(String name, String address, String clientInterface) {
    }

    private InfrastructureModel() {
    }

    /** Evaluates the model, as nix-instantiate --eval would; an error says what Nix said. */
    public static Map<String, Machine> read(Map<String, String> env, Path cwd, Path file) {
        String expr = "let i = import " + StringEscapes.quote(file.toAbsolutePath().normalize().toString()) + "; in "
                + "builtins.concatMap (n: let t = i.${n}; in [ n "
                + "(toString (t.properties.${t.targetProperty or \"hostname\"} or (throw \"target '${n}' has no address\"))) "
                + "(toString (t.clientInterface or \"\")) ]) (builtins.attrNames i)";
        String json;
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.ISO_8859_1);
        try {
            String dir = Bytes.fromJava(cwd.toAbsolutePath().toString());
            EvalState st = new EvalState(new EvalOptions(SearchPath.fromEnvironment(List.of(), env), false, env, dir,
                    EvalStore.fromEnvironment(env, quiet)));
            Value v = st.eval(st.parse(new Source(Source.STRING, Bytes.fromJava(expr), false), dir));
            json = Bytes.toJava(JsonPrinter.print(st, v, true));
        } catch (NixError e) {
            throw new IllegalArgumentException(Bytes.toJava(ErrorPrinter.format(e, false)).strip().replaceFirst("^error: ", ""));
        }
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        while (m.find()) {
            words.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        Map<String, Machine> machines = new LinkedHashMap<>();
        for (int i = 0; i + 2 < words.size(); i += 3) {
            machines.put(words.get(i), new Machine(words.get(i), words.get(i + 1), words.get(i + 2).isEmpty() ? null : words.get(i + 2)));
        }
        return machines;
    }
}
