package org.nixproc.cli;

import java.util.Map;
import org.nixproc.store.build.BuildSettings;

/**
 * The flags nix-build and nix-store share about how builds run, from Nix's common options:
 * -Q/--no-build-output, -K/--keep-failed, --cores N, -j/--max-jobs N|auto, --repair (outputs in the
 * store but not registered, as after losing the database, are rebuilt aside and adopted if the
 * same, else replaced); and those accepted but
 * changing nothing here (--option NAME VALUE, -k/--keep-going, -v/--verbose, --quiet,
 * --no-substitute). Their errors are worded as Nix 2.8 words them.
 */
final class BuildFlags {
    private boolean quiet;
    private boolean keepFailed;
    private boolean repair;
    private int cores;
    private int maxJobs;

    /** Consumes a build flag at argv[i]; returns how many arguments it took, 0 if not one of these. */
    int parse(String[] argv, int i) throws CommandLineError {
        switch (argv[i]) {
            case "-Q", "--no-build-output" -> quiet = true;
            case "-K", "--keep-failed" -> keepFailed = true;
            case "--repair" -> repair = true;
            case "--cores" -> {
                cores = parseCores(CommandLineError.flagArgument(argv, i, 1));
                return 2;
            }
            case "-j", "--max-jobs" -> {
                maxJobs = parseJobs(CommandLineError.flagArgument(argv, i, 1), argv[i]);
                return 2;
            }
            case "--option" -> {
                CommandLineError.flagArgument(argv, i, 2);
                return 3;
            }
            case "-k", "--keep-going", "-v", "--verbose", "--quiet", "--no-substitute" -> {
            }
            default -> {
                return 0;
            }
        }
        return 1;
    }

    /** The settings for a process with environment {@code env}, as these flags change them. */
    BuildSettings settings(Map<String, String> env) {
        BuildSettings s = BuildSettings.fromEnvironment(env).withShowLog(!quiet).withKeepFailed(keepFailed)
                .withRepair(repair);
        if (cores > 0) {
            s = s.withCores(cores);
        }
        return maxJobs > 0 ? s.withMaxJobs(maxJobs) : s;
    }

    // A number of builds, or "auto" for one per processor, as Nix's max-jobs.
    private static int parseJobs(String s, String flag) throws CommandLineError {
        if (s.equals("auto")) {
            return Runtime.getRuntime().availableProcessors();
        }
        int n;
        try {
            n = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0) {
            throw new CommandLineError("configuration setting 'max-jobs' should be 'auto' or an integer");
        }
        if (n == 0) {
            throw new CommandLineError("flag '" + flag
                    + "' needs at least one build at once: nixproc has no remote builders");
        }
        return n;
    }

    private static int parseCores(String s) throws CommandLineError {
        try {
            int n = Integer.parseInt(s);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Worded below, as Nix words any unsigned setting that is not a number.
        }
        throw new CommandLineError("'" + s + "' is not an integer");
    }
}
