# Host packages: store paths whose bin/ (and sbin/, for executables Debian installs in an sbin
# directory) link the host's executables. `required` executables must exist (using the package
# otherwise fails, naming the Debian package to install), so that what a process runs is missing
# at build time, not at its start; `optional` ones are linked when found.
# The resolved paths are part of each derivation, hence of its hash. `mainProgram` is nixpkgs'
# meta.mainProgram (lib.getExe's executable) where it is not the package's name.
{ system }:

let
  hostPackage = { name, debianPackage ? name, required ? [ ], optional ? [ ], mainProgram ? null, passthru ? { } }:
    let
      # A required executable that another Debian package installs is { exe; debianPackage; }.
      found =
        map (r: let e = if builtins.isAttrs r then r else { exe = r; inherit debianPackage; }; in
          { inherit (e) exe; path = __nixprocHostExecutable name e.debianPackage e.exe; }) required
        ++ builtins.filter (f: f.path != null)
          (map (exe: { inherit exe; path = __nixprocFindHostExecutable exe; })
            (builtins.filter (exe: !builtins.elem exe requiredNames) optional));
      requiredNames = map (r: r.exe or r) required;
      isSbin = path: builtins.match "(/usr)?/sbin/.*" path != null;
      linkLines = map (f:
        "bin/${f.exe} ${f.path}\n" + (if isSbin f.path then "sbin/${f.exe} ${f.path}\n" else ""))
        found;
      drv = derivation {
        inherit name system;
        builder = "builtin:hostpkg";
        links = builtins.concatStringsSep "" linkLines;
        preferLocalBuild = true;
        allowSubstitutes = false;
      };
      # `all` (every output) as nixpkgs' multi-output packages have it.
      self = drv // {
        pname = name;
        all = [ self ];
        meta = { description = "The host's ${name} (Debian package ${debianPackage})"; }
          // (if mainProgram == null then { } else { inherit mainProgram; });
      } // passthru;
    in
    self;

  # Host libraries: include/ links the headers, lib/ the shared libraries (lib<name>.so and its
  # versions) that the Debian -dev package installs; the package is also its own `dev` and `out`,
  # as nixpkgs' split outputs are used (`${libfoo.dev}/include`, `${libfoo}/lib`). A missing
  # header or library fails, naming the Debian package to install.
  multiarch = { x86_64-linux = "x86_64-linux-gnu"; aarch64-linux = "aarch64-linux-gnu"; i686-linux = "i386-linux-gnu"; }.${system} or system;
  libDirs = [ "/usr/lib/${multiarch}" "/lib/${multiarch}" "/usr/lib" "/lib" ];
  hostLibrary = { name, debianPackage, headers, libraries, passthru ? { } }:
    let
      missing = what: "${name}: ${what} not found; install the Debian package ${debianPackage}";
      headerLine = h:
        let found = builtins.filter builtins.pathExists [ "/usr/include/${h}" "/usr/include/${multiarch}/${h}" ]; in
        if found == [ ] then throw (missing "header '${h}' (in /usr/include)")
        else "include/${h} ${builtins.head found}\n";
      libraryLines = l:
        let
          dirs = builtins.filter (d: builtins.pathExists "${d}/lib${l}.so") libDirs;
          dir = builtins.head dirs;
          files = builtins.filter (f: builtins.match "lib${l}[.]so([.].*)?" f != null) (builtins.attrNames (builtins.readDir dir));
        in
        if dirs == [ ] then throw (missing "library 'lib${l}.so' (in ${builtins.concatStringsSep ", " libDirs})")
        else builtins.concatStringsSep "" (map (f: "lib/${f} ${dir}/${f}\n") files);
      drv = derivation {
        inherit name system;
        builder = "builtin:hostpkg";
        links = builtins.concatStringsSep "" (map headerLine headers ++ map libraryLines libraries);
        preferLocalBuild = true;
        allowSubstitutes = false;
      };
      self = drv // {
        pname = name;
        dev = self;
        out = self;
        all = [ self ];
        meta = { description = "The host's ${name} (Debian package ${debianPackage})"; };
      } // passthru;
    in
    self;

  coreutilsExes = [
    "arch" "b2sum" "base32" "base64" "basename" "basenc" "cat" "chcon" "chgrp" "chmod" "chown"
    "chroot" "cksum" "comm" "cp" "csplit" "cut" "date" "dd" "df" "dir" "dircolors" "dirname" "du"
    "echo" "env" "expand" "expr" "factor" "false" "fmt" "fold" "groups" "head" "hostid" "id"
    "install" "join" "link" "ln" "logname" "ls" "md5sum" "mkdir" "mkfifo" "mknod" "mktemp" "mv"
    "nice" "nl" "nohup" "nproc" "numfmt" "od" "paste" "pathchk" "pinky" "pr" "printenv" "printf"
    "ptx" "pwd" "readlink" "realpath" "rm" "rmdir" "runcon" "seq" "sha1sum" "sha224sum"
    "sha256sum" "sha384sum" "sha512sum" "shred" "shuf" "sleep" "sort" "split" "stat" "stdbuf"
    "stty" "sum" "sync" "tac" "tail" "tee" "test" "timeout" "touch" "tr" "true" "truncate"
    "tsort" "tty" "uname" "unexpand" "uniq" "unlink" "users" "vdir" "wc" "who" "whoami" "yes"
  ];
