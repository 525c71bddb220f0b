args@{ ... }: builtins.attrNames args
