#! /bin/sh

### BEGIN INIT INFO
# Provides:      webapp2
# Description:   webapp2
### END INIT INFO

. /lib/lsb/init-functions
export PORT=5001
NIXPROC_ENV=PORT

case "$1" in
  start)
    mkdir -p /home/u/var/run /home/u/var/log /home/u/var/tmp
    log_info_msg 'Starting webapp2...'
    nixproc_clean_exec daemon --unsafe --inherit --output /home/u/var/log/nixproc-webapp2.log --errlog /home/u/var/log/nixproc-webapp2.log --pidfile /home/u/var/run/webapp2.pid -- /opt/webapp/bin/app &&
    nixproc_check_started -p /home/u/var/run/webapp2.pid -l /home/u/var/log/nixproc-webapp2.log -t 1 /opt/webapp/bin/app
    evaluate_retval
    ;;

  stop)
    log_info_msg 'Stopping webapp2...'
    killproc -p /home/u/var/run/webapp2.pid /opt/webapp/bin/app
    evaluate_retval
    ;;

  reload)
    log_info_msg 'Reloading webapp2...'
    killproc -p /home/u/var/run/webapp2.pid /opt/webapp/bin/app -HUP
    evaluate_retval
    ;;

  restart)
    $0 stop
    sleep 1
    $0 start
    ;;

  status)
    statusproc -p /home/u/var/run/webapp2.pid /opt/webapp/bin/app
    ;;

  *)
    echo "Usage: $0" '{start|stop|reload|restart|status}'
    exit 1
    ;;

esac
