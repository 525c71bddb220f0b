# ! binds tighter than ==
[ (!true == false) (!(true == false)) (! true != true) ]
