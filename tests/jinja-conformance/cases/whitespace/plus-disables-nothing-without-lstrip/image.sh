  {%+ if true %}x{% endif %}
    {%+ for i in [1] %}y{% endfor +%}
z
