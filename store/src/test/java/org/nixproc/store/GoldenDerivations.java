package org.nixproc.store;

/**
 * Golden {@code .drv} files written by real Nix 2.8, for byte-exact comparison.
 *
 * <p>Produced by {@code nix-instantiate --store /tmp/oracle/s all.nix} (and for the
 * {@code /tmp/foo/store} ones {@code NIX_STORE_DIR=/tmp/foo/store nix-instantiate --store
 * /tmp/oracle/s3 all.nix -A dep}), then {@code cat} of each {@code .drv} file, where
 * {@code all.nix} is the expression quoted in {@link #ALL_NIX}. Each constant is named by the
 * derivation and its {@code .drv} path is in the matching {@code _PATH} constant. Lines are broken
 * with text-block continuations, so the strings contain no newlines.
 */
final class GoldenDerivations {

    /** The Nix expression the derivations below come from (script.sh: "#!/bin/sh\necho hi\n"). */
    static final String ALL_NIX = """
            let
              simple = derivation { name = "x"; builder = "/bin/sh"; system = "x86_64-linux"; args = ["-c" "echo"]; };
              multi = derivation { name = "multi"; builder = "/bin/sh"; system = "x86_64-linux"; outputs = ["lib" "out" "dev"]; };
              dep = derivation { name = "dep"; builder = "/bin/sh"; system = "x86_64-linux"; args = ["-c" "echo ${simple} > $out"]; a = multi.dev; b = multi.lib; c = "${simple}"; };
              fod = mode: algo: hash: derivation { name = "fod-${algo}-${mode}"; builder = "/bin/sh"; system = "x86_64-linux"; outputHashMode = mode; outputHashAlgo = algo; outputHash = hash; };
              fodSha256 = fod "flat" "sha256" "1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s";
              fodMd5 = fod "flat" "md5" "d41d8cd98f00b204e9800998ecf8427e";
              fodSha1 = fod "flat" "sha1" "da39a3ee5e6b4b0d3255bfef95601890afd80709";
              fodSha512 = fod "flat" "sha512" "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";
              fodRec = fod "recursive" "sha256" "1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s";
              fodRecSha1 = fod "recursive" "sha1" "da39a3ee5e6b4b0d3255bfef95601890afd80709";
              onFod = derivation { name = "on-fod"; builder = "/bin/sh"; system = "x86_64-linux"; src = fodSha256; src2 = fodRec; };
              escapes = derivation { name = "esc"; builder = "/bin/sh"; system = "x86_64-linux"; args = [ "q\\"b\\\\s\\nn\\rr\\tt" "ünï€" "$x" "" ]; weird = "a\\"\\\\\\n\\r\\t\\b"; };
              t1 = builtins.toFile "t1" "hello";
              t2 = builtins.toFile "t2" "see ${t1}";
              withSrc = derivation { name = "with-src"; builder = "/bin/sh"; system = "x86_64-linux"; f = t2; g = ./script.sh; };
              structured = derivation { name = "st"; builder = "/bin/sh"; system = "x86_64-linux"; __structuredAttrs = true; list = [1 2 "a"]; };
            in { inherit simple multi dep fodSha256 fodMd5 fodSha1 fodSha512 fodRec fodRecSha1 onFod escapes withSrc structured; }
            """;

    static final String SIMPLE_PATH = "/nix/store/g4q5ikpfkqhfv07dklv3kwa23knixl3q-x.drv";

    static final String SIMPLE = """
            Derive([("out","/nix/store/57nywcq99wx2qhwwh02k093a8cnmpzl9-x","","")],\
            [],\
            [],\
            "x86_64-linux","/bin/sh",["-c","echo"],\
            [("builder","/bin/sh"),\
            ("name","x"),\
            ("out","/nix/store/57nywcq99wx2qhwwh02k093a8cnmpzl9-x"),\
            ("system","x86_64-linux")])""";

    static final String MULTI_PATH = "/nix/store/026p1kdk3a5a89hh8mk7y1jzsf5wmh80-multi.drv";

    static final String MULTI = """
            Derive([("dev","/nix/store/yr9yjf99w6572849qy7zci6dvz1v2wgc-multi-dev","",""),\
            ("lib","/nix/store/xcxx86bfc679cqpi9s8yvk2b5djcjgxd-multi-lib","",""),\
            ("out","/nix/store/5cwql8j5jjcz6yh1lny7rv5rg4ryfabp-multi","","")],\
            [],\
            [],\
            "x86_64-linux","/bin/sh",[],\
            [("builder","/bin/sh"),\
            ("dev","/nix/store/yr9yjf99w6572849qy7zci6dvz1v2wgc-multi-dev"),\
            ("lib","/nix/store/xcxx86bfc679cqpi9s8yvk2b5djcjgxd-multi-lib"),\
            ("name","multi"),\
            ("out","/nix/store/5cwql8j5jjcz6yh1lny7rv5rg4ryfabp-multi"),\
            ("outputs","lib out dev"),\
            ("system","x86_64-linux")])""";

