{% set banner | upper | trim %}
   hello world
{% endset %}[{{ banner }}]
