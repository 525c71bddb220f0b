[ __curPos
  (let p = __curPos; in p.line) ]
