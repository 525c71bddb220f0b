package org.nixproc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Command lines the commands refuse, with Nix 2.8's words and exit status 1. */
class CommandLineErrorTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nix-build|-A|'-A' requires an argument",
        "nix-build|--attr|'--attr' requires an argument",
        "nix-build|-o|'-o' requires an argument",
        "nix-build|-I|flag '-I' requires 1 argument(s)",
        "nix-build|--arg|flag '--arg' requires 2 argument(s)",
        "nix-build|--argstr x|flag '--argstr' requires 2 argument(s)",
        "nix-build|-j|flag '-j' requires 1 argument(s)",
        "nix-build|-j x|configuration setting 'max-jobs' should be 'auto' or an integer",
        "nix-build|--max-jobs -1|configuration setting 'max-jobs' should be 'auto' or an integer",
        "nix-build|--cores 1.5|'1.5' is not an integer",
        "nix-build|--option x|flag '--option' requires 2 argument(s)",
        "nix-instantiate|--add-root|'--add-root' requires an argument",
        "nix-store|--bogus|no operation specified",
        "nix-store|--gc --delete|only one operation may be specified",
        "nix-store|-q --bogus x|unknown flag '--bogus'",
        "nix-store|-q --references --referrers x|query type '--referrers' conflicts with earlier flag",
        "nix-store|--gc --bogus|bad sub-operation '--bogus' in GC",
        "nix-store|--gc x|no arguments expected",
        "nix-store|--delete --bogus x|unknown flag '--bogus'",
        "nix-store|--verify x|no arguments expected",
        "nix-store|--verify --dry-run|unknown flag '--dry-run'",
        "nix-store|-r --add-root|'--add-root' requires an argument",
        "nix-store|-r x -j|flag '-j' requires 1 argument(s)",
        "nix-store|-r x --print-roots|unknown flag '--print-roots'",
        "nix-store|--gc --print-roots x|no arguments expected",
    })
    void missingOrBadArguments(String command, String args, String message) throws Exception {
        Map<String, String> env = Map.of("NIX_STORE_DIR", tmp.resolve("store").toString(), "NIXPROC_STORE_STATE_DIR",
                tmp.resolve("state").toString());
        CapturedRun r = CapturedRun.run(command, env, tmp.toString(), args.split(" "));
        assertEquals(1, r.status());
        assertEquals("error: " + message + "\nTry '" + command + " --help' for more information.\n", r.err());
    }
}
