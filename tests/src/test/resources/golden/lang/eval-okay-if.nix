[ (if true then 1 else 2) (if false then 1 else 2) (if 1 < 2 then "yes" else throw "no") (if false then throw "no" else "lazy") (if true then if false then 1 else 2 else 3) ]
