{{ '<b>'|forceescape }} {{ ('<b>'|e)|forceescape }} {{ ('<b>'|safe)|forceescape }}
