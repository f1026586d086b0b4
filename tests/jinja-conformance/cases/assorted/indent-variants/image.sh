x:
  {{ 'a\nb\n\nc' | indent }}
{{ 'a\nb\n\nc' | indent(4, true) }}
{{ 'a\nb\n\nc' | indent(width='> ', blank=true) }}
{{ 'a\nb\n' | indent(2, first=true, blank=true) }}|
