{% for k, v in env | dictsort %}{{k}}={{v}};{% endfor %}
{% for k, v in env | dictsort(true) %}{{k}}={{v}};{% endfor %}
{% for k, v in env | dictsort(false, 'key', true) %}{{k}};{% endfor %}
