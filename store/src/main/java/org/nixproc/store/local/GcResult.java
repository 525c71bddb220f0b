package org.nixproc.store.local;

import java.util.List;

/** What a garbage collection deleted (or, dry, would delete), and the bytes of regular files freed. */
public record GcResult(List<String> deleted, long bytesFreed) {
    public GcResult {
        deleted = List.copyOf(deleted);
    }
}
