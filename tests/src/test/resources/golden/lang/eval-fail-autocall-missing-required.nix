{ required, other ? 1 }: required
