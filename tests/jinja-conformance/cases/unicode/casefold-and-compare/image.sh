{{ 'Straße'.casefold() == 'STRASSE'.casefold() }} {{ 'Straße'|lower == 'strasse' }}
