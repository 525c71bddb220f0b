# Not shown in the post: buildSystemVInitEnv, as profile.nix imports it.
import <nixproc/backends/sysvinit/build-sysvinit-env.nix>
