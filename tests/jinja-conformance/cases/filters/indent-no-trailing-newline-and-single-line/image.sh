[{{ 'a\nb'|indent(3) }}] [{{ 'single'|indent(4, true) }}] [{{ 'a\n\nb\n'|indent(2, blank=false) }}] [{{ 'a\n\nb\n'|indent(2, blank=true) }}]
