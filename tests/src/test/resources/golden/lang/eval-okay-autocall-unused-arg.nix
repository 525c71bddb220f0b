# extra --arg values are ignored when the function has no such formal
{ a ? 1 }: a
