start
{% if true %}
inside
{% endif %}
end
