{ inherit (); }
