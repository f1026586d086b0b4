[
   {%- if true -%}

   x

   {%- endif -%}
   ]
