# The spec's distribution model: the webapp on test1, its reverse proxy on test2.
{infrastructure}:

{
  webapp = [ infrastructure.test1 ];
  nginxReverseProxy = [ infrastructure.test2 ];
}
