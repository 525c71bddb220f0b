# The post's command lines as an unprivileged user (HOME /home/sbu; /home/sander is theirs too).
. "$(dirname "$0")/common.sh"
cd "$POST/simple"
step "simple: nix-build processes.nix --argstr stateDir /home/sander/var -A nginxReverseProxy; nginx start"
nix-build processes.nix --argstr stateDir /home/sander/var \
  -A nginxReverseProxy
./result/etc/rc.d/init.d/nginx start
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: webapp.local' http://localhost:8080/)
echo "nginx on 8080 answers $code (no webapp behind it)"
[ "$code" = 502 ]
./result/etc/rc.d/init.d/nginx status
./result/etc/rc.d/init.d/nginx stop

cd "$POST/multi-instance"
step "multi-instance (stateDir /home/sbu): webapp3, then the profile"
nix-build processes.nix -A webapp3
./result/etc/rc.d/init.d/webapp3 start
get localhost 5002 "Hello from"
./result/etc/rc.d/init.d/webapp3 stop
nix-build profile.nix
rcswitch ./result/etc/rc.d/rc3.d
get webapp1.local 8080 "Hello from"
get webapp5.local 8081 "Hello from"
rcactivity status ./result/etc/rc.d/rc3.d
rcactivity stop ./result/etc/rc.d/rc3.d

cd "$POST/users"
step "users: nix-build processes.nix --arg forceDisableUserChange true (-A webapp1: the profile cannot take it)"
nix-build processes.nix --arg forceDisableUserChange true
nix-build processes.nix --arg forceDisableUserChange true -A webapp1
[ ! -e result/dysnomia-support ]
./result/etc/rc.d/init.d/webapp1 start
get localhost 5000 "Hello from"
./result/etc/rc.d/init.d/webapp1 stop
step "done"
