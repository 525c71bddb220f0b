# Not shown in the post: createCredentials, as processes.nix and constructors.nix import it.
import <nixproc/create-credentials>
