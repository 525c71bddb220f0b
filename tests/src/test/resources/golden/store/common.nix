# Shared by the store golden cases: a derivation with the usual defaults.
{
  mk = args: derivation ({ system = "x86_64-linux"; builder = "/bin/sh"; args = [ "-c" "echo > $out" ]; } // args);
}
