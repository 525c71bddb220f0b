42 # no newline after this comment
