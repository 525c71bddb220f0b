package org.nixproc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.processmgmt.rc.Generations;
import org.nixproc.processmgmt.rc.ProfileLock;
import org.nixproc.processmgmt.rc.RcContext;
import org.nixproc.processmgmt.rc.RcDir;
import org.nixproc.processmgmt.rc.RcScript;
import org.nixproc.processmgmt.rc.StateTree;
import org.nixproc.processmgmt.rc.Switcher;

/**
 * {@code rcswitch RCDIR [OLDRCDIR]}: starts every process of an rc directory in order or, given
 * the previously deployed one, upgrades from it (see {@link Switcher}). First it makes the state
 * directories nix-processmgmt's tools make ({@link StateTree}; {@code --force-disable-user-change}
 * leaves a new tmp directory private).
 *
 * <p>With {@code --profile NAME} each switch is recorded as a generation of that profile (see
 * {@link Generations}) and the current generation is the old set when OLDRCDIR is not given;
 * {@code --rollback}, {@code --switch-generation N}, {@code --list-generations} and
 * {@code --delete-generations SPEC...} (numbers, {@code old}, {@code +N}, {@code Nd}) manage them.
 */
final class RcSwitch {
    private static final String USAGE = "usage: rcswitch [--profile NAME] [--force-disable-user-change] RCDIR [OLDRCDIR]\n"
            + "       rcswitch [--profile NAME] --rollback | --switch-generation N | --list-generations\n"
            + "       rcswitch [--profile NAME] --delete-generations (N | old | +N | Nd)...";

    static int run(String[] args, Invocation inv) {
        PrintStream err = inv.err();
        String profile = null;
        String action = "switch";
        String generation = null;
        boolean forceDisableUserChange = false;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--profile", "-p" -> {
                    if (++i == args.length) {
                        return usage(err, "'" + a + "' requires an argument");
                    }
                    profile = args[i];
                }
                case "--rollback" -> action = "rollback";
                case "--force-disable-user-change" -> forceDisableUserChange = true;
                case "--list-generations" -> action = "list";
                case "--delete-generations" -> action = "delete";
                case "--switch-generation", "-G" -> {
                    if (++i == args.length) {
                        return usage(err, "'" + a + "' requires an argument");
                    }
                    action = "goto";
                    generation = args[i];
                }
                case "--help", "-h" -> {
                    inv.out().println(USAGE);
                    return 0;
                }
                default -> {
                    if (a.startsWith("-") && a.length() > 1 && !action.equals("delete")) {
                        return usage(err, "unknown flag '" + a + "'");
                    }
                    positional.add(a);
                }
            }
        }
        RcContext ctx = new RcContext(inv.env(), Bytes.path(inv.cwd()), inv.out(), inv.err());
        try {
            if (action.equals("switch") || action.equals("rollback") || action.equals("goto")) {
                StateTree.make(inv.env(), forceDisableUserChange);
            }
            if (action.equals("switch")) {
                if (positional.isEmpty() || positional.size() > 2) {
                    return usage(err, "expected RCDIR [OLDRCDIR]");
                }
                return switchDirs(ctx, profile, ctx.path(positional.get(0)),
                        positional.size() == 2 ? ctx.path(positional.get(1)) : null);
            }
            Generations gens = ctx.generations(profile == null ? "default" : profile);
            if (action.equals("list")) {
                return positional.isEmpty() ? list(gens, inv.out()) : usage(err, "unexpected arguments");
            }
            if (action.equals("delete") ? positional.isEmpty() : !positional.isEmpty()) {
                return usage(err, action.equals("delete") ? "which generations?" : "unexpected arguments");
            }
            try (ProfileLock lock = gens.lock(err)) {
                return switch (action) {
                    case "delete" -> delete(gens, positional, inv.out(), err);
                    case "rollback" -> rollback(ctx, gens, null);
                    default -> rollback(ctx, gens, generation);
                };
            }
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println("error: " + message);
        err.println(USAGE);
        return 2;
    }

    private static int switchDirs(RcContext ctx, String profile, Path rcDir, Path oldRcDir) {
        Generations gens = profile == null ? null : ctx.generations(profile);
        // The whole switch holds the profile's lock: another switch then starts from its result.
        try (ProfileLock lock = gens == null ? null : gens.lock(ctx.err())) {
            return switchDirs(ctx, profile, gens, rcDir, oldRcDir);
        }
    }

    private static int switchDirs(RcContext ctx, String profile, Generations gens, Path rcDir, Path oldRcDir) {
        if (oldRcDir == null && gens != null) {
            oldRcDir = RcContext.currentRcDir(gens);
        }
        List<RcScript> next = RcDir.startScripts(rcDir);
        List<RcScript> old = oldRcDir == null ? List.of() : RcDir.startScripts(oldRcDir);
        int status = Switcher.forProfile(ctx, RcContext.profileRoot(rcDir)).switchTo(next, old);
        if (gens != null) {
            Path root = RcContext.profileRoot(rcDir);
            String sub = root.equals(rcDir) ? "." : root.relativize(rcDir).toString();
            int n = gens.add(RcContext.realPath(root), sub);
            ctx.err().println("profile '" + profile + "' is now at generation " + n);
        }
        return status;
    }

    // To the generation before the current one, or to the one named.
    private static int rollback(RcContext ctx, Generations gens, String target) {
        Optional<Integer> cur = gens.current();
        if (cur.isEmpty()) {
            throw new IllegalArgumentException("the profile has no current generation");
        }
        Generations.Generation to = null;
        if (target == null) {
            for (Generations.Generation g : gens.list()) {
                if (g.number() < cur.get()) {
                    to = g;
                }
            }
            if (to == null) {
                throw new IllegalArgumentException("no generation older than the current generation (" + cur.get() + ")");
            }
        } else {
            int n;
            try {
                n = Integer.parseInt(target);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid generation number '" + target + "'");
            }
            to = gens.get(n).orElseThrow(() -> new IllegalArgumentException("generation " + n + " does not exist"));
        }
        String sub = gens.rcSubdir();
        Path oldDir = RcContext.currentRcDir(gens);
        Path newDir = to.target().resolve(sub);
        int status = Switcher.forProfile(ctx, to.target()).switchTo(RcDir.startScripts(newDir),
                oldDir == null ? List.of() : RcDir.startScripts(oldDir));
        gens.switchTo(to.number());
        ctx.err().println("switched from generation " + cur.get() + " to " + to.number());
        return status;
    }

    private static int list(Generations gens, PrintStream out) {
        int cur = gens.current().orElse(-1);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
        for (Generations.Generation g : gens.list()) {
            out.printf("%4d   %s   %s%s%n", g.number(), f.format(g.created()), g.target(),
                    g.number() == cur ? "   (current)" : "");
        }
        out.flush();
        return 0;
    }

    private static int delete(Generations gens, List<String> specs, PrintStream out, PrintStream err) {
        int cur = gens.current().orElse(-1);
        int status = 0;
        for (int n : gens.matching(specs)) {
            if (n == cur) {
                err.println("error: cannot delete the current generation (" + n + ")");
                status = 1;
            } else if (gens.delete(n)) {
                out.println("removing generation " + n);
            }
        }
        out.flush();
        return status;
    }
}
