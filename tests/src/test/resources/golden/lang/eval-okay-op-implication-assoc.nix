# -> is right associative: false -> false -> false is false -> (false -> false)
[ (false -> false -> false) ((false -> false) -> false) (true -> true -> false) ]
