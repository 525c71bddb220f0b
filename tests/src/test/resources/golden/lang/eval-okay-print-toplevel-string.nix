"top level\nstring"
