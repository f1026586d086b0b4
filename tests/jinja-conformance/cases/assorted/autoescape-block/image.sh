{% autoescape true %}{{ '<b>&' }} {{ '<i>' | safe }} {{ '<x>' | e }}{% endautoescape %}
{{ '<raw>' }} {{ '<e>' | escape }} {{ '<f>' | forceescape }}
