[ (if false then abort "no" else "fine") { x = abort "lazy"; }.y or "fallback" ]
