[ (assert true; 1) (assert 1 == 1; assert "a" != "b"; "nested") ]
