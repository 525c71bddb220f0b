package org.nixproc.store.build;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The Java builders a build may use, by name. {@link #load()} gives those on the class path
 * ({@link ServiceLoader}); when two have the same name the first found wins.
 */
public final class JavaBuilders {
    /** The prefix of a builder that names a Java builder. */
    public static final String PREFIX = "builtin:";

    private static volatile JavaBuilders loaded;

    private final Map<String, JavaBuilder> byName;

    private JavaBuilders(Map<String, JavaBuilder> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The builders registered on the class path (looked up once per JVM). */
    public static JavaBuilders load() {
        JavaBuilders b = loaded;
        if (b == null) {
            Map<String, JavaBuilder> map = new LinkedHashMap<>();
            for (JavaBuilder jb : ServiceLoader.load(JavaBuilder.class, JavaBuilders.class.getClassLoader())) {
                map.putIfAbsent(jb.name(), jb);
            }
            b = new JavaBuilders(map);
            loaded = b;
        }
        return b;
    }

    /** Exactly these builders. */
    public static JavaBuilders of(JavaBuilder... builders) {
        Map<String, JavaBuilder> map = new LinkedHashMap<>();
        for (JavaBuilder jb : builders) {
            map.putIfAbsent(jb.name(), jb);
        }
        return new JavaBuilders(map);
    }

    /** These builders and {@code extra} (which replaces one of the same name). */
    public JavaBuilders with(JavaBuilder extra) {
        Map<String, JavaBuilder> map = new LinkedHashMap<>(byName);
        map.put(extra.name(), extra);
        return new JavaBuilders(map);
    }

    /** The builder NAME names. */
    public Optional<JavaBuilder> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** Whether a derivation's builder is a Java builder ({@code builtin:NAME}). */
    public static boolean isBuiltin(String builder) {
        return builder.startsWith(PREFIX);
    }
}
