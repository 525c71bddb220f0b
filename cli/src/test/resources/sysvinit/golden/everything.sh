#! /bin/sh

### BEGIN INIT INFO
# Provides:      svc
# Default-Start: 2 3
# Default-Stop:  0 6
# Description:   My service
### END INIT INFO

. /lib/lsb/init-functions
ulimit -n 1024
umask 022
export GREETING='it'\''s "quoted"'
export LANG=C
export PATH=/opt/tools/bin:/opt/more/bin:"$PATH"
NIXPROC_ENV='GREETING LANG'

case "$1" in
  start)
    mkdir -p /var/run /var/log /var/run/svc
    [ -d /tmp ] || { mkdir -p /tmp && chmod 1777 /tmp; }
    log_info_msg 'Starting My service...'
    cd '/srv/my dir'
    start_daemon -p /var/run/svc/svcd.pid -n 5 -u svc /opt/svc/bin/svcd --config '/etc/svc conf' &&
    nixproc_check_started -p /var/run/svc/svcd.pid -t 1 /opt/svc/bin/svcd
    evaluate_retval
    ;;

  stop)
    log_info_msg 'Stopping My service...'
    killproc -p /var/run/svc/svcd.pid /opt/svc/bin/svcd
    evaluate_retval
    ;;

  restart)
    $0 stop
    sleep 1
    $0 start
    ;;

  status)
    statusproc -p /var/run/svc/svcd.pid /opt/svc/bin/svcd
    ;;

  check)
    log_info_msg 'Checking My service...'
    /opt/svc/bin/svcd --check
    evaluate_retval
    ;;

  dump)
    echo dump
    ;;

  *)
    echo "Usage: $0" '{start|stop|restart|status|check|dump}'
    exit 1
    ;;

esac
