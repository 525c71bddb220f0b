package org.nixproc.processmgmt.rc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users and groups: created groups first, deleted users first, kept when still needed; never touched when disabled. */
class CredentialsTest {
    @TempDir
    Path tmp;

    private final List<String> commands = new ArrayList<>();
    private final Set<String> existing = new HashSet<>();

    // A fake system: getent answers from `existing`, the others are recorded and change it.
    private int admin(List<String> cmd) {
        String c = String.join(" ", cmd);
        if (cmd.get(0).equals("getent")) {
            return existing.contains(cmd.get(1) + ":" + cmd.get(2)) ? 0 : 2;
        }
        commands.add(c);
        String name = cmd.get(cmd.size() - 1);
        switch (cmd.get(0)) {
            case "groupadd" -> existing.add("group:" + name);
            case "useradd" -> existing.add("passwd:" + name);
            case "groupdel" -> existing.remove("group:" + name);
            case "userdel" -> existing.remove("passwd:" + name);
            default -> { }
        }
        return 0;
    }

    private RcScript pkg(String name, String user, String group) throws IOException {
        Path root = tmp.resolve(name);
        Files.createDirectories(root.resolve("dysnomia-support/groups"));
        Files.createDirectories(root.resolve("dysnomia-support/users"));
        Files.writeString(root.resolve("dysnomia-support/groups/" + group), "");
        Files.writeString(root.resolve("dysnomia-support/users/" + user), "group=" + group + "\ndescription=Web app\n");
        Path script = root.resolve("etc/rc.d/init.d/" + name);
        return new RcScript("S10" + name, script, script, root);
    }

    @Test
    void createsBeforeAndDeletesAfter() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Credentials c = new Credentials(true, this::admin, new PrintStream(err, true, StandardCharsets.UTF_8));
        RcScript w1 = pkg("webapp1", "webapp1", "webapp1");
        RcScript w2 = pkg("webapp2", "webapp2", "shared");
        RcScript w3 = pkg("webapp3", "webapp3", "shared");
        c.create(List.of(w1, w2, w3));
        assertEquals(List.of("groupadd -- webapp1", "groupadd -- shared",
                "useradd -g webapp1 -c Web app -M -s /bin/false -- webapp1",
                "useradd -g shared -c Web app -M -s /bin/false -- webapp2",
                "useradd -g shared -c Web app -M -s /bin/false -- webapp3"), commands);
        commands.clear();
        c.create(List.of(w1));
        assertEquals(List.of(), commands, "existing accounts are left alone");
        c.delete(List.of(w1, w2), List.of(w3));
        assertEquals(List.of("userdel -- webapp1", "userdel -- webapp2", "groupdel -- webapp1"), commands);
    }

    @Test
    void disabledOrMarkedTouchesNothing() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
        RcScript w1 = pkg("webapp1", "webapp1", "webapp1");
        new Credentials(false, this::admin, ps).create(List.of(w1));
        assertEquals(List.of(), commands);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("note: not creating users [webapp1]"), err.toString());

        Files.createFile(tmp.resolve("webapp1").resolve(Credentials.MARKER));
        new Credentials(true, this::admin, ps).create(List.of(w1));
        assertEquals(List.of(), commands);
        Path profile = Files.createDirectories(tmp.resolve("profile"));
        Files.createFile(profile.resolve(Credentials.MARKER));
        assertTrue(!Credentials.allowed(profile));
    }

    @Test
    void parsesShellQuotedValues() {
        assertEquals(java.util.Map.of("group", "web", "description", "It's a \"web\"\napp", "shell", "/bin/sh", "x", "a b"),
                org.nixproc.processmgmt.sysvinit.KeyValueFile.parse("# comment\ngroup=web\ndescription='It'\\''s a \"web\"\napp'\nshell=/bin/sh\nx=\"a b\"\n"));
    }

    @Test
    void homeDirectoryOnlyUsersGetTheirHomeAndNoAccount() throws IOException {
        RcScript w = pkg("webapp", "webapp", "webapp");
        Path home = tmp.resolve("home/webapp");
        Files.delete(tmp.resolve("webapp/dysnomia-support/groups/webapp"));
        Files.writeString(tmp.resolve("webapp/dysnomia-support/users/webapp"),
                "homeDir=" + home + "\ncreateHomeDir=1\ncreateHomeDirOnly=1\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new Credentials(true, this::admin, new PrintStream(err, true, StandardCharsets.UTF_8)).create(List.of(w));
        assertEquals(List.of(), commands);
        assertTrue(Files.isDirectory(home));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        new Credentials(true, this::admin, new PrintStream(err, true, StandardCharsets.UTF_8)).delete(List.of(w), List.of());
        assertEquals(List.of(), commands);
    }
}
