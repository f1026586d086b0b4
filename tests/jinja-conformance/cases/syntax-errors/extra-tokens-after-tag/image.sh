{% if true extra %}{% endif %}
