[ ''dollar ''$ here'' ''quotes ''' here'' ''nl ''\n tab ''\t cr ''\r bs ''\\ x ''\x'' ''$${x} and $'' ''a $ b'' ]
