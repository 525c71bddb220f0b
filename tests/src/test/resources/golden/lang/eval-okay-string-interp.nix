let x = "world"; n = 3; in [ "hello ${x}" "${x}${x}" "n=${toString n}" "${"nested ${x}"}" "a${""}b" "${x}" "${ "x" + "y" }" "pre$${x}" "${x}$" ]
