package org.nixproc.processmgmt.disnix;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nixproc.cli.CapturedRun;
import org.nixproc.lang.print.StringEscapes;

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

    /** Evaluates the model (nix-instantiate in this JVM); an error says what Nix said. */
    public static Map<String, Machine> read(Map<String, String> env, Path cwd, Path file) throws InterruptedException {
        String expr = "let i = import " + StringEscapes.quote(file.toAbsolutePath().normalize().toString()) + "; in "
                + "builtins.concatMap (n: let t = i.${n}; in [ n "
                + "(toString (t.properties.${t.targetProperty or \"hostname\"} or (throw \"target '${n}' has no address\"))) "
                + "(toString (t.clientInterface or \"\")) ]) (builtins.attrNames i)";
        CapturedRun r = CapturedRun.run("nix-instantiate", env, cwd.toString(), "--eval", "--strict", "--json", "-E", expr).decoded();
        if (r.status() != 0) {
            throw new IllegalArgumentException(r.err().strip().replaceFirst("^error: ", ""));
        }
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(r.out());
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
