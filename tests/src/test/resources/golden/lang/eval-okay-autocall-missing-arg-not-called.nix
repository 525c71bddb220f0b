# without --arg for a formal that has no default, the function is printed, not called
{ required }: required
