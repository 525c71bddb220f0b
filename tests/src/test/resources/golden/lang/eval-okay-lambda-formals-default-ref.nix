# defaults can refer to other formals, in any order
let f = { a ? b * 2, b ? 3, c ? a + b }: [ a b c ]; in [ (f { }) (f { b = 1; }) (f { a = 0; }) (f { c = 9; }) ]
