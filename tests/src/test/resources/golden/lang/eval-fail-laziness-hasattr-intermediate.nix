# The steps before the last are forced.
{ a = throw "intermediate"; } ? a.b
