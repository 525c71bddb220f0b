package org.nixproc.cli;

/**
 * A command contributed by another module (process management's rcswitch, ...). {@link Main}
 * cannot name those classes at compile time, so it finds them with {@link java.util.ServiceLoader}
 * (registered in {@code META-INF/services/org.nixproc.cli.Command}) when the command is none of its own.
 */
public interface Command {
    /** The name the command is invoked by, as bin/NAME passes it. */
    String name();

    /** Runs the command; returns its exit status. */
    int run(String[] args, Invocation inv);
}
