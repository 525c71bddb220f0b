# The post's command lines as root, in nix-examples/post (see README.md there).
. "$(dirname "$0")/common.sh"
cd "$POST/scripts"
step "scripts: nix-build -A nginxProcess; init.d/nginx start (run directly, as the post does)"
nix-build -A nginxProcess
./result/etc/rc.d/init.d/nginx start
get localhost 80 "Hello from nginx"
./result/etc/rc.d/init.d/nginx status
./result/etc/rc.d/init.d/nginx stop
if ./result/etc/rc.d/init.d/nginx status; then echo "error: still running" >&2; exit 1; fi
nix-build

cd "$POST/simple"
step "simple: nix-build processes.nix -A webapp; webapp start/stop"
nix-build processes.nix -A webapp
./result/etc/rc.d/init.d/webapp start
get localhost 5000 "Hello from"
./result/etc/rc.d/init.d/webapp stop
step "simple: nix-build profile.nix; rcswitch; rcactivity status"
nix-build profile.nix
rcswitch ./result/etc/rc.d/rc3.d
get webapp.local 80 "Hello from"
rcactivity status ./result/etc/rc.d/rc3.d
rcrunactivity status ./result/etc/rc.d/rc3.d

cd "$POST/multi-instance"
step "multi-instance: nix-build processes.nix -A webapp3; webapp3 start/stop"
nix-build processes.nix -A webapp3
./result/etc/rc.d/init.d/webapp3 start
get localhost 5002 "Hello from"
./result/etc/rc.d/init.d/webapp3 stop
step "multi-instance: nix-build profile.nix; rcswitch NEW OLD (from the simple profile)"
nix-build profile.nix
ln -sfn ../simple/result oldresult
rcswitch ./result/etc/rc.d/rc3.d ./oldresult/etc/rc.d/rc3.d
get webapp1.local 8080 "Hello from"
get webapp5.local 8081 "Hello from"
if curl -s -m 2 localhost:80 >/dev/null; then echo "error: the simple nginx still runs" >&2; exit 1; fi
rcactivity status ./result/etc/rc.d/rc3.d

cd "$POST/users"
step "users: nix-build processes.nix --arg forceDisableUserChange true"
nix-build processes.nix --arg forceDisableUserChange true
step "users: nix-build profile.nix; rcswitch NEW OLD: each webapp as its own user"
nix-build profile.nix
ln -sfn ../multi-instance/result oldresult
rcswitch ./result/etc/rc.d/rc3.d ./oldresult/etc/rc.d/rc3.d
get webapp1.local 8080 "Hello from"
get webapp6.local 8081 "Hello from"
getent passwd webapp1 webapp6
u=$(ps -eo user=,args= | awk '/app\.js/ && !/--unsafe/ && !/awk/ { print $1 }' | sort -u | tr '\n' ' ')
echo "webapps run as: $u"
[ "$u" = "webapp1 webapp2 webapp3 webapp4 webapp5 webapp6 " ]
rcactivity stop ./result/etc/rc.d/rc3.d
rcswitch "$(mktemp -d)" ./result/etc/rc.d/rc3.d
if getent passwd webapp1; then echo "error: webapp1 left" >&2; exit 1; fi
cd "$POST/disnix"
step "disnix: services.nix as Disnix calls it (no disnix-env here): webapp, then nginx with its interDeps"
nix-build -E 'let
  infrastructure = import ./infrastructure.nix;
  distribution = import ./distribution.nix { inherit infrastructure; };
  services = import ./services.nix { pkgs = import <nixpkgs> {}; system = builtins.currentSystem;
    inherit distribution; invDistribution = {}; };
in [ services.webapp.pkg
     (services.nginxReverseProxy.pkg { webapp = services.webapp // { target = infrastructure.test1; }; }) ]'
grep -q "server test1:5000;" "$(grep -o '/[^ ]*-nginx.conf' result-2/etc/rc.d/init.d/nginx)"
step "done"
