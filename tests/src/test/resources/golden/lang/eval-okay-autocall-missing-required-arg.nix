# with some --arg given, the function is called; the missing formal has a default here
{ a ? "default a", b }: [ a b ]
