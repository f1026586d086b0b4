{{ '\u00e9'|length }} {{ 'e\u0301'|length }} {{ '😀'|length }} {{ '👍🏽'|length }} {{ '日本'|length }} {{ '😀'[0] }} {{ 'a😀b'[::-1] }}
