{% for i in range(1, 4) %}/dev/xvd{{ 'abcdefgh'[i] }}
{% endfor %}
