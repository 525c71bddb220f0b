# a default can refer to the @ name and to outer variables
let y = 100; f = s@{ a ? y, b ? s.a or 0 }: [ a b ]; in [ (f { }) (f { a = 1; }) ]
