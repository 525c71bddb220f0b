(import ./common.nix).mk { name = "fixed-rec"; outputHashMode = "recursive"; outputHashAlgo = "sha256"; outputHash = "0k8m1x1n8wfj7k6kqd9kkv7k3vq1ihk2jrsb9kcbvbaj3shjz5yg"; }
