package org.nixproc.store.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.nixproc.lang.eval.Platform;

/**
 * How builds run: where build directories are made (TMPDIR, else /tmp), NIX_BUILD_CORES, how many
 * run at once (at most maxJobs builder processes, as Nix's max-jobs, 1 unless -j says otherwise;
 * and at most javaJobs builds in all, so Java builders, which run in-process, may run beside them:
 * by default one per processor), whether builder output is shown as it comes, whether failed build
 * directories are kept (-K), the platform and features this machine builds for, the environment
 * impure variables are taken from (fixed-output derivations' {@code impureEnvVars}), the Java
 * builders available, and whether outputs found in the store without being registered are
 * repaired (--repair: see {@link DerivationBuilder}).
 */
public record BuildSettings(Path tmpRoot, int cores, int maxJobs, int javaJobs, boolean showLog, boolean keepFailed,
        String system, SortedSet<String> systemFeatures, Map<String, String> hostEnv, JavaBuilders builders,
        boolean repair) {

    public BuildSettings {
        systemFeatures = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(systemFeatures));
        hostEnv = Map.copyOf(hostEnv);
    }

    /** The defaults for a process with environment {@code env}. */
    public static BuildSettings fromEnvironment(Map<String, String> env) {
        String tmp = env.get("TMPDIR");
        Path root = Path.of(tmp == null || tmp.isEmpty() ? "/tmp" : tmp);
        int processors = Math.max(1, Runtime.getRuntime().availableProcessors());
        return new BuildSettings(root, processors, 1, processors, true, false, Platform.system(), hostFeatures(), env,
                JavaBuilders.load(), false);
    }

    /** The defaults for this JVM's environment. */
    public static BuildSettings defaults() {
        return fromEnvironment(System.getenv());
    }

    public BuildSettings withShowLog(boolean show) {
        return new BuildSettings(tmpRoot, cores, maxJobs, javaJobs,
                show, keepFailed, system, systemFeatures, hostEnv, builders, repair);
    }

    public BuildSettings withKeepFailed(boolean keep) {
        return new BuildSettings(tmpRoot, cores, maxJobs, javaJobs,
                showLog, keep, system, systemFeatures, hostEnv, builders, repair);
    }

    public BuildSettings withCores(int n) {
        return new BuildSettings(tmpRoot, Math.max(1, n), maxJobs, javaJobs,
                showLog, keepFailed, system, systemFeatures, hostEnv, builders, repair);
    }

    /** -j N: at most N builds at once, whatever their builder. */
    public BuildSettings withMaxJobs(int n) {
        return new BuildSettings(tmpRoot, cores, Math.max(1, n), Math.max(1, n), showLog, keepFailed, system,
                systemFeatures, hostEnv, builders, repair);
    }

    public BuildSettings withTmpRoot(Path root) {
        return new BuildSettings(root, cores, maxJobs, javaJobs,
                showLog, keepFailed, system, systemFeatures, hostEnv, builders, repair);
    }

    public BuildSettings withBuilders(JavaBuilders b) {
        return new BuildSettings(tmpRoot, cores, maxJobs, javaJobs,
                showLog, keepFailed, system, systemFeatures, hostEnv, b, repair);
    }

    /** --repair: outputs in the store but not registered are built aside, then adopted or replaced. */
    public BuildSettings withRepair(boolean r) {
        return new BuildSettings(tmpRoot, cores, maxJobs, javaJobs,
                showLog, keepFailed, system, systemFeatures, hostEnv, builders, r);
    }

    // Nix's default system-features: kvm only where /dev/kvm can be used.
    private static SortedSet<String> hostFeatures() {
        SortedSet<String> f = new TreeSet<>(Set.of("benchmark", "big-parallel", "nixos-test"));
        Path kvm = Path.of("/dev/kvm");
        if (Files.isReadable(kvm) && Files.isWritable(kvm)) {
            f.add("kvm");
        }
        return f;
    }
}
