package org.nixproc.processmgmt.rc;

import java.nio.file.Path;

/**
 * One S entry of an rc directory: {@code SNNname -> ../init.d/name}.
 *
 * @param linkName the entry's name in the rc directory ({@code S10webapp})
 * @param script   the entry as found in the rc directory (what gets run)
 * @param resolved the script with every symlink resolved: its store path, which identifies it across profiles
 * @param packageRoot the package the script belongs to (the store path above {@code etc/rc.d/init.d}),
 *                 where its credentials live and whose references tell its dependencies
 */
public record RcScript(String linkName, Path script, Path resolved, Path packageRoot) {
    /** The process name: the entry's name without the S and the sequence number. */
    public String processName() {
        int i = 1;
        while (i < linkName.length() && Character.isDigit(linkName.charAt(i))) {
            i++;
        }
        return linkName.substring(i);
    }
}
