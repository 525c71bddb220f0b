#! /bin/sh

### BEGIN INIT INFO
# Provides:      nginx
# Default-Start: 3 4 5
# Default-Stop:  0 1 2 6
# Description:   Nginx
### END INIT INFO

. /lib/lsb/init-functions

case "$1" in
  start)
    mkdir -p /var/run /var/log /tmp
    mkdir -p /var/logs
    log_info_msg "Starting Nginx..."
    loadproc /opt/nginx/bin/nginx -c /etc/nginx.conf -p /var
    evaluate_retval
    ;;

  stop)
    log_info_msg "Stopping Nginx..."
    killproc /opt/nginx/bin/nginx
    evaluate_retval
    ;;

  reload)
    log_info_msg "Reloading Nginx..."
    killproc /opt/nginx/bin/nginx -HUP
    evaluate_retval
    ;;

  restart)
    $0 stop
    sleep 1
    $0 start
    ;;

  status)
    statusproc /opt/nginx/bin/nginx
    ;;

  *)
    echo "Usage: $0" '{start|stop|reload|restart|status}'
    exit 1
    ;;

esac
