package org.nixproc.lang.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NixBase32Test {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    // Expected values: `nix-hash --to-base32 --type <algo> <hex>` (Nix 2.8), hex of "abc".
    @Test
    void encodesKnownDigests() {
        assertEquals("3jgzhjhz9zjvbb0kyj7jc500ch",
                NixBase32.encode(hex("900150983cd24fb0d6963f7d28e17f72")));
        assertEquals("kpcd173cq987hw957sx6m0868wv3x6d9",
                NixBase32.encode(hex("a9993e364706816aba3e25717850c26c9cd0d89d")));
        assertEquals("1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s",
                NixBase32.encode(hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")));
        assertEquals("2gs8k559z4rlahfx0y688s49m2vvszylcikrfinm30ly9rak69236nkam5ydvly1ai7xac99vxfc4ii84hawjbk876blyk1jfhkbbyx",
                NixBase32.encode(hex("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                        + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")));
    }

    @Test
    void decodesKnownDigests() {
        assertArrayEquals(hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                NixBase32.decode("1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s"));
        assertArrayEquals(hex("900150983cd24fb0d6963f7d28e17f72"),
                NixBase32.decode("3jgzhjhz9zjvbb0kyj7jc500ch", 16));
    }

    @Test
    void lengthRule() {
        assertEquals(26, NixBase32.encodedLength(16));
        assertEquals(32, NixBase32.encodedLength(20));
        assertEquals(52, NixBase32.encodedLength(32));
        assertEquals(103, NixBase32.encodedLength(64));
        assertEquals(2, NixBase32.encodedLength(1));
        assertEquals(0, NixBase32.encodedLength(0));
        assertEquals("", NixBase32.encode(new byte[0]));
    }

    @Test
    void roundTripsRandomBytes() {
        Random random = new Random(42);
        for (int size = 0; size < 70; size++) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            assertArrayEquals(bytes, NixBase32.decode(NixBase32.encode(bytes), size));
        }
    }

    // Rejections seen with real Nix as outputHash values: `invalid base-32 hash '...'`.
    @Test
    void rejectsInvalidText() {
        FormatException e = assertThrows(FormatException.class,
                () -> NixBase32.decode("1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5e", 32));
        assertEquals("invalid base-32 hash '1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5e'",
                e.getMessage());
        // 'u' is not a digit, nor is anything non-ASCII.
        assertThrows(FormatException.class, () -> NixBase32.decode("u0", 1));
        assertThrows(FormatException.class, () -> NixBase32.decode("\u00e90", 1));
        // Wrong length for the byte count.
        assertThrows(FormatException.class, () -> NixBase32.decode("000", 1));
        assertThrows(FormatException.class, () -> NixBase32.decode("000"));
    }

    // 52 digits carry 260 bits; the top 4 must be zero. Nix accepts "1zzz..." but not "2zzz...".
    @Test
    void rejectsBitsBeyondTheLastByte() {
        String z51 = "z".repeat(51);
        NixBase32.decode("1" + z51, 32);
        assertThrows(FormatException.class, () -> NixBase32.decode("2" + z51, 32));
        assertThrows(FormatException.class, () -> NixBase32.decode("z" + z51, 32));
        // md5: 26 digits = 130 bits, so the first digit may only be 0..7.
        NixBase32.decode("7".repeat(26), 16);
        assertThrows(FormatException.class, () -> NixBase32.decode("8" + "7".repeat(25), 16));
        // sha1: 32 digits = exactly 160 bits, no spare bits.
        NixBase32.decode("z".repeat(32), 20);
    }
}
