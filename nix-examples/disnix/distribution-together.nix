# The webapp moved to test2, beside its reverse proxy: redeploying stops it on test1, starts it
# on test2 and reconfigures nginx to reach it there.
{infrastructure}:

{
  webapp = [ infrastructure.test2 ];
  nginxReverseProxy = [ infrastructure.test2 ];
}
