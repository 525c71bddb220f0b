package org.nixproc.processmgmt.testdriver;

/**
 * How a test deploys inside its container. Privileged: as root with the default state directory,
 * users and groups really created from the processes' credentials. Unprivileged: as an ordinary
 * user with the state directory in its home and {@code forceDisableUserChange}, as one deploys
 * without root on one's own machine (so ports must be above 1024).
 */
public enum TestProfile {
    PRIVILEGED("root", "/root", "/var", false),
    UNPRIVILEGED("unprivileged", "/home/unprivileged", "/home/unprivileged/var", true);

    private final String user;
    private final String home;
    private final String stateDir;
    private final boolean forceDisableUserChange;

    TestProfile(String user, String home, String stateDir, boolean forceDisableUserChange) {
        this.user = user;
        this.home = home;
        this.stateDir = stateDir;
        this.forceDisableUserChange = forceDisableUserChange;
    }

    public String user() {
        return user;
    }

    public String home() {
        return home;
    }

    public String stateDir() {
        return stateDir;
    }

    public boolean forceDisableUserChange() {
        return forceDisableUserChange;
    }

    /** Whether the deployment creates and deletes users and groups. */
    public boolean managesCredentials() {
        return !forceDisableUserChange;
    }

    /** The profile named on the command line ({@code privileged}, {@code unprivileged}). */
    public static TestProfile named(String name) {
        for (TestProfile p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "' (expected privileged or unprivileged)");
    }
}
