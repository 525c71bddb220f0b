{ n ? 1 }: { result = n * 2; other = throw "not selected"; }
