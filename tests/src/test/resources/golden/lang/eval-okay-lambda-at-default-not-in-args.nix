# the @-bound set holds only what was passed, not the defaults
let f = args@{ x ? 1 }: args; in [ (f { }) (f { x = 2; }) ]
