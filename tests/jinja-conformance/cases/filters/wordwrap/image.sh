{{ text|wordwrap(20) }}
--
{{ text|wordwrap(20, wrapstring='\n# ') }}
--
{{ 'supercalifragilisticexpialidocious word'|wordwrap(10) }}
--
{{ 'supercalifragilisticexpialidocious word'|wordwrap(10, break_long_words=false) }}
--
{{ 'well-known hyphen-ated words'|wordwrap(7) }}
--
{{ 'well-known hyphen-ated words'|wordwrap(7, break_on_hyphens=false) }}
--
{{ text|wordwrap }}
