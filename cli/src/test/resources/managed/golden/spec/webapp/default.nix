# A stand-in for the spec's web application package: `(import ./webapp {}).package` holding
# lib/node_modules/webapp/app.js, without needing Node.js to build it.
{}:

{
  package = derivation {
    name = "webapp";
    system = builtins.currentSystem;
    builder = "/bin/sh";
    args = [ "-c" "/bin/mkdir -p $out/lib/node_modules/webapp && echo 'console.log(1)' > $out/lib/node_modules/webapp/app.js" ];
  };
}
