{% if packages %}install{% else %}nothing to install{% endif %} {{ packages|default(['none'], true) }} {{ packages or 'empty' }} {{ packages|length > 0 }}
