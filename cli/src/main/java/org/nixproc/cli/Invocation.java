package org.nixproc.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command runs with: its output streams (bytes written as ISO-8859-1, i.e. unchanged),
 * standard input, environment and working directory (a Nix byte string). Tests run commands
 * in-process with their own.
 */
public record Invocation(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, String cwd) {
}
