# "\{" is not a valid POSIX extended regular expression
builtins.match "\\$\\{.*\\}" "\${x}"
