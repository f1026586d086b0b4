{% if 'git' in packages %}git wanted{% endif %}
{% if 'vim' not in packages %}no vim{% endif %}
{% if packages is sequence %}a list{% endif %}
