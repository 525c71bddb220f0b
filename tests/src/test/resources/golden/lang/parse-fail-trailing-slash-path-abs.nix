/foo/bar/
