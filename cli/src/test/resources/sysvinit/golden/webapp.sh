#! /bin/sh

### BEGIN INIT INFO
# Provides:      webapp
# Default-Start: 3 4 5
# Default-Stop:  0 1 2 6
# Description:   webapp
### END INIT INFO

. /lib/lsb/init-functions
export PORT=5000
NIXPROC_ENV=PORT

case "$1" in
  start)
    mkdir -p /var/run /var/log /tmp
    log_info_msg 'Starting webapp...'
    nixproc_clean_exec /usr/bin/daemon --unsafe --inherit --output /var/log/nixproc-webapp.log --errlog /var/log/nixproc-webapp.log --pidfile /var/run/webapp.pid -- /opt/webapp/lib/node_modules/webapp/app.js &&
    nixproc_check_started -p /var/run/webapp.pid -l /var/log/nixproc-webapp.log -t 1 /opt/webapp/lib/node_modules/webapp/app.js
    evaluate_retval
    ;;

  stop)
    log_info_msg 'Stopping webapp...'
    killproc -p /var/run/webapp.pid /opt/webapp/lib/node_modules/webapp/app.js
    evaluate_retval
    ;;

  reload)
    log_info_msg 'Reloading webapp...'
    killproc -p /var/run/webapp.pid /opt/webapp/lib/node_modules/webapp/app.js -HUP
    evaluate_retval
    ;;

  restart)
    $0 stop
    sleep 1
    $0 start
    ;;

  status)
    statusproc -p /var/run/webapp.pid /opt/webapp/lib/node_modules/webapp/app.js
    ;;

  *)
    echo "Usage: $0" '{start|stop|reload|restart|status}'
    exit 1
    ;;

esac
