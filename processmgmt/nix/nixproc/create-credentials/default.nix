# createCredentials: the groups and users a process needs, as a package holding
# dysnomia-support/groups/NAME and dysnomia-support/users/NAME (format: ../README.md).
# Arguments as nix-processmgmt's ({ stdenv, lib, ids, forceDisableUserChange }), all optional;
# then { groups ? {}, users ? {} }. Done by the Java builtin builtins.createSystemVInitCredentials.
{ ids ? {}, forceDisableUserChange ? false, ... }:

credentials: builtins.createSystemVInitCredentials { inherit ids forceDisableUserChange; } credentials