    static final String DEP_PATH = "/nix/store/yvfn08g1cppijrvk4my942z2a84j7bg0-dep.drv";

    static final String DEP = """
            Derive([("out","/nix/store/d43ny4aq2hwiz1h7013ga7q9pdp0mvjs-dep","","")],\
            [("/nix/store/026p1kdk3a5a89hh8mk7y1jzsf5wmh80-multi.drv",["dev","lib"]),\
            ("/nix/store/g4q5ikpfkqhfv07dklv3kwa23knixl3q-x.drv",["out"])],\
            [],\
            "x86_64-linux","/bin/sh",["-c","echo /nix/store/57nywcq99wx2qhwwh02k093a8cnmpzl9-x > $out"],\
            [("a","/nix/store/yr9yjf99w6572849qy7zci6dvz1v2wgc-multi-dev"),\
            ("b","/nix/store/xcxx86bfc679cqpi9s8yvk2b5djcjgxd-multi-lib"),\
            ("builder","/bin/sh"),\
            ("c","/nix/store/57nywcq99wx2qhwwh02k093a8cnmpzl9-x"),\
            ("name","dep"),\
            ("out","/nix/store/d43ny4aq2hwiz1h7013ga7q9pdp0mvjs-dep"),\
            ("system","x86_64-linux")])""";

    static final String FOD_SHA256_FLAT_PATH = "/nix/store/wnwkazwam6gh68wcg357kph32i424dx3-fod-sha256-flat.drv";

    static final String FOD_SHA256_FLAT = """
            Derive([("out","/nix/store/7xp2k5k2jwzs9nshmxnqf3rlfs4lfy6p-fod-sha256-flat","sha256","ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")],\
            [],\
            [],\
            "x86_64-linux","/bin/sh",[],\
            [("builder","/bin/sh"),\
            ("name","fod-sha256-flat"),\
            ("out","/nix/store/7xp2k5k2jwzs9nshmxnqf3rlfs4lfy6p-fod-sha256-flat"),\
            ("outputHash","1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s"),\
            ("outputHashAlgo","sha256"),\
            ("outputHashMode","flat"),\
            ("system","x86_64-linux")])""";

    static final String FOD_MD5_FLAT_PATH = "/nix/store/p7am5yv3i3bjk68qwhcb7av7v7zx9b36-fod-md5-flat.drv";

    static final String FOD_MD5_FLAT = """
            Derive([("out","/nix/store/jz9qnv3h8sn4dmb6ywkbl4crjbpl7g04-fod-md5-flat","md5","d41d8cd98f00b204e9800998ecf8427e")],\
            [],\
            [],\
            "x86_64-linux","/bin/sh",[],\
            [("builder","/bin/sh"),\
            ("name","fod-md5-flat"),\
            ("out","/nix/store/jz9qnv3h8sn4dmb6ywkbl4crjbpl7g04-fod-md5-flat"),\
            ("outputHash","d41d8cd98f00b204e9800998ecf8427e"),\
            ("outputHashAlgo","md5"),\
            ("outputHashMode","flat"),\
            ("system","x86_64-linux")])""";

    static final String FOD_SHA1_FLAT_PATH = "/nix/store/1r9k14lvbnin1bb0vs1l1n2ghw5yz43f-fod-sha1-flat.drv";

    static final String FOD_SHA1_FLAT = """
            Derive([("out","/nix/store/2k16758qf8c9ijh6sn1b2x4l34nvnph7-fod-sha1-flat","sha1","da39a3ee5e6b4b0d3255bfef95601890afd80709")],\
            [],\
            [],\
            "x86_64-linux","/bin/sh",[],\
            [("builder","/bin/sh"),\
            ("name","fod-sha1-flat"),\
            ("out","/nix/store/2k16758qf8c9ijh6sn1b2x4l34nvnph7-fod-sha1-flat"),\
            ("outputHash","da39a3ee5e6b4b0d3255bfef95601890afd80709"),\
            ("outputHashAlgo","sha1"),\
            ("outputHashMode","flat"),\
            ("system","x86_64-linux")])""";

    static final String FOD_SHA512_FLAT_PATH = "/nix/store/b7lavihjs939sfbg6xrn5nhdp3x8cf0b-fod-sha512-flat.drv";

