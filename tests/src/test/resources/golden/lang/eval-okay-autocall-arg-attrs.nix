{ cfg, extra ? [ ] }: cfg.x + builtins.length extra
