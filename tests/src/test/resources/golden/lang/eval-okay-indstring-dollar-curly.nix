let x = "v"; in ''
  ''${x} is literal, ${x} is not, $${x} too
  end$''