    static final String FOD_SHA512_FLAT = """
            Derive([("out","/nix/store/11zcgpbwgjzhzgdix0ai8q3pjmkilcic-fod-sha512-flat","sha512","cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")],\
            [],\
            [],\
            "x86_64-linux","/bin/sh",[],\
            [("builder","/bin/sh"),\
            ("name","fod-sha512-flat"),\
            ("out","/nix/store/11zcgpbwgjzhzgdix0ai8q3pjmkilcic-fod-sha512-flat"),\
            ("outputHash","cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),\
            ("outputHashAlgo","sha512"),\
            ("outputHashMode","flat"),\
            ("system","x86_64-linux")])""";

    static final String FOD_SHA256_REC_PATH = "/nix/store/w1y66x7waka9794zqr704smz05fak30l-fod-sha256-recursive.drv";

    static final String FOD_SHA256_REC = """
            Derive([("out","/nix/store/0z5dn8147189gh7x4ss4lms5nylym3zm-fod-sha256-recursive","r:sha256","ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")],\
            [],\
            [],\
            "x86_64-linux","/bin/sh",[],\
            [("builder","/bin/sh"),\
            ("name","fod-sha256-recursive"),\
            ("out","/nix/store/0z5dn8147189gh7x4ss4lms5nylym3zm-fod-sha256-recursive"),\
            ("outputHash","1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s"),\
            ("outputHashAlgo","sha256"),\
            ("outputHashMode","recursive"),\
            ("system","x86_64-linux")])""";

    static final String FOD_SHA1_REC_PATH = "/nix/store/3gvj9js80vy945arzl76hsyfkrqjssbz-fod-sha1-recursive.drv";

    static final String FOD_SHA1_REC = """
            Derive([("out","/nix/store/lq71dz0iqnp46728h2v8067qh702vdni-fod-sha1-recursive","r:sha1","da39a3ee5e6b4b0d3255bfef95601890afd80709")],\
            [],\
            [],\
            "x86_64-linux","/bin/sh",[],\
            [("builder","/bin/sh"),\
            ("name","fod-sha1-recursive"),\
            ("out","/nix/store/lq71dz0iqnp46728h2v8067qh702vdni-fod-sha1-recursive"),\
            ("outputHash","da39a3ee5e6b4b0d3255bfef95601890afd80709"),\
            ("outputHashAlgo","sha1"),\
            ("outputHashMode","recursive"),\
            ("system","x86_64-linux")])""";

    static final String ON_FOD_PATH = "/nix/store/kn3dlksh8l0l9a41w4fccyiaghx6mn0n-on-fod.drv";

    static final String ON_FOD = """
            Derive([("out","/nix/store/k4gimddjw3gp02dqabjj16lj6zhg46kz-on-fod","","")],\
            [("/nix/store/w1y66x7waka9794zqr704smz05fak30l-fod-sha256-recursive.drv",["out"]),\
            ("/nix/store/wnwkazwam6gh68wcg357kph32i424dx3-fod-sha256-flat.drv",["out"])],\
            [],\
            "x86_64-linux","/bin/sh",[],\
            [("builder","/bin/sh"),\
            ("name","on-fod"),\
            ("out","/nix/store/k4gimddjw3gp02dqabjj16lj6zhg46kz-on-fod"),\
            ("src","/nix/store/7xp2k5k2jwzs9nshmxnqf3rlfs4lfy6p-fod-sha256-flat"),\
            ("src2","/nix/store/0z5dn8147189gh7x4ss4lms5nylym3zm-fod-sha256-recursive"),\
            ("system","x86_64-linux")])""";

    static final String ESC_PATH = "/nix/store/8psf5nyahw0q70ask17fhzpy74jns6l3-esc.drv";

    static final String ESC = """
            Derive([("out","/nix/store/q1l8zdnaw1f5prqp2skl6j2q7g4vl7by-esc","","")],\
            [],\
            [],\
            "x86_64-linux","/bin/sh",["q\\"b\\\\s\\nn\\rr\\tt","\u00fcn\u00ef\u20ac","$x",""],\
            [("builder","/bin/sh"),\
            ("name","esc"),\
            ("out","/nix/store/q1l8zdnaw1f5prqp2skl6j2q7g4vl7by-esc"),\
            ("system","x86_64-linux"),\
            ("weird","a\\"\\\\\\n\\r\\tb")])""";

    static final String WITH_SRC_PATH = "/nix/store/q2kgqmf2yiwabssh630sl3m28zywq8pi-with-src.drv";

