# Not shown in the post: the LSB init functions, as processes.nix and constructors.nix import them.
import <nixproc/backends/sysvinit/init-functions.nix>
