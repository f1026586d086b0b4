{{ n is number }} {{ n is integer }} {{ n is float }} {{ s is number }} {{ 4.2 is float }} {{ 4.2 is number }} {{ true is number }} {{ true is integer }} {{ (2 ** 80) is integer }}