    static final String WITH_SRC = """
            Derive([("out","/nix/store/mz25y5xq1k048wpb91r87mc4mqvf3jzr-with-src","","")],\
            [],\
            ["/nix/store/8q4n9r83xkv0mphigdbcxhw7yw8rb7s9-t2","/nix/store/j9n4v20s0nai4k7807af902qyhhai03v-script.sh"],\
            "x86_64-linux","/bin/sh",[],\
            [("builder","/bin/sh"),\
            ("f","/nix/store/8q4n9r83xkv0mphigdbcxhw7yw8rb7s9-t2"),\
            ("g","/nix/store/j9n4v20s0nai4k7807af902qyhhai03v-script.sh"),\
            ("name","with-src"),\
            ("out","/nix/store/mz25y5xq1k048wpb91r87mc4mqvf3jzr-with-src"),\
            ("system","x86_64-linux")])""";

    static final String STRUCTURED_PATH = "/nix/store/zqlybd6majp6m3cdmnvjjrdli63g5qwr-st.drv";

    static final String STRUCTURED = """
            Derive([("out","/nix/store/ar3qhrlxhfi2xihcsscv6jx98paxw649-st","","")],\
            [],\
            [],\
            "x86_64-linux","/bin/sh",[],\
            [("__json","{\\"builder\\":\\"/bin/sh\\",\\"list\\":[1,2,\\"a\\"],\\"name\\":\\"st\\",\\"system\\":\\"x86_64-linux\\"}"),\
            ("out","/nix/store/ar3qhrlxhfi2xihcsscv6jx98paxw649-st")])""";

    // ---- the same (simple, multi, dep) in store /tmp/foo/store

    static final String SIMPLE_FOO_PATH = "/tmp/foo/store/w5164hia3dbarh0m8gc5kgl39qgm9gzy-x.drv";

    static final String SIMPLE_FOO = """
            Derive([("out","/tmp/foo/store/pqmshp8kzmgv1hgxyj0hdkbg21qdqb44-x","","")],\
            [],\
            [],\
            "x86_64-linux","/bin/sh",["-c","echo"],\
            [("builder","/bin/sh"),\
            ("name","x"),\
            ("out","/tmp/foo/store/pqmshp8kzmgv1hgxyj0hdkbg21qdqb44-x"),\
            ("system","x86_64-linux")])""";

    static final String MULTI_FOO_PATH = "/tmp/foo/store/12jji7iccrdh2sci0b1n9ipxsw819sah-multi.drv";

    static final String MULTI_FOO = """
            Derive([("dev","/tmp/foo/store/h1l9v7d1d2rczsf5wlhkcny510dkkzap-multi-dev","",""),\
            ("lib","/tmp/foo/store/l7dnbdjv9w2cdfry64g77z940x8qzplb-multi-lib","",""),\
            ("out","/tmp/foo/store/rrzyla4gjgsjzp2nnvxzl2n7sq04z434-multi","","")],\
            [],\
            [],\
            "x86_64-linux","/bin/sh",[],\
            [("builder","/bin/sh"),\
            ("dev","/tmp/foo/store/h1l9v7d1d2rczsf5wlhkcny510dkkzap-multi-dev"),\
            ("lib","/tmp/foo/store/l7dnbdjv9w2cdfry64g77z940x8qzplb-multi-lib"),\
            ("name","multi"),\
            ("out","/tmp/foo/store/rrzyla4gjgsjzp2nnvxzl2n7sq04z434-multi"),\
            ("outputs","lib out dev"),\
            ("system","x86_64-linux")])""";

    static final String DEP_FOO_PATH = "/tmp/foo/store/91xjm28klj8mv7ywyy3d8sc422cws16d-dep.drv";

    static final String DEP_FOO = """
            Derive([("out","/tmp/foo/store/bc6bd7myg9lda88n4wz3jhnrvxf8sb9m-dep","","")],\
            [("/tmp/foo/store/12jji7iccrdh2sci0b1n9ipxsw819sah-multi.drv",["dev","lib"]),\
            ("/tmp/foo/store/w5164hia3dbarh0m8gc5kgl39qgm9gzy-x.drv",["out"])],\
            [],\
            "x86_64-linux","/bin/sh",["-c","echo /tmp/foo/store/pqmshp8kzmgv1hgxyj0hdkbg21qdqb44-x > $out"],\
            [("a","/tmp/foo/store/h1l9v7d1d2rczsf5wlhkcny510dkkzap-multi-dev"),\
            ("b","/tmp/foo/store/l7dnbdjv9w2cdfry64g77z940x8qzplb-multi-lib"),\
            ("builder","/bin/sh"),\
            ("c","/tmp/foo/store/pqmshp8kzmgv1hgxyj0hdkbg21qdqb44-x"),\
            ("name","dep"),\
            ("out","/tmp/foo/store/bc6bd7myg9lda88n4wz3jhnrvxf8sb9m-dep"),\
            ("system","x86_64-linux")])""";

    private GoldenDerivations() {
    }
}
