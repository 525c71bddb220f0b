package org.nixproc.store.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.nixproc.store.StoreException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * The SQLite database of valid paths, with Nix's schema: {@code ValidPaths} (one row per valid
 * path: NAR hash, registration time, deriver, NAR size), {@code Refs} (referrer and reference
 * row ids) and {@code DerivationOutputs}. WAL mode lets readers run beside one writer; writers
 * start transactions IMMEDIATE (taking the write lock at once, so two writers cannot deadlock
 * upgrading read locks), wait on a busy database, and are retried if it stays busy.
 *
 * <p>One connection, used by one thread at a time (the methods are synchronized).
 */
final class StoreDb implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MS = 60_000;
    private static final int RETRIES = 20;
    /** Pages of write-ahead log (4 KiB each) after which a commit copies them into the database. */
    private static final int CHECKPOINT_PAGES = 16384;

    private static final String[] SCHEMA = {
        "create table if not exists ValidPaths (id integer primary key autoincrement not null,"
            + " path text unique not null, hash text not null, registrationTime integer not null,"
            + " deriver text, narSize integer, ultimate integer, sigs text, ca text)",
        "create table if not exists Refs (referrer integer not null, reference integer not null,"
            + " primary key (referrer, reference),"
            + " foreign key (referrer) references ValidPaths(id) on delete cascade,"
            + " foreign key (reference) references ValidPaths(id) on delete restrict)",
        "create index if not exists IndexReferrer on Refs(referrer)",
        "create index if not exists IndexReference on Refs(reference)",
        "create table if not exists DerivationOutputs (drv integer not null, id text not null,"
            + " path text not null, primary key (drv, id),"
            + " foreign key (drv) references ValidPaths(id) on delete cascade)",
        "create index if not exists IndexDerivationOutputs on DerivationOutputs(path)",
        // nixproc's own: see Mark.
        "create table if not exists Claimed (name text primary key not null)",
        "create table if not exists Adopted (name text primary key not null)",
        // The process group of the builder writing into a claimed output (see ProcessGroups).
        "create table if not exists Builders (name text primary key not null, pgid integer not null,"
            + " started integer not null)",
    };

    /** nixproc's marks on store paths ({@link Ownership}), kept by base name: a table each. */
    enum Mark {
        CLAIMED("Claimed"), ADOPTED("Adopted");

        private final String table;

        Mark(String table) {
            this.table = table;
        }
    }

    private final Connection conn;
    /** Prepared once, used for the life of the connection: preparing costs more than a lookup runs. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    StoreDb(Path file) {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
        cfg.enforceForeignKeys(true);
        try {
            // Auto-commit stays on and transactions are begun by hand: the driver's own
            // transaction mode begins the next transaction right after each commit, which with
            // IMMEDIATE would hold the write lock between our transactions.
            conn = cfg.createConnection("jdbc:sqlite:" + file);
            try (Statement s = conn.createStatement()) {
                // A build registers thousands of paths, a transaction each; checkpointing every
                // 1000 pages of log (SQLite's default) synced the disk twice per few dozen of them.
                s.execute("pragma wal_autocheckpoint = " + CHECKPOINT_PAGES);
            }
            transaction(() -> {
                try (Statement s = conn.createStatement()) {
                    for (String sql : SCHEMA) {
                        s.execute(sql);
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreException("opening the store database '" + file + "': " + e.getMessage(), e);
        }
    }

    /** A unit of work in one transaction. */
    interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} in one write transaction, retrying while the database is busy. */
    synchronized <T> T transaction(Work<T> work) {
        return run("begin immediate", work);
    }

    /** Runs {@code work} in one read transaction (a consistent snapshot; writers are not blocked). */
    synchronized <T> T read(Work<T> work) {
        return run("begin", work);
    }

    /** Runs {@code work}, a single query, which is a transaction of its own. */
    synchronized <T> T query(Work<T> work) {
        return run(null, work);
    }

    private <T> T run(String begin, Work<T> work) {
        for (int attempt = 0;; attempt++) {
            boolean begun = false;
            try {
                if (begin == null) {
                    return work.run();
                }
                prepared(begin).execute();
                begun = true;
                T result = work.run();
                prepared("commit").execute();
                return result;
            } catch (SQLException e) {
                if (begun) {
                    rollback();
                }
                if (!isBusy(e) || attempt >= RETRIES) {
                    throw new StoreException("store database: " + e.getMessage(), e);
                }
                sleep(50L * (attempt + 1));
            } catch (RuntimeException e) {
                if (begun) {
                    rollback();
                }
                throw e;
            }
        }
    }

    private void rollback() {
        try {
            prepared("rollback").execute();
        } catch (SQLException e) {
            // Nothing more to undo.
        }
    }

    private static boolean isBusy(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = conn.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    // ---------------------------------------------------------------- queries (inside transactions)

    Long id(String path) throws SQLException {
        PreparedStatement ps = prepared("select id from ValidPaths where path = ?");
        ps.setString(1, path);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    private String hash(String path) throws SQLException {
        PreparedStatement ps = prepared("select hash from ValidPaths where path = ?");
        ps.setString(1, path);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    Optional<ValidPathInfo> info(String path) throws SQLException {
        PreparedStatement ps = prepared("select id, hash, narSize, deriver from ValidPaths where path = ?");
        ps.setString(1, path);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            long id = rs.getLong(1);
            String hash = rs.getString(2);
            long size = rs.getLong(3);
            String deriver = rs.getString(4);
            return Optional.of(new ValidPathInfo(path, hash, size, references(id), deriver));
        }
    }

    private Set<String> references(long id) throws SQLException {
        return strings("select p.path from Refs r join ValidPaths p on p.id = r.reference where r.referrer = ?", id);
    }

    Set<String> referrers(String path) throws SQLException {
        Long id = id(path);
        return id == null ? Set.of()
                : strings("select p.path from Refs r join ValidPaths p on p.id = r.referrer where r.reference = ?", id);
    }

    private Set<String> strings(String sql, long id) throws SQLException {
        Set<String> out = new TreeSet<>();
        PreparedStatement ps = prepared(sql);
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    List<String> allPaths() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("select path from ValidPaths order by path")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /**
     * Adds the paths not yet valid, then their references (a batch may refer within itself), and
     * each derivation's outputs. Already valid paths are left as they are, but for one given with
     * another NAR hash (a repaired path), which gets the new hash, size and references.
     */
    void insert(List<ValidPathInfo> infos, java.util.function.Function<String, java.util.Map<String, String>> drvOutputs)
            throws SQLException {
        Set<String> batch = new HashSet<>();
        List<ValidPathInfo> fresh = new ArrayList<>();
        List<ValidPathInfo> repaired = new ArrayList<>();
        for (ValidPathInfo i : infos) {
            String oldHash = hash(i.path());
            if (oldHash == null && batch.add(i.path())) {
                fresh.add(i);
            } else if (oldHash != null && !oldHash.equals(i.narHash())) {
                repaired.add(i);
            }
        }
        PreparedStatement update = prepared("update ValidPaths set hash = ?, narSize = ? where path = ?");
        PreparedStatement dropRefs = prepared("delete from Refs where referrer = ?");
        for (ValidPathInfo i : repaired) {
            update.setString(1, i.narHash());
            update.setLong(2, i.narSize());
            update.setString(3, i.path());
            update.executeUpdate();
            dropRefs.setLong(1, id(i.path()));
            dropRefs.executeUpdate();
        }
        long now = System.currentTimeMillis() / 1000;
        PreparedStatement paths = prepared(
                "insert into ValidPaths (path, hash, registrationTime, deriver, narSize) values (?, ?, ?, ?, ?)");
        for (ValidPathInfo i : fresh) {
            paths.setString(1, i.path());
            paths.setString(2, i.narHash());
            paths.setLong(3, now);
            paths.setString(4, i.deriver());
            paths.setLong(5, i.narSize());
            paths.executeUpdate();
        }
        PreparedStatement refs = prepared("insert or ignore into Refs (referrer, reference) values (?, ?)");
        List<ValidPathInfo> withRefs = new ArrayList<>(fresh);
        withRefs.addAll(repaired);
        for (ValidPathInfo i : withRefs) {
            long referrer = id(i.path());
            for (String r : i.references()) {
                Long ref = id(r);
                if (ref == null) {
                    throw new StoreException("cannot register path '" + i.path() + "': its reference '" + r
                            + "' is not valid");
                }
                refs.setLong(1, referrer);
                refs.setLong(2, ref);
                refs.executeUpdate();
            }
        }
        PreparedStatement outputs = prepared("insert or replace into DerivationOutputs (drv, id, path) values (?, ?, ?)");
        for (ValidPathInfo i : fresh) {
            if (i.path().endsWith(".drv")) {
                long drv = id(i.path());
                for (java.util.Map.Entry<String, String> o : drvOutputs.apply(i.path()).entrySet()) {
                    outputs.setLong(1, drv);
                    outputs.setString(2, o.getKey());
                    outputs.setString(3, o.getValue());
                    outputs.executeUpdate();
                }
            }
        }
    }

    void mark(Mark mark, Collection<String> paths) throws SQLException {
        PreparedStatement ps = prepared("insert or ignore into " + mark.table + " (name) values (?)");
        for (String p : paths) {
            ps.setString(1, baseName(p));
            ps.executeUpdate();
        }
    }

    boolean isMarked(Mark mark, String path) throws SQLException {
        PreparedStatement ps = prepared("select 1 from " + mark.table + " where name = ?");
        ps.setString(1, baseName(path));
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    void unmark(Mark mark, Collection<String> paths) throws SQLException {
        PreparedStatement ps = prepared("delete from " + mark.table + " where name = ?");
        for (String p : paths) {
            ps.setString(1, baseName(p));
            ps.executeUpdate();
        }
    }

    /** The base names marked so. */
    List<String> marked(Mark mark) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("select name from " + mark.table)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Records the builder (its process group and the leader's start time) writing into {@code paths}. */
    void recordBuilder(Collection<String> paths, long pgid, long started) throws SQLException {
        PreparedStatement ps = prepared("insert or replace into Builders (name, pgid, started) values (?, ?, ?)");
        for (String p : paths) {
            ps.setString(1, baseName(p));
            ps.setLong(2, pgid);
            ps.setLong(3, started);
            ps.executeUpdate();
        }
    }

    /** The builder recorded for {@code path}: its process group and start time. */
    Optional<long[]> builder(String path) throws SQLException {
        PreparedStatement ps = prepared("select pgid, started from Builders where name = ?");
        ps.setString(1, baseName(path));
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new long[] {rs.getLong(1), rs.getLong(2)}) : Optional.empty();
        }
    }

    void forgetBuilders(Collection<String> paths) throws SQLException {
        PreparedStatement ps = prepared("delete from Builders where name = ?");
        for (String p : paths) {
            ps.setString(1, baseName(p));
            ps.executeUpdate();
        }
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Removes paths (their references go with them; referrers must be gone or among them). */
    void remove(Collection<String> paths) throws SQLException {
        PreparedStatement refs = prepared("delete from Refs where referrer = (select id from ValidPaths where path = ?)");
        PreparedStatement ps = prepared("delete from ValidPaths where path = ?");
        for (String p : paths) {
            refs.setString(1, p);
            refs.executeUpdate();
        }
        for (String p : paths) {
            ps.setString(1, p);
            ps.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        try {
            for (PreparedStatement ps : statements.values()) {
                ps.close();
            }
            conn.close();
        } catch (SQLException e) {
            // Closing is best effort; the WAL is recovered on the next open.
        }
    }
}
