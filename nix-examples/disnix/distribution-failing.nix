# The spec's distribution plus the broken service of services-failing.nix on test2.
{infrastructure}:

{
  webapp = [ infrastructure.test1 ];
  nginxReverseProxy = [ infrastructure.test2 ];
  broken = [ infrastructure.test2 ];
}