in
{
  inherit hostPackage hostLibrary;

  libmicrohttpd = hostLibrary { name = "libmicrohttpd"; debianPackage = "libmicrohttpd-dev";
    headers = [ "microhttpd.h" ]; libraries = [ "microhttpd" ]; };

  coreutils = hostPackage { name = "coreutils"; required = [ "ls" "cat" "mkdir" ]; optional = coreutilsExes; };
  bash = hostPackage { name = "bash"; required = [ "bash" ]; optional = [ "sh" ]; };
  gnused = hostPackage { name = "gnused"; mainProgram = "sed"; debianPackage = "sed"; required = [ "sed" ]; };
  gnugrep = hostPackage { name = "gnugrep"; mainProgram = "grep"; debianPackage = "grep"; required = [ "grep" ]; optional = [ "egrep" "fgrep" ]; };
  gawk = hostPackage { name = "gawk"; mainProgram = "awk"; required = [ "awk" ]; optional = [ "gawk" ]; };
  findutils = hostPackage { name = "findutils"; required = [ "find" "xargs" ]; };
  diffutils = hostPackage { name = "diffutils"; required = [ "diff" "cmp" ]; optional = [ "diff3" "sdiff" ]; };
  gnutar = hostPackage { name = "gnutar"; mainProgram = "tar"; debianPackage = "tar"; required = [ "tar" ]; };
  gzip = hostPackage { name = "gzip"; required = [ "gzip" ]; optional = [ "gunzip" "zcat" ]; };
  bzip2 = hostPackage { name = "bzip2"; required = [ "bzip2" ]; optional = [ "bunzip2" "bzcat" ]; };
  xz = hostPackage { name = "xz"; debianPackage = "xz-utils"; required = [ "xz" ]; optional = [ "unxz" "xzcat" ]; };
  gnupatch = hostPackage { name = "gnupatch"; mainProgram = "patch"; debianPackage = "patch"; required = [ "patch" ]; };
  gnumake = hostPackage { name = "gnumake"; mainProgram = "make"; debianPackage = "make"; required = [ "make" ]; };
  gcc = hostPackage { name = "gcc"; required = [ "gcc" ]; optional = [ "cc" "g++" "c++" "cpp" ]; };
  which = hostPackage { name = "which"; debianPackage = "debianutils"; required = [ "which" ]; };
  inetutils = hostPackage { name = "inetutils"; debianPackage = "hostname"; required = [ "hostname" ];
    optional = [ "logger" "ping" "telnet" "ftp" "ifconfig" "traceroute" "whois" "dnsdomainname" ]; };
  sysvinit = hostPackage { name = "sysvinit"; debianPackage = "sysvinit-utils"; required = [ "killall5" ];
    optional = [ "pidof" "fstab-decode" "start-stop-daemon" "init" "halt" "reboot" "shutdown" "runlevel" "telinit" ]; };
  procps = hostPackage { name = "procps"; required = [ "ps" ];
    optional = [ "free" "kill" "pgrep" "pkill" "pmap" "pwdx" "skill" "slabtop" "snice" "sysctl" "tload" "top" "uptime" "vmstat" "w" "watch" "pidwait" ]; };
  utillinux = hostPackage { name = "util-linux"; required = [ "setsid" ];
    optional = [ "kill" "su" "runuser" "flock" "getopt" "logger" "mount" "umount" "nsenter" "unshare" "renice" "taskset" "more" "script" "setpriv" ]; };
  shadow = hostPackage { name = "shadow"; debianPackage = "passwd"; required = [ "useradd" ];
    optional = [ "groupadd" "groupdel" "groupmod" "userdel" "usermod" "passwd" "chpasswd" "newusers" "su" "nologin" "chsh" "chfn" ]; };
  su = hostPackage { name = "su"; debianPackage = "util-linux"; required = [ "su" ]; };
  daemon = hostPackage { name = "daemon"; required = [ "daemon" ]; };
  nginx = hostPackage { name = "nginx"; debianPackage = "nginx-light"; required = [ "nginx" ]; };
  nodejs = hostPackage { name = "nodejs"; mainProgram = "node"; required = [ "node" ]; optional = [ "nodejs" "npm" "npx" ]; };
  python3 = hostPackage { name = "python3"; required = [ "python3" ]; optional = [ "python" "pip3" ]; };
  supervisor = hostPackage { name = "supervisor"; mainProgram = "supervisord"; required = [ "supervisord" "supervisorctl" ]; optional = [ "pidproxy" "echo_supervisord_conf" ]; };
  curl = hostPackage { name = "curl"; required = [ "curl" ]; };
  # sshd is what processes use it for: missing, it fails the build, not the start.
  openssh = hostPackage { name = "openssh"; mainProgram = "ssh"; debianPackage = "openssh-client";
    required = [ "ssh" { exe = "sshd"; debianPackage = "openssh-server"; } ];
    optional = [ "scp" "sftp" "ssh-keygen" "ssh-agent" "ssh-add" "ssh-keyscan" ]; };
  iproute2 = hostPackage { name = "iproute2"; mainProgram = "ip"; required = [ "ip" ]; optional = [ "ss" ]; };
  netcat = hostPackage { name = "netcat"; mainProgram = "nc"; debianPackage = "netcat-openbsd"; required = [ "nc" ]; };
  glibc = let g = hostPackage { name = "glibc"; debianPackage = "libc-bin"; required = [ "getent" ];
    optional = [ "ldd" "ldconfig" "locale" "iconv" "getconf" ]; passthru = { bin = g; }; }; in g;
  kmod = hostPackage { name = "kmod"; required = [ "modprobe" ]; optional = [ "lsmod" "insmod" "rmmod" "modinfo" "depmod" ]; };
  docker = hostPackage { name = "docker"; debianPackage = "docker.io"; required = [ "dockerd" ]; optional = [ "docker" "containerd" ]; };
  execline = hostPackage { name = "execline"; mainProgram = "execlineb"; required = [ "execlineb" ]; };
  s6 = hostPackage { name = "s6"; mainProgram = "s6-svscan"; required = [ "s6-svscan" "s6-supervise" ];
    optional = [ "s6-svc" "s6-svok" "s6-svstat" "s6-svwait" "s6-log" "s6-setuidgid" "s6-envuidgid" ]; };
  systemd = hostPackage { name = "systemd"; required = [ "systemctl" ]; optional = [ "journalctl" "systemd-run" "loginctl" ]; };
}
