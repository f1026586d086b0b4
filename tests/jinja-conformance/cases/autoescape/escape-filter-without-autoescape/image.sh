{{ v|e }} {{ v|escape }} {{ v|forceescape }} {{ (v|e)|e }}
