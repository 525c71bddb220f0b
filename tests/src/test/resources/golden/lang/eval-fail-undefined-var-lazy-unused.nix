# undefined variables are reported at parse time, even in unused code
let unused = nowhere; in 1
