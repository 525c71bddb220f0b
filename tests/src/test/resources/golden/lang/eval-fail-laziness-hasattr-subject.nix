(throw "subject") ? a
