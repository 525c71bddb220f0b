# The scripts of SysVInitGoldenTest: each attribute's init.d script is compared with NAME.sh.
let
  createSystemVInitScript = import <nixproc/backends/sysvinit/create-sysvinit-script.nix> {
    stdenv = { shell = "/bin/sh"; };
    initialInstructions = ". /lib/lsb/init-functions";
    startProcessAsDaemon = "/usr/bin/daemon";
    runtimeDir = "/var/run";
    logDir = "/var/log";
    tmpDir = "/tmp";
  };
  createUnprivileged = import <nixproc/backends/sysvinit/create-sysvinit-script.nix> {
    stdenv = { shell = "/bin/sh"; };
    initialInstructions = ". /lib/lsb/init-functions";
    runtimeDir = "/home/u/var/run";
    tmpDir = "/home/u/var/tmp";
    forceDisableUserChange = true;
  };
  nginx = "/opt/nginx";
  configFile = "/etc/nginx.conf";
  stateDir = "/var";
in
rec {
  # The spec's first example: raw activities.
  nginx-activities = createSystemVInitScript {
    name = "nginx";
    description = "Nginx";
    activities = {
      start = ''
        mkdir -p ${stateDir}/logs
        log_info_msg "Starting Nginx..."
        loadproc ${nginx}/bin/nginx -c ${configFile} -p ${stateDir}
        evaluate_retval
      '';
      stop = ''
        log_info_msg "Stopping Nginx..."
        killproc ${nginx}/bin/nginx
        evaluate_retval
      '';
      reload = ''
        log_info_msg "Reloading Nginx..."
        killproc ${nginx}/bin/nginx -HUP
        evaluate_retval
      '';
      restart = ''
        $0 stop
        sleep 1
        $0 start
      '';
      status = "statusproc ${nginx}/bin/nginx";
    };
    runlevels = [ 3 4 5 ];
  };

  # The spec's second example: instructions.
  nginx-instructions = createSystemVInitScript {
    name = "nginx";
    description = "Nginx";
    instructions = {
      start = {
        activity = "Starting";
        instruction = ''
          mkdir -p ${stateDir}/logs
          loadproc ${nginx}/bin/nginx -c ${configFile} -p ${stateDir}
        '';
      };
      stop = {
        activity = "Stopping";
        instruction = "killproc ${nginx}/bin/nginx";
      };
      reload = {
        activity = "Reloading";
        instruction = "killproc ${nginx}/bin/nginx -HUP";
      };
    };
    activities = {
      status = "statusproc ${nginx}/bin/nginx";
    };
    runlevels = [ 3 4 5 ];
  };

  # The spec's third and fifth examples: a daemon process, with a dependency.
  nginx-process = createSystemVInitScript {
    name = "nginx";
    description = "Nginx";
    initialize = ''
      mkdir -p ${stateDir}/logs
    '';
    process = "${nginx}/bin/nginx";
    args = [ "-c" configFile "-p" stateDir ];
    runlevels = [ 3 4 5 ];
    dependencies = [ webapp ];
  };

  # The spec's webapp: a foreground process daemonized with daemon.
  webapp = createSystemVInitScript {
    name = "webapp";
    process = "/opt/webapp/lib/node_modules/webapp/app.js";
    processIsDaemon = false;
    runlevels = [ 3 4 5 ];
    environment = {
      PORT = 5000;
    };
  };

  # An instance, unprivileged (forceDisableUserChange): PID and log files under the state dir.
  webapp-instance = createUnprivileged {
    name = "webapp2";
    instanceName = "webapp2";
    process = "/opt/webapp/bin/app";
    processIsDaemon = false;
    user = "webapp";
    environment.PORT = 5001;
  };

  # The remaining parameters.
  everything = createSystemVInitScript {
    name = "svc";
    description = "My service";
    globalInstructions = "ulimit -n 1024";
    umask = "022";
    nice = 5;
    directory = "/srv/my dir";
    path = [ "/opt/tools" "/opt/more" ];
    environment = { LANG = "C"; GREETING = "it's \"quoted\""; };
    process = "/opt/svc/bin/svcd";
    args = [ "--config" "/etc/svc conf" ];
    pidFile = "/var/run/svc/svcd.pid";
    user = "svc";
    reloadSignal = "-USR1";
    instructions.check = { activity = "Checking"; instruction = "/opt/svc/bin/svcd --check"; };
    activities.dump = "echo dump";
    removeActivities = [ "reload" ];
    defaultStart = [ 2 3 ];
    defaultStop = [ 0 6 ];
  };
}
