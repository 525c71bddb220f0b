package org.nixproc.processmgmt.systemd;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.nixproc.processmgmt.ControlCommand;

/** systemctl, for the system's units or (with {@code --user}) the user's. */
public final class Systemctl {
    private final ControlCommand command;
    private final PrintStream err;
    private final boolean user;

    public Systemctl(ControlCommand command, PrintStream err, boolean user) {
        this.command = command;
        this.err = err;
        this.user = user;
    }

    /** Runs {@code systemctl VERB UNITS...}, its output and any failure reported on the error stream; its exit status. */
    public int run(String verb, List<String> units) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("systemctl"));
        if (user) {
            cmd.add("--user");
        }
        cmd.add(verb);
        cmd.addAll(units);
        ControlCommand.Result r;
        try {
            r = command.run(cmd);
        } catch (IOException e) {
            throw new IOException("cannot run systemctl: " + e.getMessage());
        }
        err.print(r.out());
        if (r.status() != 0) {
            err.println("error: 'systemctl " + String.join(" ", cmd.subList(1, cmd.size())) + "' failed (exit code "
                    + r.status() + ")");
        }
        return r.status();
    }
}
