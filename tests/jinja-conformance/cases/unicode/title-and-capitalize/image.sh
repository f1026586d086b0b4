{{ 'ǆungla'|capitalize }} {{ 'ßtraße'|title }} {{ 'ﬂour mill'|title }} {{ 'ὒ'|capitalize }} {{ "l'été d'or"|title }} {{ 'ΐ'.upper() }}
