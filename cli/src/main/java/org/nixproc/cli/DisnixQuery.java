package org.nixproc.cli;

import org.nixproc.processmgmt.disnix.ClientInterface;
import org.nixproc.processmgmt.disnix.InfrastructureModel;
import org.nixproc.processmgmt.disnix.Manifest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.store.local.StoreConfig;

/**
 * {@code disnix-query -i infrastructure.nix}: asks every target of the infrastructure which
 * services it runs (its profile, as the last deployment set it) and prints them per target.
 */
final class DisnixQuery {
    private static final String USAGE = "usage: disnix-query -i INFRASTRUCTURE";

    static int run(String[] args, Invocation inv) {
        PrintStream out = inv.out();
        PrintStream err = inv.err();
        String infrastructure = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-i", "--infrastructure" -> {
                    if (++i == args.length) {
                        return usage(err, "'" + args[i - 1] + "' requires an argument");
                    }
                    infrastructure = args[i];
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    return usage(err, "unknown flag '" + args[i] + "'");
                }
            }
        }
        if (infrastructure == null) {
            return usage(err, "an infrastructure model (-i) is required");
        }
        Path cwd = Bytes.path(inv.cwd());
        String storeDir = StoreConfig.fromEnvironment(inv.env(), err).storeDir();
        int status = 0;
        try {
            for (InfrastructureModel.Machine m : InfrastructureModel.read(inv.env(), cwd, cwd.resolve(infrastructure)).values()) {
                Manifest.Target t = new Manifest.Target(m.name(), m.address(), m.clientInterface(), null, null, 1);
                ClientInterface.Result r = new ClientInterface(t, inv.env(), storeDir).run("query-installed");
                if (!r.ok()) {
                    err.println("error: querying target '" + m.name() + "' failed: " + r.why());
                    status = 1;
                    continue;
                }
                out.println("Services on: " + m.name() + " (" + m.address() + ")");
                out.println();
                for (String line : r.out().lines().filter(l -> !l.isBlank()).toList()) {
                    String[] f = line.split("\t");
                    out.println(f.length == 4 ? "  " + f[0] + "  (" + f[2] + ", container " + f[1] + ")  " + f[3] : "  " + line);
                }
                out.println();
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        out.flush();
        return status;
    }

    private static int usage(PrintStream err, String message) {
        err.println("error: " + message);
        err.println(USAGE);
        return 2;
    }
}
