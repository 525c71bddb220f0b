package org.nixproc.lang.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash algorithms Nix knows, with the names Nix uses for them ({@code md5}, {@code sha1},
 * {@code sha256}, {@code sha512}) and their digest sizes.
 *
 * <p>The size matters beyond digesting: Nix tells the encoding of an unprefixed hash string
 * (base-16, base-32, base-64) apart purely by its length for the expected algorithm.
 */
public enum HashAlgorithm {
    MD5("md5", 16, "MD5"),
    SHA1("sha1", 20, "SHA-1"),
    SHA256("sha256", 32, "SHA-256"),
    SHA512("sha512", 64, "SHA-512");

    private final String nixName;
    private final int size;
    private final String javaName;
    /** Never updated: only cloned. */
    private final MessageDigest prototype;
    /** Per thread, one digest of each algorithm for {@link #digest(byte[])}. */
    private static final ThreadLocal<MessageDigest[]> ONE_SHOT =
            ThreadLocal.withInitial(() -> new MessageDigest[values().length]);

    HashAlgorithm(String nixName, int size, String javaName) {
        this.nixName = nixName;
        this.size = size;
        this.javaName = javaName;
        this.prototype = lookUp();
    }

    /** The name Nix uses, e.g. {@code sha256}. */
    public String nixName() {
        return nixName;
    }

    /** Digest size in bytes. */
    public int size() {
        return size;
    }

    /** Length of the base-16 form. */
    public int base16Length() {
        return size * 2;
    }

    /** Length of the Nix base-32 form. */
    public int base32Length() {
        return NixBase32.encodedLength(size);
    }

    /** Length of the padded base-64 form. */
    public int base64Length() {
        return (size + 2) / 3 * 4;
    }

    /** A fresh JDK digest for this algorithm. */
    public MessageDigest newDigest() {
        try {
            // Cloning skips the provider look-up, which costs more than hashing a store path.
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return lookUp();
        }
    }

    /**
     * The digest of {@code data}, with a digest kept per thread: store paths are made by hashing
     * many short descriptions.
     */
    public byte[] digest(byte[] data) {
        MessageDigest[] mine = ONE_SHOT.get();
        MessageDigest d = mine[ordinal()];
        if (d == null) {
            d = newDigest();
            mine[ordinal()] = d;
        }
        d.reset();
        return d.digest(data);
    }

    private MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            // Every JDK is required to provide these four.
            throw new IllegalStateException(e);
        }
    }

    /** The algorithm with this Nix name, or null; names are case-sensitive as in Nix. */
    public static HashAlgorithm parseOrNull(String name) {
        for (HashAlgorithm a : values()) {
            if (a.nixName.equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** The algorithm with this Nix name; fails with Nix's message otherwise. */
    public static HashAlgorithm parse(String name) {
        HashAlgorithm a = parseOrNull(name);
        if (a == null) {
            throw new FormatException("unknown hash algorithm '" + name + "'");
        }
        return a;
    }

    @Override
    public String toString() {
        return nixName;
    }
}
