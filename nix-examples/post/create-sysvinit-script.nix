# Not shown in the post: createSystemVInitScript, as processes.nix and constructors.nix import it.
import <nixproc/backends/sysvinit/create-sysvinit-script.nix>
