# The spec's infrastructure model: two machines, reached by their hostnames.
{
  test1.properties.hostname = "test1";
  test2.properties.hostname = "test2";
}
