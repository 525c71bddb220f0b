package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nixproc.store.local.LocalStore;

/**
 * One deployment of a manifest to its network, the steps of {@code disnix-env}: copy each
 * target's closure, lock the targets, move from the current generation's manifest to this one
 * (rolled back everywhere if an activation fails), set the target profiles, record the generation,
 * unlock. The coordinator's own lock is held throughout.
 */
public final class Deployment {
    private final Map<String, String> env;
    private final PrintStream log;
    private final CoordinatorProfile profile;
    private final LocalStore store;

    public Deployment(Map<String, String> env, PrintStream log, CoordinatorProfile profile, LocalStore store) {
        this.env = env;
        this.log = log;
        this.profile = profile;
        this.store = store;
    }

    /**
     * Deploys {@code manifestPath}; {@code generation} is the existing generation being switched
     * to (rollback), or null for a new one. Gives the exit status.
     */
    public int deploy(Path manifestPath, Integer generation) throws IOException, InterruptedException {
        Optional<CoordinatorProfile.Generation> cur = profile.current();
        Manifest old = cur.isPresent() ? Manifest.read(cur.get().manifest()) : null;
        Manifest next = Manifest.read(manifestPath);
        Map<String, ClientInterface> clients = new LinkedHashMap<>();
        if (old != null) {
            old.targets().values().forEach(t -> clients.put(t.name(), new ClientInterface(t, env, store.config().storeDir())));
        }
        next.targets().values().forEach(t -> clients.put(t.name(), new ClientInterface(t, env, store.config().storeDir())));

        Map<ClientInterface, String> profiles = new LinkedHashMap<>();
        next.targets().values().forEach(t -> profiles.put(clients.get(t.name()), t.profile()));
        Map<String, Integer> copied = new Transfer(store, log).copy(profiles);
        int total = copied.values().stream().mapToInt(Integer::intValue).sum();

        String owner = owner();
        List<ClientInterface> locked = new ArrayList<>();
        try {
            boolean allLocked = true;
            for (Map.Entry<ClientInterface, ClientInterface.Result> e : onEach(clients.values(), "lock", owner).entrySet()) {
                if (e.getValue().ok()) {
                    locked.add(e.getKey());
                } else {
                    log.println("error: cannot lock target '" + e.getKey().targetName() + "': " + e.getValue().why());
                    allLocked = false;
                }
            }
            if (!allLocked) {
                return 1;
            }
            Transition.Outcome outcome = new Transition(clients, log).run(old, next);
            if (!outcome.ok()) {
                log.println("error: the deployment failed: activating " + outcome.failed().describe()
                        + " failed; the previous configuration was restored");
                return 1;
            }
            boolean profilesSet = true;
            for (Map.Entry<ClientInterface, ClientInterface.Result> e : OnEachTarget.run(profiles.keySet(),
                    c -> c.run("set-profile", profiles.get(c))).entrySet()) {
                if (!e.getValue().ok()) {
                    log.println("error: setting the profile of target '" + e.getKey().targetName() + "': " + e.getValue().why());
                    profilesSet = false;
                }
            }
            if (!profilesSet) {
                return 1;
            }
            int n;
            if (generation == null) {
                n = profile.add(manifestPath);
            } else {
                profile.switchTo(generation);
                n = generation;
            }
            log.println("deployment finished (generation " + n + "): " + total + " store paths copied, "
                    + outcome.deactivated() + " services deactivated, " + outcome.activated() + " activated");
            return 0;
        } finally {
            for (Map.Entry<ClientInterface, ClientInterface.Result> e : onEach(locked, "unlock", owner).entrySet()) {
                if (!e.getValue().ok()) {
                    log.println("warning: cannot unlock target '" + e.getKey().targetName() + "': " + e.getValue().why());
                }
            }
            log.flush();
        }
    }

    // A remote call on every target at once; a client that cannot even run counts as a failed call.
    private static Map<ClientInterface, ClientInterface.Result> onEach(java.util.Collection<ClientInterface> targets,
            String... activity) throws IOException, InterruptedException {
        return OnEachTarget.run(targets, c -> {
            try {
                return c.run(activity);
            } catch (IOException e) {
                return new ClientInterface.Result(1, "", "error: " + e.getMessage());
            }
        });
    }

    private static String owner() {
        String host;
        try {
            host = java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            host = "localhost";
        }
        return "disnix-env:" + host + ":" + ProcessHandle.current().pid();
    }
}
