{{ 'ß'|upper }} {{ 'straße'.upper() }} {{ 'İ'|lower }} {{ 'İ'|lower|length }} {{ 'ﬁ'|upper }} {{ 'ŉ'|upper }} {{ 'Σ'|lower }} {{ 'ΟΔΟΣ'|lower }} {{ 'ǅ'|upper }} {{ 'ǅ'|lower }}
