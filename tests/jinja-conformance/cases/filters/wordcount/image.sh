{{ 'one two  three'|wordcount }} {{ ''|wordcount }} {{ "it's a don't-stop"|wordcount }} {{ 'a,b;c'|wordcount }}
