package org.nixproc.processmgmt.sysvinit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden tests of generated init scripts: each attribute of
 * {@code src/test/resources/sysvinit/golden/scripts.nix} is built and its
 * {@code etc/rc.d/init.d} script compared with {@code NAME.sh} next to it (store paths written as
 * {@code /nix/store/HASH-name}). Regenerate the expected files with
 * {@code mvn -o test -pl cli -Dtest=SysVInitGoldenTest -Dnixproc.sysvinit.regenerate=true}.
 */
class SysVInitGoldenTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"nginx-activities", "nginx-instructions", "nginx-process", "webapp", "webapp-instance",
            "everything"})
    void scriptMatchesGolden(String attr) throws Exception {
        SysVInitFixture fx = new SysVInitFixture(tmp);
        Path dir = Path.of("src/test/resources/sysvinit/golden").toAbsolutePath();
        Path out = fx.buildFile("scripts.nix", Files.readString(dir.resolve("scripts.nix")), attr);
        Path initd = out.resolve("etc/rc.d/init.d");
        Path script;
        try (var files = Files.list(initd)) {
            script = files.findFirst().orElseThrow();
        }
        String actual = Files.readString(script)
                .replaceAll(java.util.regex.Pattern.quote(fx.store().toString()) + "/[0-9a-z]{32}-", "/nix/store/HASH-");
        Path expected = dir.resolve(attr + ".sh");
        if (Boolean.getBoolean("nixproc.sysvinit.regenerate")) {
            Files.writeString(expected, actual);
        }
        assertEquals(Files.readString(expected), actual, "script of " + attr);
    }
}
