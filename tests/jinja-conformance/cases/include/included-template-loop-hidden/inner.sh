[{{ i }} {{ loop is defined }}]
